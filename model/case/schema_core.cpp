#include "schema.h"

namespace netcase::schema {

// Events are stored once, compactly: every repeated string is interned in `strs` (or `ips`)
// and the event row holds integer ids. Timestamps are UTC microseconds; tz_offset keeps the
// original offset in minutes. Each event keeps source_id + line so its raw record can be shown.
const char *coreV1()
{
    return R"SQL(
CREATE TABLE case_info(
    id INTEGER PRIMARY KEY CHECK (id = 1),
    title TEXT NOT NULL,
    authorization_ref TEXT NOT NULL DEFAULT '',
    scope TEXT NOT NULL DEFAULT '',
    retention_date TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    netcase_version TEXT NOT NULL
);
CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE sources(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    path TEXT NOT NULL,
    member TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    format TEXT NOT NULL,
    timezone TEXT NOT NULL DEFAULT 'UTC',
    options TEXT NOT NULL DEFAULT '{}',
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL DEFAULT '',
    events INTEGER NOT NULL DEFAULT 0,
    rejects INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    first_ts INTEGER,
    last_ts INTEGER,
    UNIQUE (sha256, member)
);
CREATE TABLE strs(id INTEGER PRIMARY KEY, s TEXT NOT NULL UNIQUE);
CREATE TABLE ips(id INTEGER PRIMARY KEY, ip TEXT NOT NULL UNIQUE, family INTEGER NOT NULL);
CREATE TABLE events(
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    line INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    tz_offset INTEGER,
    outcome INTEGER NOT NULL DEFAULT 0,
    category INTEGER,
    action INTEGER,
    source_ip INTEGER,
    source_port INTEGER,
    source_domain INTEGER,
    client_ip INTEGER,
    destination_ip INTEGER,
    destination_port INTEGER,
    destination_domain INTEGER,
    host INTEGER,
    user INTEGER,
    user_agent INTEGER,
    http_method INTEGER,
    url INTEGER,
    status INTEGER,
    body_bytes INTEGER,
    transport INTEGER,
    session INTEGER,
    device INTEGER,
    mfa INTEGER,
    source_bytes INTEGER,
    destination_bytes INTEGER,
    packets INTEGER,
    duration INTEGER,
    labels TEXT
);
CREATE INDEX events_ts ON events(ts);
CREATE INDEX events_ip ON events(source_ip, ts);
CREATE INDEX events_user ON events(user, ts);
CREATE TABLE raw_blocks(
    source_id INTEGER NOT NULL REFERENCES sources(id),
    first_line INTEGER NOT NULL,
    last_line INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (source_id, first_line)
) WITHOUT ROWID;
CREATE TABLE rejects(
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    line INTEGER NOT NULL,
    reason TEXT NOT NULL,
    raw TEXT NOT NULL
);
CREATE INDEX rejects_source ON rejects(source_id, line);
CREATE TABLE directory(
    account TEXT PRIMARY KEY,
    mfa_enrolled INTEGER,
    device_trust TEXT,
    department TEXT,
    last_password_reset TEXT,
    extra TEXT NOT NULL DEFAULT '{}'
) WITHOUT ROWID;
)SQL";
}

// X-Forwarded-For addresses: an IP filter matches source.ip OR client.ip, and without this index
// the client.ip half scanned the whole table. Partial, since most events carry no client.ip.
const char *coreV2()
{
    return "CREATE INDEX events_client_ip ON events(client_ip) WHERE client_ip IS NOT NULL;";
}

// The block event store (eventstore.h) replaces the events table; migration 3 moves the rows.
const char *coreV3()
{
    return R"SQL(
CREATE TABLE event_blocks(
    first_id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    count INTEGER NOT NULL,
    min_ts INTEGER NOT NULL,
    max_ts INTEGER NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE event_postings(
    kind INTEGER NOT NULL,
    key INTEGER NOT NULL,
    first_id INTEGER NOT NULL,
    ids BLOB NOT NULL,
    PRIMARY KEY (kind, key, first_id)
) WITHOUT ROWID;
CREATE TABLE event_deleted(id INTEGER PRIMARY KEY);
)SQL";
}

// Raw blocks may hold "<line> =<form>" records, rebuilt from their events (rawform.h). No table
// changes; the version keeps older builds, which would read such a record as empty, out.
const char *coreV4()
{
    return "SELECT 1;";
}

} // namespace netcase::schema
