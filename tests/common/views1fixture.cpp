#include "views1fixture.h"

#include "case/casefile.h"
#include "case/sqlite.h"
#include "store/eventwriter.h"

namespace netcase::test::views {

namespace {

bool run(Database &db, const char *sql)
{
    if (Status st = db.exec(sql); !st) {
        qWarning("fixture SQL failed: %s: %s", sql, qPrintable(st.error().message));
        return false;
    }
    return true;
}

} // namespace

bool makeViewsCase(const QString &path)
{
    CaseInfo info;
    info.title = QStringLiteral("views fixture");
    auto created = CaseFile::create(path, info);
    if (!created) {
        qWarning("cannot create %s: %s", qPrintable(path), qPrintable(created.error().message));
        return false;
    }
    Database &db = created->db();
    Transaction tx(db);
    if (!run(db,
             "INSERT INTO sources(id, name, path, sha256, size, format, imported_at) "
             "VALUES (1, 'fixture.log', '/dev/null', 'x', 0, 'apache', '2026-03-03T00:00:00Z')"))
        return false;
    EventWriter w(db, 1);
    std::int64_t line = 0;
    auto add = [&](const char *ip, const std::string &user, std::int64_t ts, Outcome o) {
        Event e;
        e.line = ++line;
        e.timestampUs = ts;
        e.sourceIp = ip;
        e.userName = user;
        e.outcome = o;
        e.category = "authentication";
        e.action = "login";
        const std::string raw = std::string(ip) + " " + user + " line " + std::to_string(line);
        return bool(w.add(e, raw));
    };
    bool ok = true;
    for (int i = 0; i < 100; ++i) // Paris: every 10 minutes from 00:00, day 1
        ok &= add(kParis, "alice", kBaseUs + i * 10 * kMinuteUs,
                  i % 5 == 4 ? Outcome::Failure : Outcome::Success);
    for (int i = 0; i < 30; ++i) // Sydney: day 2 from 00:00, every 5 minutes
        ok &= add(kSydney, "alice", kBaseUs + 1440 * kMinuteUs + i * 5 * kMinuteUs,
                  Outcome::Success);
    for (int i = 0; i < 20; ++i) // New York: day 2 from 12:00, six accounts
        ok &= add(kNewYork, "user" + std::to_string(i % 6),
                  kBaseUs + 2160 * kMinuteUs + i * kMinuteUs, Outcome::Unknown);
    for (int i = 0; i < 10; ++i) // private: day 2 from 18:00
        ok &= add(kPrivate, "bob", kBaseUs + 2520 * kMinuteUs + i * kMinuteUs, Outcome::Success);
    if (!ok || !w.finish())
        return false;

    ok = run(db, "INSERT INTO enrich_sources(id, kind, type, name, path, sha256, build_date, "
                 "loaded_at) VALUES (1, 'mmdb', 'GeoLite2-City', 'GeoLite2-City.mmdb', "
                 "'/x/GeoLite2-City.mmdb', 'aa', '2025-01-07', '2026-03-03T00:00:00Z'), "
                 "(2, 'mmdb', 'GeoLite2-ASN', 'GeoLite2-ASN.mmdb', '/x/GeoLite2-ASN.mmdb', 'bb', "
                 "'2026-03-01', '2026-03-03T00:00:00Z')")
         && run(db, "INSERT INTO enrich_runs(id, started_at, sources) VALUES (1, "
                    "'2026-03-03T00:00:00Z', '[1,2]')");
    const char *geo = R"({"geo.city_name":1,"geo.country_iso_code":1,"geo.location":1,)"
                      R"("geo.accuracy_km":1,"as.number":2})";
    auto ipInfo = [&](const char *ip, const char *cls, const char *iso, const char *city,
                      std::optional<double> lat, std::optional<double> lon, int acc, int hosting) {
        Statement st = db.prepare(
                "INSERT INTO ip_info(ip_id, run_id, current, address_class, country_iso, city, "
                "latitude, longitude, accuracy_km, asn, as_org, is_hosting, provenance, sources) "
                "VALUES ((SELECT id FROM ips WHERE ip = ?), 1, 1, ?, ?, ?, ?, ?, ?, 64500, "
                "'Example Net', ?, ?, '[1,2]')");
        st.bind(1, ip).bind(2, cls).bind(3, iso).bind(4, city);
        lat ? st.bind(5, *lat) : st.bindNull(5);
        lon ? st.bind(6, *lon) : st.bindNull(6);
        st.bind(7, acc).bind(8, hosting).bind(9, lat ? geo : "{}");
        return bool(st.exec());
    };
    ok = ok && ipInfo(kParis, "public", "FR", "Paris", 48.8566, 2.3522, 20, 0)
         && ipInfo(kSydney, "public", "AU", "Sydney", -33.8688, 151.2093, 100, 0)
         && ipInfo(kNewYork, "public", "US", "New York", 40.7128, -74.006, 50, 1)
         && ipInfo(kPrivate, "private", "", "", std::nullopt, std::nullopt, -1, 0);

    // Findings: impossible travel Paris -> Sydney (details as the analysis writes them:
    // distance and speed, no coordinates) and a medium one on New York.
    Statement f = db.prepare("INSERT INTO findings(id, fingerprint, kind, rule, severity, title, "
                             "first_ts, last_ts, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    f.bind(1, 1).bind(2, "fp1").bind(3, "impossible_travel").bind(4, "impossible_travel");
    f.bind(5, 80).bind(6, "alice: FR to AU at 16000 km/h");
    f.bind(7, kBaseUs + 990 * kMinuteUs).bind(8, kBaseUs + 1440 * kMinuteUs);
    f.bind(9, R"({"distance_km":16960,"speed_kmh":16000})");
    ok = ok && f.exec();
    f.reset();
    f.bind(1, 2).bind(2, "fp2").bind(3, "password_spray").bind(4, "password_spray");
    f.bind(5, 50).bind(6, "192.0.2.44 tried 6 accounts");
    f.bind(7, kBaseUs + 2160 * kMinuteUs).bind(8, kBaseUs + 2179 * kMinuteUs);
    f.bind(9, "{}");
    ok = ok && f.exec()
         && run(db, "INSERT INTO finding_entities(finding_id, type, value) VALUES "
                    "(1, 'ip', '203.0.113.7'), (1, 'ip', '198.51.100.9'), (1, 'account', 'alice'), "
                    "(2, 'ip', '192.0.2.44')");
    if (!ok)
        return false;
    return bool(tx.commit());
}

} // namespace netcase::test::views
