#pragma once

// The search bar's saved searches (case/savedsearches.h): a button whose menu lists the case's
// named queries (a click applies one), "Save this search…" (asks for a name) and "Delete" for
// each. Stored in the case and audited; reviewers see and apply them, but cannot save or delete.

#include <QToolButton>

class QMenu;

namespace netcase {

class CaseSession;
class SearchBar;

class SavedSearchButton : public QToolButton
{
    Q_OBJECT
public:
    SavedSearchButton(SearchBar *search, QWidget *parent = nullptr);

    void setSession(CaseSession *session);
    /// Rebuilds the menu from the case (what opening it does). Public for tests.
    void fillMenu();
    /// Saves the search bar's text under name (what the dialog of "Save this search…" does).
    bool save(const QString &name);

Q_SIGNALS:
    void message(const QString &text);

private:
    void askName();

    SearchBar *m_search;
    CaseSession *m_session = nullptr;
    QMenu *m_menu;
};

} // namespace netcase
