#pragma once

// The whole tamper check of a case: the audit log's hash chain, the append-only triggers, and
// that every decision and review row still equals what its audit record says was written.
// Someone who drops the triggers can edit the tables; the log's copy (covered by the chain)
// shows it. Removing the newest records is only detectable against an exported head hash.

#include "audit/auditlog.h"

#include <QStringList>

namespace netcase {

struct TrailCheck
{
    AuditVerdict chain;
    QStringList problems;   ///< tables that disagree with the log, missing triggers
    bool headFound = true;  ///< the expected head hash (if given) is in the chain
    QStringList notCovered; ///< sections written before this case had digests (not tampering)
    QStringList signers;    ///< which key signed which decision and review records
    int olderUnsigned = 0;  ///< decision/review records from before Netcase signed them
    int sectionsChecked = 0;

    bool intact() const { return chain.intact && problems.isEmpty() && headFound; }
    /// One line for the status bar or the command line.
    QString summary() const;

    /// expectedHead: a head hash printed earlier (a report); it must still be in the chain.
    static TrailCheck run(const Database &db, const QString &expectedHead = {});
};

} // namespace netcase
