#pragma once

// Pushes one file's events into the cluster. The protocol makes a push all or nothing for
// readers, without transactions (ClickHouse has none):
//   1. refused when the sources table already has the file's SHA-256;
//   2. a row in pushes, then the events streamed as one INSERT into the Distributed table with
//      insert_distributed_sync=1, then the rejects;
//   3. refused (and its own rows deleted) when another push of the file committed meanwhile;
//   4. the sources row, written last: from then on the rows of this push_id count; then the
//      rows of earlier broken-off pushes of the file are deleted (chcleanup.h).
// Readers only count rows whose push_id is the smallest committed one of its file
// (visiblePushes()), so a push that broke off (server gone, cancel) leaves rows nothing reads,
// and a re-push completes the file. Two machines committing the same file in the same instant
// both write a sources row; readers still see the file once (the smaller push id).

#include "cluster/chhttp.h"
#include "cluster/churl.h"
#include "core/event.h"
#include "core/result.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <string>

namespace netcase::cluster {

struct PushFile
{
    QString name;
    QString format;
    QString sha256;
    std::int64_t size = 0;
};

class ChPush
{
public:
    explicit ChPush(const ChConnection &c);
    ~ChPush();

    /// Step 1 and the start of step 2. An error when the file is already in the cluster.
    Status begin(const PushFile &file);
    /// Adds an event; the first error stops the push (later calls return it again).
    Status add(const Event &e);
    void reject(std::int64_t line, std::string_view reason, std::string_view raw);
    /// Steps 2 to 4.
    Status finish();

    /// False once a step failed (finish() then returns the error).
    bool ok() const { return m_status.ok(); }
    std::int64_t events() const { return m_events; }
    std::int64_t rejects() const { return m_rejects; }
    std::int64_t firstUs() const { return m_first; }
    std::int64_t lastUs() const { return m_last; }
    std::uint64_t pushId() const { return m_pushId; }
    /// After a successful finish(): what the clean-up of earlier broken-off pushes of the file
    /// did (chcleanup.h), or why it failed; empty when there were none.
    QString cleanupNote() const { return m_cleanupNote; }

    /// Bytes of RowBinary sent to the server in one chunk.
    static constexpr size_t kChunkBytes = size_t{1} << 20;

private:
    Result<QByteArray> query(const QString &sql);
    Result<bool> committed(); ///< a sources row for the file exists
    Status flushRejects();

    const ChConnection &m_conn;
    PushFile m_file;
    std::unique_ptr<ChHttp> m_stream;
    std::string m_rows;
    std::string m_rejectRows;
    Status m_status;
    std::uint64_t m_pushId = 0;
    std::int64_t m_events = 0;
    std::int64_t m_rejects = 0;
    std::int64_t m_first = 0;
    std::int64_t m_last = 0;
    QString m_cleanupNote;
};

/// The committed file with that SHA-256 ("name, N events, pushed AT"), if any.
Result<QString> pushedFile(const ChConnection &c, const QString &sha256);

} // namespace netcase::cluster
