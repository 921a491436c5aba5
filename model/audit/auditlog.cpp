#include "auditlog.h"

#include "audit/sectiondigest.h"
#include "audit/signingkey.h"
#include "case/sqlite.h"
#include "core/identity.h"
#include "core/timeutil.h"

#include <QCryptographicHash>

#include <nlohmann/json.hpp>

namespace netcase {

namespace {

QString sha256Hex(const std::string &prev, const std::string &canonical)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArrayView(prev.data(), qsizetype(prev.size())));
    h.addData(QByteArrayView(canonical.data(), qsizetype(canonical.size())));
    return QString::fromLatin1(h.result().toHex());
}

} // namespace

bool AuditLog::signedAction(const QString &action)
{
    return action == QLatin1String("decision.record") || action == QLatin1String("review.record");
}

std::string AuditLog::canonical(std::int64_t seq,
                                const QString &at,
                                const QString &actor,
                                const QString &action,
                                const std::string &payloadJson)
{
    nlohmann::json j = {{"seq", seq},
                        {"at", at.toStdString()},
                        {"actor", actor.toStdString()},
                        {"action", action.toStdString()},
                        {"payload", nlohmann::json::parse(payloadJson, nullptr, false)}};
    // Replace, never throw, on invalid UTF-8: a hostile string must not stop the audit.
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status AuditLog::append(Database &db,
                        const QString &actor,
                        const QString &action,
                        const nlohmann::json &payload,
                        const digest::KnownChunks *known)
{
    std::string prev = kGenesis;
    std::int64_t seq = 1;
    {
        Statement last = db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        if (last.step()) {
            seq = last.int64(0) + 1;
            prev = std::string(last.textView(1));
        }
    }
    const QString at = nowIso();
    // What the record covers: the operating-system account that wrote it (besides the name
    // typed as actor) and the digests of the sections its action wrote.
    nlohmann::json full = payload.is_object() ? payload : nlohmann::json{{"value", payload}};
    full["os_account"] = osAccountName().toStdString();
    if (const auto sections = digest::sectionsWrittenBy(action); !sections.empty()) {
        auto digests = digest::refresh(db, sections, known);
        if (!digests)
            return digests.error();
        if (!digests->empty())
            full["digests"] = std::move(*digests);
    }
    if (signedAction(action)) {
        // The analyst's key signs the chain up to and including this record (its content
        // without the signature member), so the signature vouches for the head it creates.
        const std::string unsignedJson
                = full.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        const std::string message = prev + canonical(seq, at, actor, action, unsignedJson);
        auto key = SigningKey::loadOrCreate();
        Result<QByteArray> sig = key ? key->sign(QByteArray::fromStdString(message))
                                     : Result<QByteArray>(key.error());
        if (key && sig)
            full["signature"] = {{"public_key", key->publicKeyHex().toStdString()},
                                 {"fingerprint", key->fingerprint().toStdString()},
                                 {"value", sig->toHex().toStdString()}};
        else
            full["signature"]
                    = {{"error", (key ? sig.error() : key.error()).message.toStdString()}};
    }
    const std::string payloadJson
            = full.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const QString hash = sha256Hex(prev, canonical(seq, at, actor, action, payloadJson));
    Statement ins = db.prepare("INSERT INTO audit_log(seq, at, actor, action, payload, prev_hash, "
                               "hash) VALUES (?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, seq).bind(2, at).bind(3, actor).bind(4, action);
    ins.bind(5, std::string_view(payloadJson)).bind(6, std::string_view(prev)).bind(7, hash);
    return ins.exec();
}

AuditVerdict AuditLog::verify(const Database &db)
{
    AuditVerdict v;
    std::string prev = kGenesis;
    std::string beforePrev; // hash of the record two back: tells an insertion from an edit
    QString lastAt;         // times must not go back along the chain
    std::int64_t expectedSeq = 1;
    Statement st = db.prepare(
            "SELECT seq, at, actor, action, payload, prev_hash, hash FROM audit_log ORDER BY seq");
    if (!st.valid()) {
        v.intact = false;
        v.firstBadSeq = 1;
        v.problem = QStringLiteral("the audit log cannot be read: %1").arg(db.lastError());
        return v;
    }
    while (st.step()) {
        const std::int64_t seq = st.int64(0);
        const std::string prevHash(st.textView(5));
        const QString hash = st.text(6);
        auto bad = [&](std::int64_t at, const QString &why) {
            v.intact = false;
            v.firstBadSeq = at;
            v.problem = why;
            return v;
        };
        if (seq > expectedSeq)
            return bad(expectedSeq, QStringLiteral("record %1 is missing (removed); the log "
                                                   "jumps from record %2 to %3")
                                            .arg(expectedSeq)
                                            .arg(expectedSeq - 1)
                                            .arg(seq));
        if (seq < expectedSeq)
            return bad(seq, QStringLiteral("record %1 is out of order").arg(seq));
        if (prevHash != prev) {
            if (!beforePrev.empty() && prevHash == beforePrev)
                return bad(seq - 1, QStringLiteral("record %1 was inserted: record %2 chains to "
                                                   "record %3 before it")
                                            .arg(seq - 1)
                                            .arg(seq)
                                            .arg(seq - 2));
            return bad(seq, QStringLiteral("record %1 does not chain to record %2 before it (a "
                                           "record was inserted, removed or renumbered here)")
                                    .arg(seq)
                                    .arg(seq - 1));
        }
        const std::string canon
                = canonical(seq, st.text(1), st.text(2), st.text(3), std::string(st.textView(4)));
        if (sha256Hex(prev, canon) != hash)
            return bad(seq, QStringLiteral("record %1 (%2) was altered: its hash does not match "
                                           "its content")
                                    .arg(seq)
                                    .arg(st.text(3)));
        const QString at = st.text(1);
        if (!lastAt.isEmpty() && at < lastAt)
            return bad(seq, QStringLiteral("record %1 is dated %2, before record %3 (%4): times "
                                           "must rise along the chain (a backdated record)")
                                    .arg(seq)
                                    .arg(at, QString::number(seq - 1), lastAt));
        lastAt = at;
        beforePrev = prev;
        prev = hash.toStdString();
        ++expectedSeq;
        ++v.records;
    }
    v.headHash = QString::fromStdString(prev);
    return v;
}

QString AuditLog::headHash(const Database &db)
{
    Statement st = db.prepare("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    return st.step() ? st.text(0) : QString::fromLatin1(kGenesis);
}

std::vector<AuditRecord> AuditLog::records(const Database &db)
{
    std::vector<AuditRecord> out;
    Statement st = db.prepare("SELECT seq, at, actor, action, payload FROM audit_log ORDER BY seq");
    while (st.valid() && st.step()) {
        AuditRecord r{st.int64(0), st.text(1), st.text(2),
                      {},          st.text(3), std::string(st.textView(4))};
        const auto payload = nlohmann::json::parse(r.payload, nullptr, false);
        if (payload.is_object() && payload.contains("os_account")
            && payload["os_account"].is_string())
            r.osAccount = QString::fromStdString(payload["os_account"].get<std::string>());
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace netcase
