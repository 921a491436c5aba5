#pragma once

// The findings dock: severity (coloured chip), kind, entities, caveats and time window of each
// finding, with its signals and caveats in full below. Opening a finding (double-click or
// Enter) selects its evidence events, addresses and accounts in every view through the hub.

#include <QWidget>

#include <cstdint>
#include <vector>

class QCheckBox;
class QLabel;
class QTableView;
class QTextBrowser;

namespace netcase {

class CaseSession;
class FindingsModel;
class SelectionHub;
class TriageBar;
struct Selection;
struct StoredFinding;

class FindingsView : public QWidget
{
    Q_OBJECT
public:
    explicit FindingsView(SelectionHub &hub, QWidget *parent = nullptr);

    void setSession(CaseSession *session);
    FindingsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QString caption() const;
    /// Publishes the finding on a row to the hub (what double-click and Enter do).
    void openRow(int row);
    TriageBar *triage() const { return m_triage; }
    /// The ids of the selected findings.
    std::vector<std::int64_t> selectedFindings() const;

Q_SIGNALS:
    void message(const QString &text, int timeoutMs);

private:
    void showDetails();
    /// A campaign finding's sources as a table (empty for other findings).
    static QString membersHtml(const StoredFinding &f);
    void followSelection(const Selection &selection);
    void updateCaption();
    void updateTriage();
    void decideSelected();

    SelectionHub &m_hub;
    CaseSession *m_session = nullptr;
    FindingsModel *m_model;
    QTableView *m_table;
    QTextBrowser *m_details;
    QLabel *m_caption;
    QCheckBox *m_showAll;
    TriageBar *m_triage;
};

} // namespace netcase
