#pragma once

// Case data in widgets is shown as written, never interpreted. A QLabel, a tooltip or a
// QMessageBox treats any string that looks like HTML as rich text, so an account named
// "<b style=color:green>VERIFIED SAFE</b>" would paint its own verdict into the analyst's view,
// and a bidi control would reorder what is read. Every widget that shows case data goes through
// these helpers; displaySafe() (core/displaytext.h) decides how controls are made visible.

#include "core/displaytext.h"

#include <QMessageBox>
#include <QStyledItemDelegate>

class QAbstractItemView;
class QLabel;
class QWidget;

namespace netcase::ui {

/// A label that shows its text as plain text whatever it looks like.
QLabel *plainLabel(QWidget *parent, const QString &text = {});
/// Makes an existing label plain text.
void makePlain(QLabel *label);
/// Shows text on a label as plain text, with controls and bidi overrides made visible.
void setPlainText(QLabel *label, const QString &text);

/// A modal message box whose text is plain text (QMessageBox's static functions guess the
/// format, and error messages carry file names and log text). Returns the button pressed.
QMessageBox::StandardButton showMessage(QWidget *parent,
                                        QMessageBox::Icon icon,
                                        const QString &title,
                                        const QString &text,
                                        QMessageBox::StandardButtons buttons = QMessageBox::Ok,
                                        QMessageBox::StandardButton defaultButton
                                        = QMessageBox::NoButton);

/// Rich text for QToolTip::showText or setToolTip that shows text exactly as written (escaped,
/// controls made visible, line breaks kept, long lines wrapped).
QString plainToolTip(const QString &text);

/// Item views draw DisplayRole as plain text but reorder bidi text and show tooltips as rich
/// text. This delegate passes both through displaySafe() and plainToolTip().
class SafeTextDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QString displayText(const QVariant &value, const QLocale &locale) const override;
    bool helpEvent(QHelpEvent *event,
                   QAbstractItemView *view,
                   const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;
};

/// Installs SafeTextDelegate as the view's default delegate.
void guardView(QAbstractItemView *view);

} // namespace netcase::ui
