#include "analysis_fixtures.h"

#include "case/sqlite.h"
#include "core/timeutil.h"

#include <QFile>
#include <QProcess>

#include <nlohmann/json.hpp>

namespace netcase::test {

namespace {

std::int64_t enrichRun(Database &db)
{
    const std::int64_t existing = db.scalar("SELECT MAX(id) FROM enrich_runs WHERE sources = "
                                            "'[\"analysis test fixture\"]'");
    if (existing > 0)
        return existing;
    Statement st = db.prepare("INSERT INTO enrich_runs(started_at, sources) VALUES(?, ?)");
    st.bind(1, nowIso()).bind(2, "[\"analysis test fixture\"]");
    if (!st.exec())
        return 0;
    return db.lastInsertId();
}

} // namespace

bool writeIpInfo(Database &db, const std::string &ip, const IpFacts &f)
{
    Statement find = db.prepare("SELECT id FROM ips WHERE ip = ?");
    find.bind(1, ip);
    if (!find.step())
        return false;
    const std::int64_t ipId = find.int64(0);
    const std::int64_t run = enrichRun(db);
    Statement old = db.prepare("UPDATE ip_info SET current = 0 WHERE ip_id = ?");
    if (!old.bind(1, ipId).exec())
        return false;
    Statement st = db.prepare(
            "INSERT INTO ip_info(ip_id, run_id, current, address_class, country_iso, latitude, "
            "longitude, accuracy_km, asn, as_org, network_type, is_tor, is_vpn, is_hosting, "
            "is_anonymous) VALUES(?,?,1,?,?,?,?,?,?,?,?,?,?,?,?)");
    st.bind(1, ipId).bind(2, run).bind(3, ip.rfind("10.", 0) == 0 ? "private" : "public");
    st.bind(4, f.country).bind(5, f.lat).bind(6, f.lon).bind(7, f.accuracyKm).bind(8, f.asn);
    st.bind(9, f.asOrg).bind(10, f.networkType).bind(11, int(f.tor)).bind(12, int(f.vpn));
    st.bind(13, int(f.hosting)).bind(14, int(f.tor || f.vpn));
    return bool(st.exec());
}

int writeIpInfoJson(Database &db, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const auto j = nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
    if (!j.is_object())
        return -1;
    int n = 0;
    for (const auto &[ip, v] : j.items()) {
        IpFacts f;
        f.country = v.value("country_iso", "");
        f.lat = v.value("latitude", 0.0);
        f.lon = v.value("longitude", 0.0);
        f.accuracyKm = v.value("accuracy_km", 20);
        f.asn = v.value("asn", 0);
        f.asOrg = v.value("as_org", "");
        f.networkType = v.value("network_type", "");
        f.tor = v.value("is_tor", false);
        f.vpn = v.value("is_vpn", false);
        f.hosting = v.value("is_hosting", false);
        n += writeIpInfo(db, ip, f) ? 1 : 0;
    }
    return n;
}

bool generateScenarios(const QString &dir, int seed, int scale)
{
    QProcess p;
    p.start(QStringLiteral("python3"),
            {QStringLiteral(NETCASE_SOURCE_DIR "/scripts/gen_scenarios.py"),
             QStringLiteral("--out"), dir, QStringLiteral("--seed"), QString::number(seed),
             QStringLiteral("--scale"), QString::number(scale)});
    return p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace netcase::test
