#include "severitydelegate.h"

#include "items/findingsmodel.h"
#include "items/roles.h"

#include <QApplication>
#include <QPainter>

namespace netcase {

QColor SeverityDelegate::bandColor(int severity)
{
    const QString band = FindingsModel::severityBand(severity);
    if (band == QLatin1String("high"))
        return QColor(0xD5, 0x5E, 0x00);
    if (band == QLatin1String("medium"))
        return QColor(0xE6, 0x9F, 0x00);
    return QColor(0x8A, 0x9B, 0xAE);
}

void SeverityDelegate::paint(QPainter *painter,
                             const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QVariant sev = index.data(roles::Severity);
    if (!sev.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // Background (selection, alternate rows) from the style, then the chip on top.
    opt.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    const int severity = sev.toInt();
    const QColor fill = bandColor(severity);
    const QString text
            = QStringLiteral("%1 %2").arg(severity).arg(FindingsModel::severityBand(severity));
    const QRectF chip = QRectF(opt.rect).adjusted(3, 2, -3, -2);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(chip, 3, 3);
    // All three band colours are light enough that black text has the better contrast.
    painter->setPen(Qt::black);
    painter->drawText(chip, Qt::AlignCenter, text);
    painter->restore();
}

QSize SeverityDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(std::max(s.width(),
                        option.fontMetrics.horizontalAdvance(QStringLiteral("100 medium")) + 14));
    return s;
}

} // namespace netcase
