// The `events` table as SQL sees it: a virtual table over the block store (eventstore.h). The
// plans are chosen in eventsplan.cpp; this file runs them.

#include "store/eventblock.h"
#include "store/eventsplan.h"
#include "store/eventstore.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <new>

namespace netcase {

namespace {

using namespace eventsvtab;

constexpr const char *kDeclare
        = "CREATE TABLE x(id INTEGER, source_id INTEGER, line INTEGER, ts INTEGER, tz_offset "
          "INTEGER, outcome INTEGER, category INTEGER, action INTEGER, source_ip INTEGER, "
          "source_port INTEGER, source_domain INTEGER, client_ip INTEGER, destination_ip INTEGER, "
          "destination_port INTEGER, destination_domain INTEGER, host INTEGER, user INTEGER, "
          "user_agent INTEGER, http_method INTEGER, url INTEGER, status INTEGER, body_bytes "
          "INTEGER, transport INTEGER, session INTEGER, device INTEGER, mfa INTEGER, source_bytes "
          "INTEGER, destination_bytes INTEGER, packets INTEGER, duration INTEGER, labels TEXT)";

struct Vtab : sqlite3_vtab
{
    sqlite3 *db = nullptr;
};

struct Cursor : sqlite3_vtab_cursor
{
    sqlite3 *db = nullptr;
    sqlite3_stmt *scan = nullptr;
    sqlite3_stmt *findBlock = nullptr;
    sqlite3_stmt *postings = nullptr;
    sqlite3_stmt *deleted = nullptr;
    sqlite3_stmt *anyDeletedQuery = nullptr;
    DecodedBlock block;
    bool haveBlock = false;
    bool scanning = false;
    bool eof = true;
    int row = -1;
    std::int64_t id = 0;
    std::vector<std::int64_t> ids;
    size_t next = 0;
    std::int64_t idLo = INT64_MIN, idHi = INT64_MAX, tsLo = INT64_MIN, tsHi = INT64_MAX;
    /// Scan plan standing in for a posting list the store lacks: only rows whose column
    /// (eventblock.h index) holds this key, since SQLite may call xFilter once per value of an
    /// IN list and then checks rows against the whole list.
    int keyColumn = -1;
    std::int64_t key = 0;
    bool anyDeleted = false;
    std::vector<std::int64_t> deletedIds; ///< of the current block, when anyDeleted

