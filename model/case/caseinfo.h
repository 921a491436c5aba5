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
};

} // namespace netcase
