#include "notecommands.h"

#include "case/casesession.h"
#include "core/identity.h"

namespace netcase {

NoteCommand::NoteCommand(CaseSession &session, const QString &text, bool adding, Change first)
    : QUndoCommand(text)
    , m_session(session)
    , m_adding(adding)
    , m_change(std::move(first))
{}

void NoteCommand::done(Result<std::vector<Note>> r, bool nowPresent)
{
    if (!r) {
        if (onError)
            onError(r.error().message);
        setObsolete(true);
        return;
    }
    if (nowPresent || m_first)
        m_notes = std::move(r.value());
    m_first = false;
    if (m_notes.empty())
        setObsolete(true); // nothing changed: nothing to undo
    m_session.notifyNotesChanged();
}

void NoteCommand::redo()
{
    Database &db = m_session.caseFile().db();
    if (m_first)
        done(m_change(db), m_adding);
    else if (m_adding)
        done(NoteStore::restore(db, m_notes, currentUserName()), true);
    else
        done(NoteStore::remove(
                     db,
                     [this] {
                         std::vector<std::int64_t> ids;
                         for (const Note &n : m_notes)
                             ids.push_back(n.id);
                         return ids;
                     }(),
                     currentUserName()),
             false);
}

void NoteCommand::undo()
{
    Database &db = m_session.caseFile().db();
    if (m_adding) {
        std::vector<std::int64_t> ids;
        for (const Note &n : m_notes)
            ids.push_back(n.id);
        done(NoteStore::remove(db, ids, currentUserName()), false);
    } else {
        done(NoteStore::restore(db, m_notes, currentUserName()), true);
    }
}

} // namespace netcase