    ~Cursor()
    {
        for (sqlite3_stmt *st : {scan, findBlock, postings, deleted, anyDeletedQuery})
            sqlite3_finalize(st);
    }
};

int prepare(sqlite3 *db, sqlite3_stmt *&st, const char *sql)
{
    if (st) {
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        return SQLITE_OK;
    }
    return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr);
}

/// An integer bound from a value: floor (lower bounds) or ceil (upper); false when the value is
/// not a number (the bound is then not applied; SQLite's own check still filters).
bool integerOf(sqlite3_value *v, bool upper, std::int64_t &out)
{
    switch (sqlite3_value_numeric_type(v)) {
    case SQLITE_INTEGER:
        out = sqlite3_value_int64(v);
        return true;
    case SQLITE_FLOAT: {
        const double d
                = upper ? std::ceil(sqlite3_value_double(v)) : std::floor(sqlite3_value_double(v));
        if (!(d > -9.2e18 && d < 9.2e18))
            return false;
        out = std::int64_t(d);
        return true;
    }
    default:
        return false;
    }
}

bool isDeleted(const Cursor *c, std::int64_t id)
{
    return !c->deletedIds.empty()
           && std::binary_search(c->deletedIds.begin(), c->deletedIds.end(), id);
}

// The deleted ids inside the current block (only looked up when the case has any).
void loadDeleted(Cursor *c)
{
    c->deletedIds.clear();
    if (!c->anyDeleted || !c->haveBlock)
        return;
    if (prepare(c->db, c->deleted,
                "SELECT id FROM main.event_deleted WHERE id BETWEEN ? AND ? ORDER BY id")
        != SQLITE_OK)
        return;
    sqlite3_bind_int64(c->deleted, 1, c->block.firstId());
    sqlite3_bind_int64(c->deleted, 2, c->block.firstId() + c->block.count() - 1);
    while (sqlite3_step(c->deleted) == SQLITE_ROW)
        c->deletedIds.push_back(sqlite3_column_int64(c->deleted, 0));
    sqlite3_reset(c->deleted);
}

bool loadBlock(Cursor *c, sqlite3_stmt *st)
{
    const void *data = sqlite3_column_blob(st, 3);
    const int size = sqlite3_column_bytes(st, 3);
    c->haveBlock = c->block.reset(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                                  sqlite3_column_int(st, 2), data, size_t(size));
    loadDeleted(c);
    return c->haveBlock;
}

// Ids plan: the next listed id that exists.
void nextListed(Cursor *c)
{
    while (c->next < c->ids.size()) {
        const std::int64_t id = c->ids[c->next++];
        if (!c->haveBlock || !c->block.covers(id)) {
            if (prepare(c->db, c->findBlock,
                        "SELECT first_id, source_id, count, data FROM main.event_blocks WHERE "
                        "first_id <= ? ORDER BY first_id DESC LIMIT 1")
                != SQLITE_OK)
                break;
            sqlite3_bind_int64(c->findBlock, 1, id);
            const bool found
                    = sqlite3_step(c->findBlock) == SQLITE_ROW && loadBlock(c, c->findBlock);
            sqlite3_reset(c->findBlock);
            if (!found || !c->block.covers(id))
                continue;
        }
        if (isDeleted(c, id))
            continue;
        c->id = id;
        c->row = int(id - c->block.firstId());
        return;
    }
    c->eof = true;
}

// Scan plan: the next row of the candidate blocks inside the bounds.
void nextScanned(Cursor *c)
{
    for (;;) {
        if (c->haveBlock) {
            const bool tsBound = c->tsLo != INT64_MIN || c->tsHi != INT64_MAX;
            const std::vector<std::int64_t> *ts = tsBound ? &c->block.column(ColTs) : nullptr;
            while (++c->row < c->block.count()) {
                const std::int64_t id = c->block.firstId() + c->row;
                if (id < c->idLo)
                    continue;
                if (id > c->idHi) {
                    c->eof = true;
                    return;
                }
                if (ts) {
                    const std::int64_t t = (*ts)[size_t(c->row)];
                    if (t < c->tsLo || t > c->tsHi)
                        continue;
                }
                if (isDeleted(c, id))
                    continue;
                if (c->keyColumn >= 0 && c->block.value(c->keyColumn, c->row) != c->key)
                    continue;
                c->id = id;
                return;
            }
        }
        if (sqlite3_step(c->scan) != SQLITE_ROW) {
            c->eof = true;
            return;
        }
        loadBlock(c, c->scan);
        c->row = -1;
    }
}

int xConnect(sqlite3 *db, void *, int, const char *const *, sqlite3_vtab **out, char **)
{
    const int rc = sqlite3_declare_vtab(db, kDeclare);
    if (rc != SQLITE_OK)
        return rc;
    auto *v = new (std::nothrow) Vtab;
    if (!v)
        return SQLITE_NOMEM;
    v->db = db;
    *out = v;
    return SQLITE_OK;
}

int xDisconnect(sqlite3_vtab *v)
{
    delete static_cast<Vtab *>(v);
    return SQLITE_OK;
}

int xBestIndex(sqlite3_vtab *, sqlite3_index_info *info)
{
    return planEventsQuery(info);
}

int xOpen(sqlite3_vtab *vtab, sqlite3_vtab_cursor **out)
{
    auto *c = new (std::nothrow) Cursor;
    if (!c)
        return SQLITE_NOMEM;
    c->db = static_cast<Vtab *>(vtab)->db;
    *out = c;
    return SQLITE_OK;
}

int xClose(sqlite3_vtab_cursor *cur)
{
    delete static_cast<Cursor *>(cur);
    return SQLITE_OK;
}

int checkDeleted(Cursor *c)
{
    int rc = prepare(c->db, c->anyDeletedQuery, "SELECT EXISTS (SELECT 1 FROM main.event_deleted)");
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(c->anyDeletedQuery);
    const bool any = rc == SQLITE_ROW && sqlite3_column_int(c->anyDeletedQuery, 0) != 0;
    sqlite3_reset(c->anyDeletedQuery);
    if (rc != SQLITE_ROW)
        return rc;
    if (any != c->anyDeleted) {
        c->anyDeleted = any;
        loadDeleted(c);
    }
    return SQLITE_OK;
}

int filterScan(Cursor *c, int flags, sqlite3_value **argv)
{
    c->scanning = true;
    // The block of an earlier xFilter on this cursor is not part of this scan (it comes again
    // from the scan if it is): reading on in it would return its rows twice.
    c->haveBlock = false;
    c->idLo = c->tsLo = INT64_MIN;
    c->idHi = c->tsHi = INT64_MAX;
    std::int64_t source = 0;
    bool haveSource = false;
    int arg = 0;
    for (int b = 0; b < kBounds; ++b) {
        if (!(flags & (1 << b)))
            continue;
        sqlite3_value *v = argv[arg++];
        if (sqlite3_value_type(v) == SQLITE_NULL)
            return SQLITE_OK; // a comparison with NULL matches nothing
        std::int64_t x = 0;
        switch (b) {
        case IdLo:
            if (integerOf(v, false, x))
                c->idLo = std::max(c->idLo, x);
            break;
        case IdHi:
            if (integerOf(v, true, x))
                c->idHi = std::min(c->idHi, x);
            break;
        case TsLo:
            if (integerOf(v, false, x))
                c->tsLo = std::max(c->tsLo, x);
            break;
        case TsHi:
            if (integerOf(v, true, x))
                c->tsHi = std::min(c->tsHi, x);
            break;
        case TsEq:
            if (integerOf(v, false, x))
                c->tsLo = std::max(c->tsLo, x);
            if (integerOf(v, true, x))
                c->tsHi = std::min(c->tsHi, x);
            break;
        case Source:
            haveSource = integerOf(v, false, source);
            break;
        default:
            break;
        }
    }
    const int rc = prepare(c->db, c->scan,
                           "SELECT first_id, source_id, count, data FROM main.event_blocks WHERE "
                           "first_id > ?1 AND first_id <= ?2 AND max_ts >= ?3 AND min_ts <= ?4 "
                           "AND (?5 IS NULL OR source_id = ?5) ORDER BY first_id");
    if (rc != SQLITE_OK)
        return rc;
    // A block holds at most kBlockEvents ids, so one starting that far below idLo cannot match.
    sqlite3_bind_int64(c->scan, 1,
                       c->idLo > INT64_MIN + kBlockEvents ? c->idLo - kBlockEvents : INT64_MIN);
    sqlite3_bind_int64(c->scan, 2, c->idHi);
    sqlite3_bind_int64(c->scan, 3, c->tsLo);
    sqlite3_bind_int64(c->scan, 4, c->tsHi);
    if (haveSource)
        sqlite3_bind_int64(c->scan, 5, source);
    c->eof = false;
    nextScanned(c);
    return SQLITE_OK;
}

int filterPosting(Cursor *c, int kind, sqlite3_value *key)
{
    std::int64_t k = 0;
    if (sqlite3_value_numeric_type(key) != SQLITE_INTEGER)
        return SQLITE_OK; // keys are integer ids: nothing else can match
    k = sqlite3_value_int64(key);
    const int rc = prepare(c->db, c->postings,
                           "SELECT ids FROM main.event_postings WHERE kind = ? AND key = ? ORDER "
                           "BY first_id");
    if (rc != SQLITE_OK)
        return rc;
    if (kind == int(PostingKind::DestinationIp)) {
        // Only a store begun with destination lists has them all (eventstore.h); otherwise
        // every block is read and SQLite's own check of the constraint picks the rows.
        sqlite3_bind_int(c->postings, 1, 0);
        sqlite3_bind_int64(c->postings, 2, kind);
        const bool complete = sqlite3_step(c->postings) == SQLITE_ROW;
        sqlite3_reset(c->postings);
        if (!complete) {
            c->keyColumn = ColDestinationIp;
            c->key = k;
            return filterScan(c, 0, nullptr);
        }
    }
    sqlite3_bind_int(c->postings, 1, kind);
    sqlite3_bind_int64(c->postings, 2, k);
    while (sqlite3_step(c->postings) == SQLITE_ROW)
        decodePostings(sqlite3_column_blob(c->postings, 0),
                       size_t(sqlite3_column_bytes(c->postings, 0)), c->ids);
    sqlite3_reset(c->postings);
    c->eof = false;
    nextListed(c);
    return SQLITE_OK;
}

int xFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *, int, sqlite3_value **argv)
{
    auto *c = static_cast<Cursor *>(cur);
    c->eof = true;
    c->scanning = false;
    c->keyColumn = -1;
    c->row = -1;
    c->ids.clear();
    c->next = 0;
    if (c->scan)
        sqlite3_reset(c->scan);
    if (const int rc = checkDeleted(c); rc != SQLITE_OK)
        return rc;
    switch (idxNum & 0xff) {
    case PlanId: {
        std::int64_t id = 0;
        if (sqlite3_value_numeric_type(argv[0]) == SQLITE_INTEGER) {
            id = sqlite3_value_int64(argv[0]);
            c->ids.push_back(id);
            c->eof = false;
            nextListed(c);
        }
        return SQLITE_OK;
    }
    case PlanPosting:
        return filterPosting(c, idxNum >> 8, argv[0]);
    default:
        return filterScan(c, idxNum >> 8, argv);
    }
}

