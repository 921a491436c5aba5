#include "casesession.h"

namespace netcase {

CaseSession::CaseSession(CaseFile caseFile, bool reviewMode, QObject *parent)
    : QObject(parent)
    , m_case(std::move(caseFile))
    , m_reviewMode(reviewMode)
{}

CaseSession::~CaseSession()
{
    (void)save(); // closing is a save point (a failure is told by saveFailed)
}

QString CaseSession::title() const
{
    return m_case.info().title;
}

Result<CaseFile> CaseSession::openWorkerConnection() const
{
    CaseFile::OpenOptions o;
    o.readOnly = readOnly();
    o.alreadyLocked = true;
    return CaseFile::open(m_case.path(), o);
}

void CaseSession::notifyChanged()
{
    (void)save(); // a failure is told by saveFailed
    Q_EMIT changed();
}

void CaseSession::notifyNotesChanged()
{
    (void)save(); // a failure is told by saveFailed
    Q_EMIT notesChanged();
}

Status CaseSession::save()
{
    if (!m_case.encrypted() || m_case.readOnly()) // review mode records reviews: saved
        return {};
    Status s = m_case.saveEncrypted();
    if (!s.ok())
        Q_EMIT saveFailed(s.error().message);
    return s;
}

} // namespace netcase
