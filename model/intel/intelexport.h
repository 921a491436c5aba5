#pragma once

// The case's decisions as intelligence for the team's platform: every address (subject ip) and
// domain (subject host that is a domain name) whose latest decision revision has the verdict
// `block`, as a STIX 2.1 bundle (an identity for Netcase and one indicator per subject) or a MISP
// event (one ip-src or domain attribute per subject, to_ids on). Each indicator's description
// cites the decision: its id, key and revision, the analyst, the time and the reasoning. Ids
// are derived from the decision key (UUID v5), so exporting again gives the same ids.

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace netcase {
class Database;
}

namespace netcase::intel {

enum class ExportFormat { Stix, Misp };

struct ExportResult
{
    QByteArray json;
    int indicators = 0;
    int skipped = 0; ///< block decisions on subjects that are neither an address nor a domain
};

Result<ExportResult> exportDecisions(const Database &db, ExportFormat format);

} // namespace netcase::intel
