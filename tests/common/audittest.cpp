#include "audittest.h"

#include "audit/auditlog.h"
#include "case/sqlite.h"

#include <QProcess>

#include <QTest>
#include <nlohmann/json.hpp>

namespace netcase::test {

std::int64_t addFinding(Database &db,
                        const QString &ip,
                        const QString &account,
                        const std::vector<std::int64_t> &evidence)
{
    static int n = 0;
    ++n;
    Statement f = db.prepare(
            "INSERT INTO findings(fingerprint, kind, rule, severity, title, first_ts, last_ts, "
            "signals, evidence_count) VALUES (?, 'credential_stuffing', 'stuffing', 80, ?, 0, 1, "
            "?, ?)");
    f.bind(1, QStringLiteral("fp-%1-%2").arg(n).arg(ip));
    f.bind(2, QStringLiteral("Credential stuffing from %1").arg(ip));
    f.bind(3, "[{\"name\":\"datacentre_asn\",\"weight\":30,\"detail\":\"Data-centre ASN\"},"
              "{\"name\":\"failed_logins\",\"weight\":40,\"detail\":\"42 failed logins\"}]");
    f.bind(4, std::int64_t(evidence.size()));
    if (!f.exec().ok())
        qFatal("cannot insert finding: %s", qPrintable(db.lastError()));
    const std::int64_t id = db.lastInsertId();
    auto entity = [&](const char *type, const QString &value) {
        Statement e = db.prepare(
                "INSERT INTO finding_entities(finding_id, type, value) VALUES (?, ?, ?)");
        e.bind(1, id).bind(2, type).bind(3, value);
        (void)e.exec();
    };
    entity("ip", ip);
    if (!account.isEmpty())
        entity("account", account);
    for (std::int64_t ev : evidence) {
        Statement e
                = db.prepare("INSERT INTO finding_evidence(finding_id, event_id) VALUES (?, ?)");
        e.bind(1, id).bind(2, ev);
        (void)e.exec();
    }
    sealFixtureWrites(db);
    return id;
}

void addEnrichment(Database &db, const QString &ip, std::int64_t asn, const QString &org)
{
    Statement ins = db.prepare("INSERT OR IGNORE INTO ips(ip, family) VALUES (?, 4)");
    ins.bind(1, ip);
    (void)ins.exec();
    (void)db.exec("INSERT INTO enrich_sources(id, kind, type, name, path, sha256, build_date, "
                  "loaded_at) VALUES (7, 'mmdb', 'asn', 'GeoLite2-ASN', '/x.mmdb', 'ab', "
                  "'2024-05-01', '2024-05-02') ON CONFLICT DO NOTHING");
    (void)db.exec("INSERT INTO enrich_runs(id, started_at, sources) VALUES (1, 'now', '[7]') "
                  "ON CONFLICT DO NOTHING");
    Statement st = db.prepare(
            "INSERT INTO ip_info(ip_id, run_id, current, asn, as_org, is_hosting, provenance, "
            "sources) SELECT id, 1, 1, ?, ?, 1, '{\"as.number\": 7, \"flags.hosting\": 7}', "
            "'[7]' FROM ips WHERE ip = ?");
    st.bind(1, asn).bind(2, org).bind(3, ip);
    if (!st.exec().ok())
        qFatal("cannot insert ip_info: %s", qPrintable(db.lastError()));
    sealFixtureWrites(db);
}

void sealFixtureWrites(Database &db)
{
    if (!AuditLog::append(db, QStringLiteral("test"), QStringLiteral("case.seal"),
                          nlohmann::json{{"reason", "a test fixture wrote tables directly"}})
                 .ok())
        qFatal("cannot seal: %s", qPrintable(db.lastError()));
}

QString sqlite(const QString &casePath, const QString &sql)
{
    QProcess p;
    p.start(QStringLiteral("sqlite3"), {QStringLiteral("-batch"), casePath});
    p.write(sql.toUtf8());
    p.closeWriteChannel();
    if (!p.waitForFinished(30000) || p.exitCode() != 0) {
        qWarning("sqlite3 failed: %s", p.readAllStandardError().constData());
        return QStringLiteral("<sqlite3 failed>");
    }
    return QString::fromUtf8(p.readAllStandardOutput());
}

QString tamper(const QString &casePath, const QString &sql)
{
    const QStringList names
            = {QStringLiteral("audit_no_update"),     QStringLiteral("audit_no_delete"),
               QStringLiteral("decisions_no_update"), QStringLiteral("decisions_no_delete"),
               QStringLiteral("reviews_no_update"),   QStringLiteral("reviews_no_delete")};
    QString recreate;
    QString drop;
    for (const QString &n : names) {
        recreate
                += sqlite(casePath,
                          QStringLiteral("SELECT sql FROM sqlite_master WHERE name = '%1';").arg(n))
                           .trimmed()
                   + QStringLiteral(";\n");
        drop += QStringLiteral("DROP TRIGGER %1;\n").arg(n);
    }
    return sqlite(casePath, drop + sql + QLatin1Char('\n') + recreate);
}

} // namespace netcase::test
