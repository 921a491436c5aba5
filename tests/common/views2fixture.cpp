#include "views2fixture.h"

#include "case/casefile.h"
#include "case/sqlite.h"
#include "store/eventwriter.h"

namespace netcase::test::views2 {

bool makeCase(const QString &path)
{
    if (!views::makeViewsCase(path))
        return false;
    auto c = CaseFile::open(path);
    if (!c) {
        qWarning("cannot reopen %s", qPrintable(path));
        return false;
    }
    Database &db = c->db();
    Transaction tx(db);
    bool ok = bool(db.exec("INSERT INTO sources(id, name, path, sha256, size, format, imported_at) "
                           "VALUES (2, 'okta.json', '/dev/null', 'y', 0, 'okta', "
                           "'2026-03-03T00:00:00Z')"));
    EventWriter w(db, 2);
    for (int i = 0; i < kCarolEvents; ++i) {
        Event e;
        e.line = i + 1;
        e.timestampUs = views::kBaseUs + (600 + i * 30) * views::kMinuteUs;
        e.sourceIp = views::kParis;
        e.userName = kCarol;
        e.userAgent = kAgent;
        e.hostName = kHost;
        e.deviceId = "dev-42";
        e.category = "authentication";
        e.action = i == 10   ? "user.account.reset_password"
                   : i == 11 ? "user.mfa.factor.deactivate"
                             : "user.session.start";
        e.mfa = i < 3 ? "push:denied" : (i < 5 ? "push:approved" : "");
        e.outcome = i < 3 ? Outcome::Failure : Outcome::Success;
        ok = ok && bool(w.add(e, "{\"carol\":" + std::to_string(i) + "}"));
    }
    ok = ok && bool(w.finish());
    ok = ok
         && bool(db.exec(
                 "INSERT INTO finding_evidence(finding_id, event_id) VALUES (1, 1), (1, 2), "
                 "(1, 3), (1, 4), (1, 5), (1, 101), (1, 102), (1, 103), (1, 104), (1, 105)"))
         && bool(db.exec("UPDATE findings SET evidence_count = 10, caveats = "
                         "'[{\"code\":\"shared_ip\",\"text\":\"The address may be shared.\"}]' "
                         "WHERE id = 1"));
    if (!ok) {
        qWarning("views2 fixture failed: %s", qPrintable(db.lastError()));
        return false;
    }
    return bool(tx.commit());
}

} // namespace netcase::test::views2
