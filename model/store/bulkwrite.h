#pragma once

// Settings for one large write transaction (an import), restored afterwards.
//
// A case is normally in WAL mode, so the GUI can read while a worker writes. But WAL writes
// every page twice (to the log at commit, then into the file at the checkpoint), which was a
// fifth of a 1M-line import. When the writing connection is the only one on the case (the
// command line), the scope switches to a rollback journal for the transaction: pages appended
// to the file are written once, and a crash still leaves the case as it was (the journal holds
// the few pages that existed before). With another connection open (the GUI's), SQLite refuses
// the switch and the scope stays in WAL: slower, equally safe.
//
// While the scope lasts, a WritebackPacer has the kernel write the case's pages out as they come,
// so the commit's fsync does not wait for all of them at the end.

#include <cstdint>
#include <memory>

namespace netcase {

class Database;
class WritebackPacer;

class BulkWriteScope
{
public:
    /// Call outside any transaction; the destructor restores the journal mode, page cache and
    /// synchronous setting it found.
    explicit BulkWriteScope(Database &db);
    ~BulkWriteScope();
    BulkWriteScope(const BulkWriteScope &) = delete;
    BulkWriteScope &operator=(const BulkWriteScope &) = delete;

    /// True when the transaction writes through a rollback journal instead of the WAL.
    bool rollbackJournal() const { return m_rollback; }

private:
    Database &m_db;
    std::int64_t m_cacheSize;
    std::int64_t m_synchronous;
    bool m_rollback = false;
    std::unique_ptr<WritebackPacer> m_pacer; ///< starts the disk's work before the commit
};

} // namespace netcase
