#pragma once

// Case → Sigma rules…: the folders of Sigma rules the case's analysis evaluates (stored in the
// case and audited, as `netcase analyze CASE --sigma DIR --save-sigma` stores them; the GUI's
// analysis runs them through sigma::storedDetection), each with the number of rules loaded from
// it, and every rule Netcase skips with the reason the loader gives.

#include <QDialog>
#include <QStringList>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace netcase {

class SigmaRulesDialog : public QDialog
{
    Q_OBJECT
public:
    SigmaRulesDialog(const QStringList &folders, bool readOnly, QWidget *parent = nullptr);

    /// The folders as listed (absolute paths).
    QStringList folders() const { return m_folders; }

private:
    /// Adds the path field's folder; says why not on the status line when it cannot.
    void addFromField();
    void removeSelected();
    void browse();
    /// Loads every listed folder again and fills both lists.
    void refresh();

    QStringList m_folders;
    bool m_readOnly;
    QLineEdit *m_path;
    QPushButton *m_add;
    QPushButton *m_remove;
    QTreeWidget *m_list;        ///< folder, rules, correlations, unsupported
    QTreeWidget *m_unsupported; ///< file, title, reason
    QLabel *m_status;
};

} // namespace netcase
