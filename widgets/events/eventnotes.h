#pragma once

// Notes from the event table: Star / Unstar (also Ctrl+D), Tag… and Comment… on the selected
// rows (the context menu and the notes column), written through NoteStore (each change audited) and
// undoable: undo removes what was added and adds back what was removed, each an audited change
// too. Read-only cases and review mode disable the actions.

#include "case/notestore.h"

#include <QObject>

#include <vector>

class QAction;
class QMenu;
class QTableView;
class QUndoStack;

namespace netcase {

class CaseSession;
class EventTableModel;
class NoteCommand;

class EventNotes : public QObject
{
    Q_OBJECT
public:
    EventNotes(QTableView *table, EventTableModel *model);

    void setSession(CaseSession *session);
    /// Adds the note actions for the selected rows to a context menu.
    void addActions(QMenu *menu);
    QUndoStack *undoStack() const { return m_stack; }
    /// The event ids of the selected rows, ascending.
    std::vector<std::int64_t> selectedEvents() const;

    /// The actions without their dialogs (what the menu's entries do once the text is known).
    void toggleStar();
    void tag(const QString &text, const QString &color);
    void comment(const QString &text);

Q_SIGNALS:
    /// A short message for the status bar (or an error).
    void message(const QString &text);

private:
    void askTag();
    void askComment();
    bool writable() const;
    void push(NoteCommand *cmd);

    QTableView *m_table;
    EventTableModel *m_model;
    CaseSession *m_session = nullptr;
    QUndoStack *m_stack;
};

} // namespace netcase
