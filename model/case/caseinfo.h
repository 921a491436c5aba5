#pragma once

#include <QString>

namespace netcase {

/// What the case is and under which authority it is worked on.
struct CaseInfo
{
    QString title;
    QString authorization; ///< ticket, warrant or approval reference
    QString scope;
    QString retentionDate; ///< ISO date after which the case should be destroyed
    QString createdAt;
    QString createdBy;
    QString netcaseVersion;
    /// Why the case was created without an authorisation reference (`new --no-authorization`).
    QString noAuthorizationReason;
    /// "Preserve for incident" (case/retention.h): the reason given, empty when not preserved.
    QString preserveReason;
    QString purgedAt; ///< when past-retention records were purged (case/retention.h), or empty
};

/// The authorisation line every report page and `info` print: the reference, or
/// "No authorisation reference: REASON", or "none recorded" (cases from before it was required).
inline QString authorisationText(const CaseInfo &i)
{
    if (!i.authorization.isEmpty())
        return i.authorization;
    if (!i.noAuthorizationReason.isEmpty())
        return QStringLiteral("No authorisation reference: ") + i.noAuthorizationReason;
    return QStringLiteral("none recorded");
}

} // namespace netcase
