#pragma once

// Asks for a tag and its colour (Tag… in the event table): the tag is typed or picked from
// the case's tags, the colour is "automatic" (the tag's earlier colour, else one from a fixed
// palette) or a named colour.

#include <QDialog>

class QComboBox;

namespace netcase {

class TagDialog : public QDialog
{
    Q_OBJECT
public:
    TagDialog(const QStringList &tags, int events, QWidget *parent = nullptr);

    QString tag() const;
    /// Empty for automatic.
    QString color() const;
    QComboBox *tagBox() const { return m_tag; }
    QComboBox *colorBox() const { return m_color; }

private:
    QComboBox *m_tag;
    QComboBox *m_color;
};

} // namespace netcase
