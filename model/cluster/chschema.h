#pragma once

// The tables of a Netcase database in ClickHouse. Each is a MergeTree table "<name>_local" on
// every shard with a Distributed table "<name>" over the cluster in front of it:
//   events   the field table's columns (core/fields.h) plus push_id and line; addresses as
//            FixedString(16) (IPv4 mapped into IPv6), times as Int64 UTC microseconds; ordered by
//            (ts, source_ip), partitioned by UTC day
//   rejects  push_id, line, reason, raw
//   pushes   one row when a push of a file starts (push_id, sha256)
//   sources  one row when it is complete, written last: sha256, push_id, name, counts
// A row of events or rejects counts only when its push_id is the committed push of its file
// (visiblePushes()): a push that broke off leaves rows that nothing reads.

#include "cluster/churl.h"
#include "core/result.h"

#include <QString>
#include <QStringList>

namespace netcase::cluster {

/// The events columns in RowBinary order, as "name Type" pairs.
QStringList eventColumns();
/// The column names alone, comma-separated, for INSERT and SELECT.
QString eventColumnList();

/// Creates the database and the tables on every host of the connection where they are missing.
Status initSchema(const ChConnection &c);
/// An error that says to run --init when the tables are not there.
Status checkSchema(const ChConnection &c);

/// A subquery of the push ids whose rows count: per file, the smallest committed push id.
QString visiblePushes();

} // namespace netcase::cluster
