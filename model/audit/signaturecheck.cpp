#include "signaturecheck.h"

#include "audit/auditlog.h"
#include "audit/signingkey.h"
#include "case/sqlite.h"

#include <nlohmann/json.hpp>

#include <map>

namespace netcase {

namespace {

struct KeyUse
{
    QStringList actors;
    QStringList records;
};

} // namespace

SignatureCheck SignatureCheck::run(const Database &db)
{
    SignatureCheck out;
    std::map<QString, std::pair<QString, std::int64_t>> firstKeyOf; // actor -> (fp, seq)
    std::map<QString, KeyUse> uses;
    std::vector<QString> order;
    Statement st = db.prepare("SELECT seq, at, actor, action, payload, prev_hash FROM audit_log "
                              "ORDER BY seq");
    while (st.valid() && st.step()) {
        const QString action = st.text(3);
        if (!AuditLog::signedAction(action))
            continue;
        const std::int64_t seq = st.int64(0);
        const QString actor = st.text(2);
        const QString what = QStringLiteral("record %1 (%2 by %3)").arg(seq).arg(action, actor);
        auto payload = nlohmann::json::parse(st.textView(4), nullptr, false);
        if (!payload.is_object())
            continue; // the chain check names a damaged payload
        if (!payload.contains("signature")) {
            if (!payload.contains("os_account")) {
                ++out.olderUnsigned; // written before Netcase signed records
                continue;
            }
            out.problems << QStringLiteral("%1 is signed by no key").arg(what);
            continue;
        }
        const nlohmann::json sig = payload["signature"];
        if (!sig.is_object() || !sig.contains("value") || !sig["value"].is_string()
            || !sig.contains("public_key") || !sig["public_key"].is_string()) {
            const std::string why = sig.is_object() && sig.contains("error")
                                            ? sig["error"].dump()
                                            : std::string("no signature value");
            out.problems << QStringLiteral("%1 is signed by no key (%2)")
                                    .arg(what, QString::fromStdString(why));
            continue;
        }
        const QByteArray pub = QByteArray::fromHex(
                QByteArray::fromStdString(sig["public_key"].get<std::string>()));
        const QByteArray value
                = QByteArray::fromHex(QByteArray::fromStdString(sig["value"].get<std::string>()));
        payload.erase("signature");
        const std::string message
                = std::string(st.textView(5))
                  + AuditLog::canonical(
                          seq, st.text(1), actor, action,
                          payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        const QString fp = SigningKey::fingerprintOf(pub);
        if (!SigningKey::verify(pub, QByteArray::fromStdString(message), value)) {
            out.problems << QStringLiteral("%1: its signature by key %2 does not match the "
                                           "record (altered after signing, or forged)")
                                    .arg(what, fp);
            continue;
        }
        ++out.signedRecords;
        auto [it, first] = firstKeyOf.try_emplace(actor, fp, seq);
        if (!first && it->second.first != fp)
            out.problems << QStringLiteral("%1 is signed by key %2, not by the key %3 that "
                                           "signed %4's first record (%5)")
                                    .arg(what, fp, it->second.first, actor)
                                    .arg(it->second.second);
        if (!uses.count(fp))
            order.push_back(fp);
        KeyUse &use = uses[fp];
        if (!use.actors.contains(actor))
            use.actors << actor;
        use.records << QString::number(seq);
    }
    for (const QString &fp : order)
        out.signers << QStringLiteral("key %1 (%2): records %3")
                               .arg(fp, uses[fp].actors.join(QStringLiteral(", ")),
                                    uses[fp].records.join(QStringLiteral(", ")));
    return out;
}

} // namespace netcase