int xNext(sqlite3_vtab_cursor *cur)
{
    auto *c = static_cast<Cursor *>(cur);
    if (c->scanning)
        nextScanned(c);
    else
        nextListed(c);
    return SQLITE_OK;
}

int xEof(sqlite3_vtab_cursor *cur)
{
    return static_cast<Cursor *>(cur)->eof;
}

int xColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
    auto *c = static_cast<Cursor *>(cur);
    if (col == kColId) {
        sqlite3_result_int64(ctx, c->id);
    } else if (col == kColSource) {
        sqlite3_result_int64(ctx, c->block.sourceId());
    } else if (col == kColLabels) {
        bool isNull = true;
        const std::string_view s = c->block.labels(c->row, isNull);
        if (isNull)
            sqlite3_result_null(ctx);
        else
            sqlite3_result_text(ctx, s.data(), int(s.size()), SQLITE_TRANSIENT);
    } else if (col > kColSource && col < kColLabels) {
        const std::int64_t v = c->block.value(col - kFirstInt, c->row);
        if (v == kNull)
            sqlite3_result_null(ctx);
        else
            sqlite3_result_int64(ctx, v);
    }
    return SQLITE_OK;
}

int xRowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
    *rowid = static_cast<Cursor *>(cur)->id;
    return SQLITE_OK;
}

