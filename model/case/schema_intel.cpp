#include "schema.h"

namespace netcase::schema {

// Threat intelligence (model/intel, docs/INTEL.md): each imported STIX bundle or MISP file is an
// intel_sources row with its SHA-256 and what could not be used (unsupported: a JSON array of
// {"id", "what", "reason"}); each usable indicator an intel_indicators row naming its source.
//   intel_indicators.kind: ip (an address or a CIDR network: value is canonical), domain, url.
//   created / valid_from / valid_until: UTC microseconds, NULL when the producer gave none.
//   confidence: 0..100 or NULL; to_ids: MISP's flag (NULL for STIX); threat_level: MISP's
//   High/Medium/Low/Undefined; labels: JSON array of labels, indicator types or tags.
const char *intelV6()
{
    return R"SQL(
CREATE TABLE IF NOT EXISTS intel_sources(
    id INTEGER PRIMARY KEY,
    format TEXT NOT NULL,
    name TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    producer TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL,
    actor TEXT NOT NULL DEFAULT '',
    indicators INTEGER NOT NULL DEFAULT 0,
    unsupported TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS intel_indicators(
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES intel_sources(id),
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    external_id TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    producer TEXT NOT NULL DEFAULT '',
    confidence INTEGER,
    created INTEGER,
    valid_from INTEGER,
    valid_until INTEGER,
    labels TEXT NOT NULL DEFAULT '[]',
    to_ids INTEGER,
    threat_level TEXT NOT NULL DEFAULT '',
    context TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS intel_indicators_value ON intel_indicators(kind, value);
)SQL";
}

} // namespace netcase::schema
