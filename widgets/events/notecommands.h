#pragma once

// Undoable note changes for EventNotes: each redo and undo is one audited NoteStore write.

#include "case/notestore.h"

#include <QUndoCommand>

#include <functional>
#include <vector>

namespace netcase {

class CaseSession;

class NoteCommand : public QUndoCommand
{
public:
    /// first: the change itself, returning the notes it added (adding) or removed (removing).
    using Change = std::function<Result<std::vector<Note>>(Database &)>;
    NoteCommand(CaseSession &session, const QString &text, bool adding, Change first);

    void redo() override;
    void undo() override;
    /// Called with the message when a step fails (the command then leaves the stack).
    std::function<void(const QString &)> onError;

private:
    void done(Result<std::vector<Note>> r, bool nowPresent);

    CaseSession &m_session;
    bool m_adding;
    bool m_first = true;
    Change m_change;
    std::vector<Note> m_notes; ///< as last written or removed
};

} // namespace netcase
