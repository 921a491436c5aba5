#pragma once

// Help → Keyboard shortcuts: every shortcut the window and its views define, read from their
// actions and shortcuts when the dialog opens, so the list cannot drift from the program.

#include <QDialog>

class QTableWidget;

namespace netcase {

class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    /// Lists the shortcuts of window and every widget inside it.
    explicit ShortcutsDialog(QWidget *window);

    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace netcase
