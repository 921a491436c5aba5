#include "importjob.h"

#include "api/registry.h"
#include "api/utf16stream.h"
#include "audit/auditlog.h"
#include "audit/chunkhash.h"
#include "case/casefile.h"
#include "case/overlap.h"
#include "case/sourcestore.h"
#include "case/sqlite.h"
#include "case/storageerror.h"
#include "core/identity.h"
#include "core/timeutil.h"
#include "ingest/chooseimporter.h"
#include "ingest/expansion.h"
#include "ingest/hashingstream.h"
#include "ingest/inputs.h"
#include "ingest/parsepipeline.h"
#include "store/bulkwrite.h"
#include "store/eventwriter.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFileInfo>

#include <tuple>

#include <nlohmann/json.hpp>

namespace netcase {

std::int64_t ImportReport::events() const
{
    std::int64_t n = 0;
    for (const auto &s : sources)
        n += s.events;
    return n;
}

std::int64_t ImportReport::rejects() const
{
    std::int64_t n = 0;
    for (const auto &s : sources)
        n += s.rejects;
    return n;
}

int ImportReport::failed() const
{
    return int(std::count_if(sources.begin(), sources.end(),
                             [](const SourceReport &s) { return !s.error.isEmpty(); }));
}

ImportJob::ImportJob(QStringList paths, ImportOptions options)
    : m_paths(std::move(paths))
    , m_options(std::move(options))
{}

Result<ImportReport> ImportJob::run(CaseFile &caseFile,
                                    const ProgressFn &progress,
                                    const std::atomic<bool> &cancel) const
{
    if (caseFile.readOnly())
        return makeError(caseFile.readOnlyReason().isEmpty()
                                 ? QStringLiteral("the case is open read-only")
                                 : caseFile.readOnlyReason(),
                         ErrorCode::Locked);
    const auto forcedOrNone = forcedImporter(m_options.format);
    if (!forcedOrNone)
        return forcedOrNone.error();
    const Importer *forced = forcedOrNone.value();
    ExpansionBudget budget(m_options, &cancel);
    auto expanded = expandInputs(m_paths, {m_options.followLinks, &budget});
    if (cancel.load())
        return makeError(QStringLiteral("import cancelled; the case is unchanged"),
                         ErrorCode::Cancelled);
    if (!expanded)
        return expanded.error();
    const std::vector<InputItem> *items = &expanded->items;

    ImportProgress prog;
    for (const auto &it : *items)
        prog.bytesTotal += it.size;

    Database &db = caseFile.db();
    const BulkWriteScope bulk(db);
    Transaction tx(db);
    if (!tx.active())
        return makeError(QStringLiteral("cannot write to the case: %1").arg(db.lastError()),
                         ErrorCode::Locked);
    ImportReport report;
    report.skipped = expanded->skipped;
    const QString actor = currentUserName();
    std::int64_t doneBefore = 0;

    // Audit chunks the writers hashed as they wrote them, of every source kept so far in this
    // transaction: the digests of each import record need not read them back.
    digest::KnownChunks written;
    for (const InputItem &item : *items) {
        // Detection reads (and may decompress) before any parsing: honour a cancel from then.
        if (cancel.load())
            return makeError(QStringLiteral("import cancelled; the case is unchanged"),
                             ErrorCode::Cancelled);
        SourceReport rep;
        rep.name = item.displayName();
        prog.currentFile = rep.name;
        auto finishItem = [&] {
            doneBefore += item.size;
            prog.bytesDone = doneBefore;
            if (progress)
                progress(prog);
            report.sources.push_back(rep);
        };

        const auto chosen = chooseImporter(item, forced, &budget);
        if (!chosen) {
            rep.error = chosen.error().message;
            finishItem();
            continue;
        }
        const Importer *imp = chosen.value();
        rep.format = imp->name();
        auto opened = openInput(item, &budget);
        if (!opened) {
            rep.error = opened.error().message;
            finishItem();
            continue;
        }
        HashingStream hashed(**opened); // the file's own bytes
        Utf16DecodingStream in(hashed); // what the parser reads: UTF-16 as UTF-8
        // A log still being written (or rotated) while it is read: the case then holds what was
        // read, and the analyst is told so.
        const QFileInfo before(item.path);
        const qint64 sizeBefore = before.size();
        const QDateTime modifiedBefore = before.lastModified();

        Savepoint savepoint(db, "source");
        const nlohmann::json opts
                = {{"year", m_options.year}, {"mapping", m_options.mapping.toStdString()}};
        const SourceRecord record{QFileInfo(item.path).fileName(),
                                  QFileInfo(item.path).absoluteFilePath(),
                                  item.member,
                                  item.size,
                                  imp->name(),
                                  m_options.timezone,
                                  opts.dump(),
                                  nowIso(),
                                  actor};
        auto begun = SourceStore::begin(db, record);
        if (!begun)
            return makeError(
                    QStringLiteral("cannot record the source: %1").arg(begun.error().message));
        rep.sourceId = *begun;

        const std::int64_t firstEventId = nextEventId(db);
        EventWriter writer(db, rep.sourceId);
        QElapsedTimer throttle;
        throttle.start();
        ParsePipeline pipe(*imp, in, m_options, item.displayName(), cancel);
        pipe.start();
        Status stored;
        while (EventBatch *b = pipe.next()) {
            stored = writer.addInterned(b->events);
            if (stored.ok())
                stored = writer.addRawBlock(b->raw);
            for (size_t i = 0; i < b->rejectCount && stored.ok(); ++i) {
                const EventBatch::RejectRecord &r = b->rejects[i];
                stored = writer.reject(r.line, r.reason, r.raw);
                rep.rejectKinds.add(r.kind);
            }
            pipe.recycle(b);
            if (!stored.ok() || cancel.load(std::memory_order_relaxed)) {
                pipe.stop();
                break;
            }
            if (progress && throttle.elapsed() >= 100) {
                throttle.restart();
                prog.bytesDone = doneBefore + std::min(pipe.position(), item.size);
                progress(prog);
            }
        }
        Status parsed = pipe.finish();
        if (stored.ok() && parsed.ok())
            stored = writer.finish();
        if (cancel.load())
            return makeError(QStringLiteral("import cancelled; the case is unchanged"),
                             ErrorCode::Cancelled);
        if (!stored.ok()) { // the parser then only saw a stop request: report the real cause
            // A full disk (or a location that turned read-only) ends the whole import: SQLite
            // may have rolled the transaction back already, and every further file would fail
            // the same way. Returning rolls back the rest, so the case stays as it was.
            if (classifyStorageFault(db.lastErrorCode(), db.lastSystemErrno()) != StorageFault::None
                || !db.inTransaction())
                return storageError(db, stored.error().message);
            parsed = stored;
        }
        if (!parsed.ok()) {
            savepoint.rollback();
            rep.error = parsed.error().message;
            rep.events = rep.rejects = 0;
            finishItem();
            continue;
        }
        rep.sha256 = hashed.hexDigest();
        rep.events = writer.events();
        rep.rejects = writer.rejects();
        if (const auto earlier = SourceStore::sameContent(db, rep.sha256, item.member)) {
            savepoint.rollback();
            rep.error = QStringLiteral("already in the case (same SHA-256 as source '%1'); "
                                       "not imported again")
                                .arg(*earlier);
            rep.events = rep.rejects = 0;
            finishItem();
            continue;
        }
        std::int64_t firstTs = writer.firstTs(), lastTs = writer.lastTs();
        const NewSource added{rep.sourceId, rep.format, firstEventId, firstTs, lastTs};
        if (rep.events > 0 && overlap::possible(db, added)) {
            auto moved = overlap::moveRepeats(db, added);
            if (!moved)
                return moved.error();
            rep.duplicates = *moved;
            rep.events -= *moved;
            rep.rejects += *moved;
            if (*moved > 0) {
                if (const auto span = SourceStore::eventSpan(db, rep.sourceId, firstEventId))
                    std::tie(firstTs, lastTs) = *span;
            }
        }
        if (rep.events > 0) {
            rep.firstUs = firstTs;
            rep.lastUs = lastTs;
        }
        for (const std::string &n : pipe.notes())
            rep.notes << QString::fromStdString(n);
        if (const QFileInfo after(item.path);
            after.size() != sizeBefore || after.lastModified() != modifiedBefore)
            rep.notes << QStringLiteral("the file changed while it was read (%1 bytes when the "
                                        "import began, %2 bytes now): the case holds the "
                                        "records read, and the SHA-256 is of those bytes; "
                                        "import it again once the log is complete")
                                 .arg(sizeBefore)
                                 .arg(after.size());
        const SourceCounts counts{rep.sha256,     rep.events, rep.rejects,
                                  rep.duplicates, firstTs,    lastTs};
        if (Status s = SourceStore::finish(db, rep.sourceId, counts); !s.ok())
            return s.error();
        nlohmann::json payload = {{"source_id", rep.sourceId},
                                  {"name", rep.name.toStdString()},
                                  {"sha256", rep.sha256.toStdString()},
                                  {"size", item.size},
                                  {"format", rep.format.toStdString()},
                                  {"timezone", m_options.timezone.toStdString()},
                                  {"events", rep.events},
                                  {"rejects", rep.rejects},
                                  {"duplicates", rep.duplicates}};
        written.merge(writer.knownChunks());
        if (Status s = AuditLog::append(db, actor, QStringLiteral("import"), payload, &written);
            !s.ok())
            return s.error();
        savepoint.release();
        finishItem();
    }
    if (!db.inTransaction()) // SQLite rolled it back after an error it alone saw
        return makeError(QStringLiteral("could not save the import: %1; the case is as it was")
                                 .arg(db.lastError()));
    if (Status s = tx.commit(); !s.ok())
        return makeError(QStringLiteral("could not save the import: %1").arg(s.error().message),
                         s.error().code);
    return report;
}

} // namespace netcase
