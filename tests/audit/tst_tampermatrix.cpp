// Everything under the chain: a case with rows in every covered table (built through the real
// command line), then for each table an UPDATE, an INSERT and a DELETE through the sqlite3 shell
// with the append-only triggers dropped. `verify` must catch every one and name the section.

#include "common/audittest.h"
#include "common/enrichfixtures.h"
#include "common/intelfixtures.h"
#include "common/testutil.h"

#include "audit/auditlog.h"
#include "audit/trailcheck.h"
#include "case/casefile.h"
#include "case/savedsearches.h"
#include "case/sqlite.h"

#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace netcase;
using namespace Qt::StringLiterals;

namespace {

struct Tamper
{
    const char *table;
    const char *op;
    const char *sql;
    const char *named; ///< a word the problem must contain
};

// clang-format off
const Tamper kMatrix[] = {
    {"case_info", "update", "UPDATE case_info SET authorization_ref = 'forged';", "authorization_ref"},
    {"case_info", "delete", "DELETE FROM case_info;", "case details"},
    {"settings", "update", "UPDATE settings SET value = value || ' ';", "setting"},
    {"settings", "insert", "INSERT INTO settings VALUES ('x.forged', '1');", "setting x.forged"},
    {"settings", "delete", "DELETE FROM settings;", "setting"},
    {"sources", "update", "UPDATE sources SET sha256 = 'ab' || substr(sha256, 3) WHERE id = 1;", "source 1: sha256"},
    {"sources", "insert", "INSERT INTO sources(name, path, sha256, size, format, imported_at) VALUES ('x', 'x', 'x', 1, 'x', 'x');", "source 3"},
    {"sources", "delete", "PRAGMA foreign_keys = OFF; DELETE FROM sources WHERE id = 2;", "source 2"},
    {"strs", "update", "UPDATE strs SET s = s || 'x' WHERE id = (SELECT max(id) FROM strs);", "strings"},
    {"strs", "insert", "INSERT INTO strs(s) VALUES ('forged');", "strings"},
    {"strs", "delete", "DELETE FROM strs WHERE id = 1;", "strings"},
    {"ips", "update", "UPDATE ips SET ip = '192.0.2.99' WHERE id = 1;", "addresses"},
    {"ips", "insert", "INSERT INTO ips(ip, family) VALUES ('192.0.2.98', 4);", "addresses"},
    {"ips", "delete", "DELETE FROM ips WHERE id = 1;", "addresses"},
    {"event_blocks", "update", "UPDATE event_blocks SET max_ts = max_ts + 1 WHERE first_id = 1;", "event block starting at event 1"},
    {"event_blocks", "insert", "INSERT INTO event_blocks SELECT first_id + 1000000, source_id, count, min_ts, max_ts, data FROM event_blocks LIMIT 1;", "event block"},
    {"event_blocks", "delete", "DELETE FROM event_blocks WHERE source_id = 2;", "event block"},
    {"event_postings", "update", "UPDATE event_postings SET ids = ids || x'00' WHERE first_id = 1;", "posting lists"},
    {"event_postings", "insert", "INSERT INTO event_postings VALUES (9, 9, 1, x'00');", "posting lists"},
    {"event_postings", "delete", "DELETE FROM event_postings WHERE first_id = 1 AND kind = (SELECT min(kind) FROM event_postings WHERE first_id = 1);", "posting lists"},
    {"event_postings", "delete marker", "DELETE FROM event_postings WHERE kind = 0;", "posting lists"},
    {"event_deleted", "update", "UPDATE event_deleted SET id = id + 1 WHERE id = (SELECT max(id) FROM event_deleted);", "removed duplicate"},
    {"event_deleted", "insert", "INSERT INTO event_deleted VALUES (3);", "removed duplicate"},
    {"event_deleted", "delete", "DELETE FROM event_deleted;", "removed duplicate"},
    {"raw_blocks", "update", "UPDATE raw_blocks SET data = x'00' WHERE source_id = 1 AND first_line = 1;", "raw records of source 1"},
    {"raw_blocks", "insert", "INSERT INTO raw_blocks VALUES (1, 900000, 900001, x'00');", "raw records of source 1"},
    {"raw_blocks", "delete", "DELETE FROM raw_blocks WHERE source_id = 2;", "raw records of source 2"},
    {"rejects", "update", "UPDATE rejects SET reason = 'ok' WHERE id = 1;", "rejects of source"},
    {"rejects", "insert", "INSERT INTO rejects(source_id, line, reason, raw) VALUES (1, 1, 'x', 'x');", "rejects of source 1"},
    {"rejects", "delete", "DELETE FROM rejects;", "rejects of source"},
    {"directory", "update", "UPDATE directory SET department = 'forged';", "directory entry"},
    {"directory", "insert", "INSERT INTO directory(account) VALUES ('mallory');", "directory entry mallory"},
    {"directory", "delete", "DELETE FROM directory;", "directory entry"},
    {"enrich_sources", "update", "UPDATE enrich_sources SET sha256 = 'forged';", "enrichment source 1: sha256"},
    {"enrich_sources", "insert", "INSERT INTO enrich_sources(kind, type, name, path, sha256, loaded_at) VALUES ('list', 'x', 'x', 'x', 'x', 'x');", "enrichment source"},
    {"enrich_sources", "delete", "DELETE FROM enrich_sources;", "enrichment source"},
    {"enrich_runs", "update", "UPDATE enrich_runs SET ips = ips + 1;", "enrichment run"},
    {"enrich_runs", "insert", "INSERT INTO enrich_runs(started_at, sources) VALUES ('x', '[]');", "enrichment run"},
    {"enrich_runs", "delete", "PRAGMA foreign_keys = OFF; DELETE FROM enrich_runs;", "enrichment run"},
    {"ip_info", "update", "UPDATE ip_info SET country_iso = 'ZZ' WHERE id = 1;", "enrichment results"},
    {"ip_info", "insert", "INSERT INTO ip_info(ip_id, run_id) VALUES (1, 1);", "enrichment results"},
    {"ip_info", "delete", "DELETE FROM ip_info WHERE id = 1;", "enrichment results"},
    {"analysis_runs", "update", "UPDATE analysis_runs SET rules = '[]';", "analysis run"},
    {"analysis_runs", "insert", "INSERT INTO analysis_runs(started_at, rules) VALUES ('x', '[]');", "analysis run"},
    {"analysis_runs", "delete", "PRAGMA foreign_keys = OFF; DELETE FROM analysis_runs;", "analysis run"},
    {"findings", "update", "UPDATE findings SET severity = 1 WHERE id = 1;", "finding 1: severity"},
    {"findings", "insert", "INSERT INTO findings(fingerprint, kind, rule, severity, title, first_ts, last_ts) VALUES ('x', 'x', 'x', 1, 'x', 0, 0);", "finding"},
    {"findings", "delete", "PRAGMA foreign_keys = OFF; DELETE FROM findings WHERE id = 1;", "finding 1"},
    {"finding_entities", "update", "UPDATE finding_entities SET value = 'forged' WHERE (finding_id, type, value) = (SELECT finding_id, type, value FROM finding_entities WHERE finding_id = 1 ORDER BY type, value LIMIT 1);", "entities of finding 1"},
    {"finding_entities", "insert", "INSERT INTO finding_entities VALUES (1, 'ip', '192.0.2.1');", "entities of finding 1"},
    {"finding_entities", "delete", "DELETE FROM finding_entities WHERE finding_id = 1;", "entities of finding 1"},
    {"finding_evidence", "update", "UPDATE finding_evidence SET event_id = event_id + 100000 WHERE finding_id = 1;", "evidence of finding 1"},
    {"finding_evidence", "insert", "INSERT INTO finding_evidence VALUES (1, 999999);", "evidence of finding 1"},
    {"finding_evidence", "delete", "DELETE FROM finding_evidence WHERE finding_id = 1;", "evidence of finding 1"},
    {"entities", "update", "UPDATE entities SET value = 'forged' WHERE id = (SELECT min(id) FROM entities);", "entities with ids"},
    {"entities", "insert", "INSERT INTO entities(type, value) VALUES ('ip', '192.0.2.77');", "entities with ids"},
    {"entities", "delete", "PRAGMA foreign_keys = OFF; DELETE FROM entities WHERE id = (SELECT max(id) FROM entities);", "entities with ids"},
    {"links", "update", "UPDATE links SET weight = weight + 1;", "links of entity"},
    {"links", "insert", "PRAGMA foreign_keys = OFF; INSERT INTO links(a, b, kind) VALUES (1, 99999, 'forged');", "links of entity 1"},
    {"links", "delete", "DELETE FROM links;", "links of entity"},
    {"rule_tuning", "update", "UPDATE rule_tuning SET reason = 'forged';", "tuning entry 1: reason"},
    {"rule_tuning", "insert", "INSERT INTO rule_tuning(rule, kind, value, reason, created_by, created_at) VALUES ('x', 'x', 'x', 'x', 'x', 'x');", "tuning entry 2"},
    {"rule_tuning", "delete", "DELETE FROM rule_tuning;", "tuning entry 1"},
    {"rule_stats", "update", "UPDATE rule_stats SET benign = benign + 5;", "statistics of rule"},
    {"rule_stats", "insert", "INSERT INTO rule_stats(rule) VALUES ('forged');", "statistics of rule forged"},
    {"rule_stats", "delete", "DELETE FROM rule_stats;", "statistics of rule"},
    {"decisions", "update", "UPDATE decisions SET verdict = 'benign' WHERE id = 1;", "decision 1"},
    {"decisions", "insert", "INSERT INTO decisions(decision_key, revision, subject_type, subject_value, verdict, confidence, reasoning, analyst, created_at) VALUES ('k', 1, 'ip', '1.2.3.4', 'block', 'high', 'x', 'x', 'x');", "decision"},
    {"decisions", "delete", "PRAGMA foreign_keys = OFF; DELETE FROM decisions WHERE id = 1;", "decision 1"},
    {"reviews", "update", "UPDATE reviews SET verdict = 'challenge' WHERE id = 1;", "review 1"},
    {"reviews", "insert", "INSERT INTO reviews(decision_id, verdict, note, reviewer, created_at) VALUES (1, 'agree', '', 'x', 'x');", "review 2"},
    {"reviews", "delete", "DELETE FROM reviews;", "review 1"},
    {"notes", "update", "UPDATE notes SET text = 'forged' WHERE id = 1;", "note 1: text"},
    {"notes", "insert", "INSERT INTO notes(event_id, kind, text, analyst, created_at) VALUES (2, 'star', '', 'x', 'x');", "note"},
    {"notes", "delete", "DELETE FROM notes WHERE id = 1;", "note 1"},
    {"saved_searches", "update", "UPDATE saved_searches SET query = 'status:200';", "saved search errors: query"},
    {"saved_searches", "insert", "INSERT INTO saved_searches VALUES ('forged', 'x', 'x', 'x');", "saved search forged"},
    {"saved_searches", "delete", "DELETE FROM saved_searches;", "saved search errors"},
    {"intel_sources", "update", "UPDATE intel_sources SET sha256 = 'forged';", "intelligence file 1: sha256"},
    {"intel_sources", "insert", "INSERT INTO intel_sources(format, name, path, sha256, imported_at) VALUES ('stix', 'x', 'x', 'x', 'x');", "intelligence file 2"},
    {"intel_sources", "delete", "PRAGMA foreign_keys = OFF; DELETE FROM intel_sources;", "intelligence file 1"},
    {"intel_indicators", "update", "UPDATE intel_indicators SET valid_until = 0 WHERE id = 1;", "indicators with ids"},
    {"intel_indicators", "insert", "INSERT INTO intel_indicators(source_id, kind, value) VALUES (1, 'ip', '192.0.2.66');", "indicators with ids"},
    {"intel_indicators", "delete", "DELETE FROM intel_indicators WHERE id = 1;", "indicators with ids"},
    {"audit_rows", "update", "UPDATE audit_rows SET hash = 'x' WHERE section = 'sources' AND key = '1';", "audit_rows altered"},
    {"audit_rows", "delete", "DELETE FROM audit_rows WHERE section = 'findings';", "audit_rows altered"},
};
// clang-format on

test::Run cli(const QStringList &args)
{
    return test::netcase(args);
}

TrailCheck check(const QString &path)
{
    auto c = CaseFile::open(path, CaseFile::OpenOptions{true, false, false});
    if (!c)
        qFatal("open: %s", qPrintable(c.error().message));
    return TrailCheck::run(c->db());
}

QString allProblems(const TrailCheck &t)
{
    return t.summary() + QLatin1Char('\n') + t.problems.join(QLatin1Char('\n'));
}

} // namespace

