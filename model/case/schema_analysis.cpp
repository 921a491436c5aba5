#include "schema.h"

namespace netcase::schema {

// Findings keep a stable fingerprint (kind + rule + entities) so re-running the analysis updates
// a finding in place and decisions that reference it stay valid. A finding the latest run no
// longer produces is kept with active = 0 (a decision may cite it), never deleted.
const char *analysisV1()
{
    return R"SQL(
CREATE TABLE analysis_runs(
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    rules TEXT NOT NULL,
    finished_at TEXT,
    actor TEXT NOT NULL DEFAULT '',
    events INTEGER NOT NULL DEFAULT 0,
    findings INTEGER NOT NULL DEFAULT 0,
    summary TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE findings(
    id INTEGER PRIMARY KEY,
    fingerprint TEXT NOT NULL UNIQUE,
    run_id INTEGER REFERENCES analysis_runs(id),
    kind TEXT NOT NULL,
    rule TEXT NOT NULL,
    severity INTEGER NOT NULL,
    title TEXT NOT NULL,
    first_ts INTEGER NOT NULL,
    last_ts INTEGER NOT NULL,
    signals TEXT NOT NULL DEFAULT '[]',
    caveats TEXT NOT NULL DEFAULT '[]',
    details TEXT NOT NULL DEFAULT '{}',
    evidence_count INTEGER NOT NULL DEFAULT 0,
    suppressed_by INTEGER,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX findings_severity ON findings(severity DESC);
CREATE INDEX findings_kind ON findings(kind, severity DESC);
CREATE TABLE finding_entities(
    finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (finding_id, type, value)
) WITHOUT ROWID;
CREATE INDEX finding_entities_value ON finding_entities(type, value);
CREATE TABLE finding_evidence(
    finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    event_id INTEGER NOT NULL,
    PRIMARY KEY (finding_id, event_id)
) WITHOUT ROWID;
CREATE TABLE entities(
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    value TEXT NOT NULL,
    cluster INTEGER,
    UNIQUE (type, value)
);
CREATE TABLE links(
    a INTEGER NOT NULL REFERENCES entities(id),
    b INTEGER NOT NULL REFERENCES entities(id),
    kind TEXT NOT NULL,
    weight INTEGER NOT NULL DEFAULT 1,
    first_ts INTEGER,
    last_ts INTEGER,
    PRIMARY KEY (a, b, kind)
) WITHOUT ROWID;
CREATE TABLE rule_tuning(
    id INTEGER PRIMARY KEY,
    rule TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT,
    decision_id INTEGER
);
CREATE TABLE rule_stats(
    rule TEXT PRIMARY KEY,
    hits INTEGER NOT NULL DEFAULT 0,
    escalated INTEGER NOT NULL DEFAULT 0,
    benign INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT
) WITHOUT ROWID;
)SQL";
}

} // namespace netcase::schema
