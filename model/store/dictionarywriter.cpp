#include "dictionarywriter.h"

#include <sqlite3.h>

#include <string>

namespace netcase {

namespace {

int ipFamily(std::string_view ip)
{
    return ip.find(':') != std::string_view::npos ? 6 : 4;
}

std::string insertSql(bool ip, size_t rows)
{
    std::string sql = ip ? "INSERT OR IGNORE INTO ips(ip, family) VALUES "
                         : "INSERT OR IGNORE INTO strs(s) VALUES ";
    for (size_t i = 0; i < rows; ++i)
        sql += i ? (ip ? ",(?,?)" : ",(?)") : (ip ? "(?,?)" : "(?)");
    return sql;
}

// Below this, SQLite gives a new row the largest rowid plus one (past it, random ones), so the
// rows of one INSERT that all went in have consecutive ids.
constexpr std::int64_t kConsecutiveIds = std::int64_t(1) << 62;

} // namespace

DictionaryWriter::DictionaryWriter(Database &db)
    : m_db(db)
{
    for (bool ip : {false, true}) {
        Statements &s = ip ? m_ips : m_strs;
        s.insert = db.prepareRaw(insertSql(ip, 1).c_str());
        s.insertChunk = db.prepareRaw(insertSql(ip, kChunk).c_str());
        s.find = db.prepareRaw(ip ? "SELECT id FROM ips WHERE ip = ?"
                                  : "SELECT id FROM strs WHERE s = ?");
    }
}

DictionaryWriter::~DictionaryWriter()
{
    for (const Statements &s : {m_strs, m_ips}) {
        for (sqlite3_stmt *st : {s.insert, s.insertChunk, s.find})
            sqlite3_finalize(st);
    }
}

void DictionaryWriter::bindText(sqlite3_stmt *st, int row, std::string_view s, bool ip)
{
    const int columns = ip ? 2 : 1;
    sqlite3_bind_text(st, row * columns + 1, s.data(), int(s.size()), SQLITE_STATIC);
    if (ip)
        sqlite3_bind_int(st, row * columns + 2, ipFamily(s));
}

void DictionaryWriter::fail(std::string_view s)
{
    if (m_error.isEmpty())
        m_error = QStringLiteral("cannot store '%1': %2")
                          .arg(QString::fromUtf8(s.data(),
                                                 qsizetype(std::min<size_t>(s.size(), 80))),
                               m_db.lastError());
}

std::int64_t DictionaryWriter::find(std::string_view s, bool ip)
{
    sqlite3_stmt *st = (ip ? m_ips : m_strs).find;
    std::int64_t id = 0;
    if (st) {
        sqlite3_bind_text(st, 1, s.data(), int(s.size()), SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            id = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
    }
    if (!id)
        fail(s);
    return id;
}

std::int64_t DictionaryWriter::store(std::string_view s, bool ip)
{
    sqlite3_stmt *insert = (ip ? m_ips : m_strs).insert;
    if (!insert) {
        fail(s);
        return 0;
    }
    // Insert first: for a new string (the common case) that is the only statement needed.
    bindText(insert, 0, s, ip);
    const int rc = sqlite3_step(insert);
    sqlite3_reset(insert);
    if (rc == SQLITE_DONE && sqlite3_changes(m_db.handle()) == 1)
        return sqlite3_last_insert_rowid(m_db.handle());
    return find(s, ip);
}

bool DictionaryWriter::storeMany(std::span<const std::string_view> texts,
                                 bool ip,
                                 std::int64_t *ids)
{
    sqlite3_stmt *chunk = (ip ? m_ips : m_strs).insertChunk;
    size_t i = 0;
    for (; chunk && i + kChunk <= texts.size(); i += kChunk) {
        for (size_t k = 0; k < kChunk; ++k)
            bindText(chunk, int(k), texts[i + k], ip);
        const int rc = sqlite3_step(chunk);
        sqlite3_reset(chunk);
        if (rc != SQLITE_DONE) {
            fail(texts[i]);
            return false;
        }
        const std::int64_t last = sqlite3_last_insert_rowid(m_db.handle());
        if (sqlite3_changes(m_db.handle()) == int(kChunk) && last < kConsecutiveIds) {
            for (size_t k = 0; k < kChunk; ++k)
                ids[i + k] = last - std::int64_t(kChunk - 1 - k);
            continue;
        }
        // Some were there already: ask for each.
        for (size_t k = 0; k < kChunk; ++k) {
            if (!(ids[i + k] = find(texts[i + k], ip)))
                return false;
        }
    }
    for (; i < texts.size(); ++i) {
        if (!(ids[i] = store(texts[i], ip)))
            return false;
    }
    return true;
}

} // namespace netcase
