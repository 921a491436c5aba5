#pragma once

// Draws a finding's severity as a coloured chip with its number: a colour band (high, medium,
// low) that reads on light and dark palettes, with the number for those who cannot tell colours.

#include <QStyledItemDelegate>

namespace netcase {

class SeverityDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    /// Fill colour of a severity band (Okabe–Ito vermillion, orange, grey-blue).
    static QColor bandColor(int severity);

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace netcase
