#pragma once

// Query planning for the `events` virtual table (eventsvtab.cpp): which of the store's access
// paths serves a WHERE clause, as SQLite's xBestIndex asks.
//
// Plans, cheapest first: one id (id = ?, also each value of id IN (...)); a posting list
// (source_ip = ?, user = ? or client_ip = ?); a scan of the blocks that can hold a match,
// narrowed by id range, time range (each block's min/max time) and source_id. No constraint
// is marked as consumed: SQLite re-checks every row, so a plan only has to return a superset.

#include "store/eventblock.h"

struct sqlite3_index_info;

namespace netcase::eventsvtab {

// Columns of the virtual table: id, source_id, the integer columns of eventblock.h, labels.
constexpr int kColId = 0;
constexpr int kColSource = 1;
constexpr int kFirstInt = 2;
constexpr int kColLabels = kFirstInt + kIntColumns;

/// idxNum & 0xff; the posting plan keeps its PostingKind in idxNum >> 8, the scan plan its
/// Bound flags.
enum Plan { PlanScan = 0, PlanId = 1, PlanPosting = 2 };
// Scan bounds, passed as arguments in this order when present.
enum Bound { IdLo, IdHi, TsLo, TsHi, TsEq, Source, kBounds };

/// Fills xBestIndex's answer: the plan in idxNum, its arguments' order, costs, ordering.
int planEventsQuery(sqlite3_index_info *info);

} // namespace netcase::eventsvtab
