#pragma once

// The case's threat intelligence: each imported file (intel_sources: format, name, path,
// SHA-256, producer, what was not used) and its indicators (intel_indicators). An import is one
// transaction with its audit record ("intel.import"), so a file is in the case whole or not at
// all; a file already imported (same SHA-256) is refused.

#include "indicator.h"

#include "core/result.h"

#include <vector>

namespace netcase {
class Database;
}

namespace netcase::intel {

struct IntelSource
{
    std::int64_t id = 0;
    QString format;
    QString name;
    QString path;
    QString sha256;
    QString producer;
    QString importedAt;
    QString actor;
    std::int64_t indicators = 0;
    std::vector<Unsupported> unsupported;
};

struct StoredIndicator
{
    std::int64_t id = 0;
    std::int64_t sourceId = 0;
    Indicator ind;
};

class IntelStore
{
public:
    /// Stores one file's indicators and audits it. Returns the new source.
    static Result<IntelSource> import(Database &db, const IntelFile &file, const QString &actor);
    static std::vector<IntelSource> sources(const Database &db);
    static std::vector<StoredIndicator> indicators(const Database &db);
    /// The indicators with this kind and canonical value (exact, not by network).
    static std::vector<StoredIndicator>
    byValue(const Database &db, Kind kind, const QString &value);
};

} // namespace netcase::intel
