#include "casesession.h"

namespace netcase {

CaseSession::CaseSession(CaseFile caseFile, bool reviewMode, QObject *parent)
    : QObject(parent)
    , m_case(std::move(caseFile))
    , m_reviewMode(reviewMode)
{}

CaseSession::~CaseSession() = default;

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
    Q_EMIT changed();
}

} // namespace netcase
