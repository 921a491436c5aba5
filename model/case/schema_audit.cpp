#include "schema.h"

namespace netcase::schema {

// Decisions, reviews and the audit log are append-only: triggers refuse UPDATE and DELETE, a
// change to a decision is a new revision, and every audit record is hash-chained to the previous.
const char *auditV1()
{
    return R"SQL(
CREATE TABLE decisions(
    id INTEGER PRIMARY KEY,
    decision_key TEXT NOT NULL,
    revision INTEGER NOT NULL,
    subject_type TEXT NOT NULL,
    subject_value TEXT NOT NULL,
    verdict TEXT NOT NULL,
    confidence TEXT NOT NULL,
    factors TEXT NOT NULL DEFAULT '[]',
    reasoning TEXT NOT NULL,
    proportionality TEXT NOT NULL DEFAULT '',
    analyst TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (decision_key, revision)
);
CREATE INDEX decisions_subject ON decisions(subject_type, subject_value);
CREATE TABLE reviews(
    id INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decisions(id),
    verdict TEXT NOT NULL,
    note TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE audit_log(
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
    BEGIN SELECT RAISE(ABORT, 'decisions are append-only: record a new revision'); END;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
    BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews
    BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
    BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)SQL";
}

// The row digests under the chain: for each covered section (a table) the hash of each row
// as last recorded, and for small tables the row itself, so `verify` can name the column that
// changed. The root of each section's rows is in the audit record that wrote it. Migration 5
// also adds reviews.self_review (in code: only when missing).
const char *auditV5()
{
    return R"SQL(
CREATE TABLE IF NOT EXISTS audit_rows(
    section TEXT NOT NULL,
    key TEXT NOT NULL,
    hash TEXT NOT NULL,
    content TEXT,
    PRIMARY KEY (section, key)
) WITHOUT ROWID;
)SQL";
}

} // namespace netcase::schema
