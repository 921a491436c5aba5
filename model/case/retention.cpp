#include "retention.h"

#include "audit/auditlog.h"
#include "audit/sectiondigest.h"
#include "case/casefile.h"
#include "case/settingsstore.h"
#include "case/sqlite.h"
#include "core/timeutil.h"
#include "store/eventstore.h"

#include <QFileInfo>

#include <nlohmann/json.hpp>

namespace netcase::retention {

namespace {

const QString kPreserveKey = QStringLiteral("case.preserve");
const QString kPurgeKey = QStringLiteral("case.purge");

/// The sections a purge empties: the block store, raw records and rejects.
const std::vector<const char *> kPurged
        = {"event_blocks", "event_postings", "event_deleted", "raw_blocks", "rejects"};

std::int64_t fileBytes(const QString &path)
{
    return QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
}

QString str(const nlohmann::json &j, const char *key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                            : QString();
}

} // namespace

Preservation preservation(const Database &db)
{
    Preservation p;
    const auto text = SettingsStore::get(db, kPreserveKey);
    if (!text)
        return p;
    const auto j = nlohmann::json::parse(*text, nullptr, false);
    if (!j.is_object())
        return p;
    p.preserved = j.value("preserved", false);
    p.reason = str(j, "reason");
    p.by = str(j, "by");
    p.at = str(j, "at");
    return p;
}

Status setPreserved(Database &db, bool preserve, const QString &reason, const QString &actor)
{
    if (reason.trimmed().isEmpty())
        return makeError(QStringLiteral("give the reason with --reason TEXT"), ErrorCode::Usage);
    const Preservation now = preservation(db);
    if (preserve && now.preserved)
        return makeError(QStringLiteral("the case is already preserved for an incident (%1, by "
                                        "%2 on %3)")
                                 .arg(now.reason, now.by, now.at),
                         ErrorCode::Usage);
    if (!preserve && !now.preserved)
        return makeError(QStringLiteral("the case is not preserved for an incident; nothing to "
                                        "release"),
                         ErrorCode::Usage);
    const QString at = nowIso();
    Transaction tx(db);
    const nlohmann::json value = {{"preserved", preserve},
                                  {"reason", reason.toStdString()},
                                  {"by", actor.toStdString()},
                                  {"at", at.toStdString()}};
    if (Status s = SettingsStore::put(db, kPreserveKey, value.dump()); !s.ok())
        return s;
    if (Status s = AuditLog::append(db, actor,
                                    preserve ? QStringLiteral("case.preserve")
                                             : QStringLiteral("case.release"),
                                    {{"reason", reason.toStdString()}});
        !s.ok())
        return s;
    return tx.commit();
}

QString purgeRefusal(const Database &db, const QDate &today)
{
    Statement st = db.prepare("SELECT retention_date FROM case_info");
    const QString date = st.valid() && st.step() ? st.text(0) : QString();
    if (date.isEmpty())
        return QStringLiteral("the case has no retention date, so nothing in it is past "
                              "retention; nothing was purged");
    const QDate until = QDate::fromString(date, Qt::ISODate);
    if (!until.isValid())
        return QStringLiteral("the case's retention date \"%1\" is not a date; nothing was "
                              "purged")
                .arg(date);
    if (today <= until)
        return QStringLiteral("the case's retention date %1 has not passed; its records are "
                              "kept until then; nothing was purged")
                .arg(until.toString(Qt::ISODate));
    if (const Preservation p = preservation(db); p.preserved)
        return QStringLiteral("the case is preserved for an incident (\"%1\", by %2 on %3); "
                              "release it first with `netcase preserve CASE --release --reason "
                              "TEXT`; nothing was purged")
                .arg(p.reason, p.by, p.at);
    return {};
}

Result<PurgeResult> purge(CaseFile &c, const QString &actor, const QDate &today)
{
    Database &db = c.db();
    if (c.readOnly())
        return makeError(QStringLiteral("the case is read-only"), ErrorCode::Locked);
    if (const QString why = purgeRefusal(db, today); !why.isEmpty())
        return makeError(why, ErrorCode::Data);
    PurgeResult r;
    r.bytesBefore = fileBytes(c.path());
    r.events = eventStoreStats(db).events;
    r.eventBlocks = db.scalar("SELECT count(*) FROM event_blocks");
    r.postingRows = db.scalar("SELECT count(*) FROM event_postings WHERE kind <> 0");
    r.rawBlocks = db.scalar("SELECT count(*) FROM raw_blocks");
    r.rejects = db.scalar("SELECT count(*) FROM rejects");
    r.at = nowIso();
    {
        Transaction tx(db);
        if (!tx.active())
            return makeError(QStringLiteral("cannot start the purge: %1").arg(db.lastError()));
        // Event ids are never given again: a later import continues after the purged ones,
        // which findings, notes and decisions may still cite.
        const std::int64_t next = nextEventId(db);
        // The kind-0 rows of event_postings describe the store (which posting lists it keeps),
        // not events.
        if (Status s = db.exec("DELETE FROM event_blocks; DELETE FROM event_postings WHERE kind "
                               "<> 0; DELETE FROM event_deleted; DELETE FROM raw_blocks; "
                               "DELETE FROM rejects;");
            !s.ok())
            return s.error();
        if (Status s
            = SettingsStore::put(db, QStringLiteral("store.next_event_id"), std::to_string(next));
            !s.ok())
            return s.error();
        const nlohmann::json counts = {{"events", r.events},
                                       {"event_blocks", r.eventBlocks},
                                       {"posting_rows", r.postingRows},
                                       {"raw_blocks", r.rawBlocks},
                                       {"rejects", r.rejects},
                                       {"at", r.at.toStdString()}};
        if (Status s = SettingsStore::put(db, kPurgeKey, counts.dump()); !s.ok())
            return s.error();
        // The emptied append-only sections keep the hashes of their first write: forget them,
        // so the purge's record covers what is left (AuditLog::append hashes them afresh).
        if (Status s = digest::forget(db, kPurged); !s.ok())
            return s.error();
        nlohmann::json payload = counts;
        payload.erase("at");
        if (Status s = AuditLog::append(db, actor, QStringLiteral("case.purge"), payload); !s.ok())
            return s.error();
        if (Status s = tx.commit(); !s.ok())
            return s.error();
    }
    // Rebuild the file without the freed pages, then fold the WAL back and truncate it.
    if (Status s = db.exec("VACUUM"); !s.ok())
        return makeError(QStringLiteral("the records were purged but the file could not be "
                                        "compacted: %1")
                                 .arg(s.error().message));
    if (Status s = db.exec("PRAGMA wal_checkpoint(TRUNCATE)"); !s.ok())
        return s.error();
    r.bytesAfter = fileBytes(c.path());
    return r;
}

QString purgedAt(const Database &db)
{
    const auto text = SettingsStore::get(db, kPurgeKey);
    if (!text)
        return {};
    const auto j = nlohmann::json::parse(*text, nullptr, false);
    return j.is_object() ? str(j, "at") : QString();
}

} // namespace netcase::retention
