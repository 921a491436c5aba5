#include "bulkwrite.h"

#include "case/sqlite.h"
#include "store/writeback.h"

namespace netcase {

namespace {

// A small page cache makes SQLite write pages out while the import still parses (on the other
// core) instead of all at the commit; it also keeps the import's memory lower.
constexpr std::int64_t kBulkCacheKiB = 16384;

QString pragmaText(Database &db, const char *sql)
{
    Statement st = db.prepare(sql);
    return st.step() ? st.text(0).toLower() : QString();
}

} // namespace

BulkWriteScope::BulkWriteScope(Database &db)
    : m_db(db)
    , m_cacheSize(db.scalar("PRAGMA cache_size"))
    , m_synchronous(db.scalar("PRAGMA synchronous"))
{
    (void)m_db.exec(QStringLiteral("PRAGMA cache_size = -%1").arg(kBulkCacheKiB).toStdString());
    if (!m_db.readOnly() && !m_db.path().isEmpty()) {
        const std::string path = m_db.path().toStdString();
        m_pacer = std::make_unique<WritebackPacer>(std::vector<std::string>{path, path + "-wal"});
    }
    if (m_db.readOnly() || pragmaText(m_db, "PRAGMA journal_mode") != QLatin1String("wal"))
        return;
    // SQLite answers with the mode in force afterwards: still "wal" when another connection
    // has the case open.
    m_rollback = pragmaText(m_db, "PRAGMA journal_mode = DELETE") == QLatin1String("delete");
    if (m_rollback) // FULL makes a rollback journal as safe as WAL is with NORMAL
        (void)m_db.exec("PRAGMA synchronous = FULL");
}

BulkWriteScope::~BulkWriteScope()
{
    m_pacer.reset();
    (void)m_db.exec(QStringLiteral("PRAGMA cache_size = %1").arg(m_cacheSize).toStdString());
    if (m_rollback) {
        (void)m_db.exec("PRAGMA journal_mode = WAL");
        (void)m_db.exec(QStringLiteral("PRAGMA synchronous = %1").arg(m_synchronous).toStdString());
    }
}

} // namespace netcase
