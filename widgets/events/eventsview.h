#pragma once

// The event table over the case, filtered by the selection hub, with a pane showing the raw
// record of the selected event. Selecting a row publishes its address or account to the hub.

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTableView;

namespace netcase {

class CaseSession;
class EventTableModel;
class SelectionHub;

class EventsView : public QWidget
{
    Q_OBJECT
public:
    EventsView(SelectionHub &hub, QWidget *parent = nullptr);

    void setSession(CaseSession *session);
    EventTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

private:
    void showRaw();
    void followFilter();
    void updateCaption();

    SelectionHub &m_hub;
    CaseSession *m_session = nullptr;
    EventTableModel *m_model;
    QTableView *m_table;
    QPlainTextEdit *m_raw;
    QLabel *m_caption;
};

} // namespace netcase
