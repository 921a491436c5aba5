#pragma once

// The event table over the case, filtered by the selection hub and the search bar's query
// (Ctrl+F), with a pane showing the raw record of the selected event. Clicking an address or
// account cell selects it everywhere; right-click pivots (eventpivots.h).

#include "case/eventquery.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTableView;

namespace netcase {

class CaseSession;
class EventColumns;
class EventNotes;
class EventTableModel;
class SavedSearchButton;
class SearchBar;
class SelectionHub;

class EventsView : public QWidget
{
    Q_OBJECT
public:
    EventsView(SelectionHub &hub, QWidget *parent = nullptr);

    void setSession(CaseSession *session);
    EventTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    SearchBar *searchBar() const { return m_search; }
    EventNotes *notes() const { return m_notes; }
    EventColumns *columns() const { return m_columns; }
    SavedSearchButton *savedSearches() const { return m_saved; }
    /// Makes the event the current row, widening the table to it if the filter hides it.
    void revealEvent(std::int64_t eventId);

private:
    void showRaw();
    void followFilter();
    void updateCaption();
    void restoreCurrent();
    /// The hub's filter with the search bar's query.
    EventFilter filter() const;

    SelectionHub &m_hub;
    CaseSession *m_session = nullptr;
    EventTableModel *m_model;
    SearchBar *m_search;
    QTableView *m_table;
    QPlainTextEdit *m_raw;
    QLabel *m_caption;
    SavedSearchButton *m_saved;
    EventNotes *m_notes;
    EventColumns *m_columns;
    std::int64_t m_keepEvent = -1; ///< current before a filter change, made current again
};

} // namespace netcase
