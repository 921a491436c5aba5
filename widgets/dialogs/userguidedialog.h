#pragma once

// Help → User guide (F1): the guide shipped inside the application (resources/help/
// userguide.md, rendered as Markdown), readable offline, with a find field.

#include <QDialog>

class QLineEdit;
class QTextBrowser;

namespace netcase {

class UserGuideDialog : public QDialog
{
    Q_OBJECT
public:
    explicit UserGuideDialog(QWidget *parent = nullptr);

    /// The guide's text as shown (plain), for tests.
    QString text() const;
    /// Finds the next occurrence of text (wrapping once); false when there is none.
    bool find(const QString &text);

private:
    QTextBrowser *m_browser;
    QLineEdit *m_find;
};

} // namespace netcase