class TestTamperMatrix : public QObject
{
    Q_OBJECT

    QString m_case;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", test::tempPath(QStringLiteral("config")).toUtf8());
        qputenv("XDG_DATA_HOME", test::tempPath(QStringLiteral("data")).toUtf8());
        QVERIFY(!test::enrichFixtureDir().isEmpty());
        m_case = test::tempPath(QStringLiteral("full.netcase"));
        QCOMPARE(cli({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                      QStringLiteral("TEST-1"), QStringLiteral("--title"), QStringLiteral("full")})
                         .exitCode,
                 0);
        // Two overlapping logs: the second repeats lines of the first (event_deleted, rejects).
        const QString log = test::makeAccessLog(QStringLiteral("all.log"), 600, 40, 50);
        QFile f(log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        auto write = [](const QString &name, const QList<QByteArray> &part) {
            const QString p = test::tempPath(name);
            QFile out(p);
            if (out.open(QIODevice::WriteOnly))
                out.write(part.join('\n') + '\n');
            return p;
        };
        const QString a = write(QStringLiteral("a.log"), lines.mid(0, 400));
        const QString b = write(QStringLiteral("b.log"), lines.mid(300, 290));
        for (const QString &log : {a, b}) {
            const auto r = cli({QStringLiteral("import"), m_case, log});
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        auto r = cli({QStringLiteral("enrich"), m_case, QStringLiteral("--mmdb"),
                      test::enrichFixture(QStringLiteral("city.mmdb"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString dir = test::tempPath(QStringLiteral("dir.csv"));
        {
            QFile d(dir);
            QVERIFY(d.open(QIODevice::WriteOnly));
            d.write("account,department\nalice,finance\nbob,it\n");
        }
        r = cli({QStringLiteral("directory"), m_case, dir});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("analyze"), m_case, QStringLiteral("--set"),
                 QStringLiteral("stuffing.min_accounts=2")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // Threat intelligence (intel_sources, intel_indicators).
        r = cli({QStringLiteral("intel"), m_case,
                 test::writeJson(QStringLiteral("intel.json"),
                                 test::stixBundle({{u"[ipv4-addr:value = '192.0.2.1']"_s},
                                                   {u"[domain-name:value = 'evil.example']"_s}}))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        {
            // A finding on a known address to decide on (sealed as a fixture write).
            auto c = CaseFile::open(m_case);
            QVERIFY(c.ok());
            test::addFinding(c->db(), QStringLiteral("192.0.2.1"), QStringLiteral("alice"), {1, 2});
        }
        r = cli({QStringLiteral("decide"), m_case, QStringLiteral("--subject"),
                 QStringLiteral("ip:192.0.2.1"), QStringLiteral("--verdict"),
                 QStringLiteral("escalate"), QStringLiteral("--reason"), QStringLiteral("x"),
                 QStringLiteral("--analyst"), QStringLiteral("alice")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("review"), m_case, QStringLiteral("--decision"),
                 QStringLiteral("1"), QStringLiteral("--verdict"), QStringLiteral("agree"),
                 QStringLiteral("--reviewer"), QStringLiteral("rita"),
                 QStringLiteral("--self-review")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // A benign decision with --tune: a tuning entry and the rule statistics.
        r = cli({QStringLiteral("decide"), m_case, QStringLiteral("--subject"),
                 QStringLiteral("ip:192.0.2.1"), QStringLiteral("--verdict"),
                 QStringLiteral("benign"), QStringLiteral("--reason"),
                 QStringLiteral("our scanner"), QStringLiteral("--analyst"),
                 QStringLiteral("alice"), QStringLiteral("--tune")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // Notes on events, a timeline entry and a saved search.
        r = cli({QStringLiteral("note"), m_case, QStringLiteral("--event"), QStringLiteral("1"),
                 QStringLiteral("--tag"), QStringLiteral("phishing"), QStringLiteral("--star")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("note"), m_case, QStringLiteral("--at"),
                 QStringLiteral("2024-01-20T10:05"), QStringLiteral("--text"),
                 QStringLiteral("phone stolen")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        {
            auto c = CaseFile::open(m_case);
            QVERIFY(c.ok());
            QVERIFY(SavedSearches::save(c->db(), QStringLiteral("errors"),
                                        QStringLiteral("status>=500"), QStringLiteral("ann"))
                            .ok());
        }
        // Every table the matrix tampers with holds rows.
        auto c = CaseFile::open(m_case, CaseFile::OpenOptions{true, false, false});
        QVERIFY(c.ok());
        for (const Tamper &t : kMatrix) {
            const std::string sql = std::string("SELECT count(*) FROM ") + t.table;
            QVERIFY2(c->db().scalar(sql) > 0, t.table);
        }
        const TrailCheck intact = TrailCheck::run(c->db());
        QVERIFY2(intact.intact(), qPrintable(allProblems(intact)));
        QVERIFY2(intact.notCovered.isEmpty(), qPrintable(intact.notCovered.join(u',')));
    }

    void everyTamperIsCaught_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < int(std::size(kMatrix)); ++i)
            QTest::addRow("%s %s", kMatrix[i].table, kMatrix[i].op) << i;
    }

    void everyTamperIsCaught()
    {
        QFETCH(int, index);
        const Tamper &t = kMatrix[index];
        const QString copy = test::tempPath(QStringLiteral("t%1.netcase").arg(index));
        QFile::remove(copy);
        QVERIFY(QFile::copy(m_case, copy));
        test::tamper(copy, QString::fromLatin1(t.sql));
        const TrailCheck c = check(copy);
        QVERIFY2(!c.intact(), t.sql);
        QVERIFY2(allProblems(c).contains(QLatin1String(t.named)), qPrintable(allProblems(c)));
    }

    void sourceShaNamesImport()
    {
        const QString copy = test::tempPath(QStringLiteral("sha.netcase"));
        QVERIFY(QFile::copy(m_case, copy));
        test::tamper(copy, QStringLiteral("UPDATE sources SET sha256 = 'ab' WHERE id = 1;"));
        const auto r = cli({QStringLiteral("verify"), copy});
        QCOMPARE(r.exitCode, 2);
        // The fixture's own writes end with a case.seal record, the latest to digest sources.
        QVERIFY2(r.err.contains("source 1: sha256 differs from the one recorded at case.seal on"),
                 r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestTamperMatrix)
#include "tst_tampermatrix.moc"
