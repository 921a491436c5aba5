#include "common/safetext.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QLabel>
#include <QTextDocument>
#include <QToolTip>

namespace netcase::ui {

QLabel *plainLabel(QWidget *parent, const QString &text)
{
    auto *label = new QLabel(parent);
    setPlainText(label, text);
    return label;
}

void makePlain(QLabel *label)
{
    label->setTextFormat(Qt::PlainText);
}

void setPlainText(QLabel *label, const QString &text)
{
    makePlain(label);
    label->setText(displaySafe(text, LineBreaks::Keep));
}

QMessageBox::StandardButton showMessage(QWidget *parent,
                                        QMessageBox::Icon icon,
                                        const QString &title,
                                        const QString &text,
                                        QMessageBox::StandardButtons buttons,
                                        QMessageBox::StandardButton defaultButton)
{
    QMessageBox box(icon, title, displaySafe(text, LineBreaks::Keep), buttons, parent);
    box.setTextFormat(Qt::PlainText);
    if (defaultButton != QMessageBox::NoButton)
        box.setDefaultButton(defaultButton);
    return QMessageBox::StandardButton(box.exec());
}

QString plainToolTip(const QString &text)
{
    if (text.isEmpty())
        return text;
    // convertFromPlainText escapes and keeps line breaks in a <p>, so QToolTip takes it as rich
    // text: the escapes are shown as the characters they stand for, and long lines wrap.
    return Qt::convertFromPlainText(displaySafe(text, LineBreaks::Keep), Qt::WhiteSpaceNormal);
}

QString SafeTextDelegate::displayText(const QVariant &value, const QLocale &locale) const
{
    // Text is made safe before the base delegate turns each '\n' into U+2028, the separator it
    // draws lines with; made safe after, that separator would show as "<U+2028>".
    if (value.typeId() == QMetaType::QString)
        return QStyledItemDelegate::displayText(displaySafe(value.toString(), LineBreaks::Keep),
                                                locale);
    return displaySafe(QStyledItemDelegate::displayText(value, locale), LineBreaks::Keep);
}

bool SafeTextDelegate::helpEvent(QHelpEvent *event,
                                 QAbstractItemView *view,
                                 const QStyleOptionViewItem &option,
                                 const QModelIndex &index)
{
    if (!event || !view || event->type() != QEvent::ToolTip)
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QString tip = index.data(Qt::ToolTipRole).toString();
    if (tip.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPos(), plainToolTip(tip), view);
    return true;
}

void guardView(QAbstractItemView *view)
{
    view->setItemDelegate(new SafeTextDelegate(view));
}

} // namespace netcase::ui