// Only deletions: events are added by importing (EventStoreWriter), never changed.
int xUpdate(sqlite3_vtab *vtab, int argc, sqlite3_value **argv, sqlite3_int64 *)
{
    auto *v = static_cast<Vtab *>(vtab);
    if (argc != 1) {
        sqlite3_free(v->zErrMsg);
        v->zErrMsg = sqlite3_mprintf("events are added by importing and never changed");
        return SQLITE_READONLY;
    }
    sqlite3_stmt *st = nullptr;
    int rc = sqlite3_prepare_v2(v->db, "INSERT OR IGNORE INTO main.event_deleted(id) VALUES (?)",
                                -1, &st, nullptr);
    if (rc == SQLITE_OK) {
        sqlite3_bind_value(st, 1, argv[0]);
        rc = sqlite3_step(st);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    return rc;
}

const sqlite3_module kModule = {
        /* iVersion */ 0,
        /* xCreate */ xConnect,
        /* xConnect */ xConnect,
        xBestIndex,
        xDisconnect,
        /* xDestroy */ xDisconnect,
        xOpen,
        xClose,
        xFilter,
        xNext,
        xEof,
        xColumn,
        xRowid,
        xUpdate,
        nullptr, // xBegin
        nullptr, // xSync
        nullptr, // xCommit
        nullptr, // xRollback
        nullptr, // xFindFunction
        nullptr, // xRename
        nullptr, // xSavepoint
        nullptr, // xRelease
        nullptr, // xRollbackTo
        nullptr, // xShadowName
};

} // namespace

int registerEventsModule(sqlite3 *db)
{
    return sqlite3_create_module_v2(db, "netcase_events", &kModule, nullptr, nullptr);
}

} // namespace netcase
