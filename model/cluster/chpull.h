#pragma once

// Pulls the events a filter selects from the cluster into a case, as one source: its name is the
// server and database, its provenance (the source's options and the audit record "pull") the
// servers, database, filter, time range, row count and the SHA-256 of the rows as received
// (RowBinary, in a fixed order, so the same slice pulled twice hashes the same and is refused
// as already in the case). The user name and password are never written. A pulled event has no
// raw record: the cluster keeps normalised events, not the lines they came from. Enrichment and
// analysis are the caller's next step, as after an import.

#include "cluster/chfilter.h"
#include "cluster/churl.h"
#include "core/result.h"

#include <QString>

#include <atomic>
#include <cstdint>

namespace netcase {
class CaseFile;
}

namespace netcase::cluster {

struct PullReport
{
    std::int64_t sourceId = 0;
    std::int64_t events = 0;
    std::int64_t bytes = 0;
    QString sha256;
    std::int64_t firstUs = 0;
    std::int64_t lastUs = 0;
};

/// How many events the filter selects (the count preview before a pull).
Result<std::int64_t> countEvents(const ChConnection &c, const ChFilter &f);

Result<PullReport> pullIntoCase(CaseFile &caseFile,
                                const ChConnection &c,
                                const ChFilter &f,
                                const std::atomic<bool> &cancel);

} // namespace netcase::cluster
