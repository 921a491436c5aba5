// Findings in a real case: the analysis run is audited, re-runs keep ids, tuning suppresses and
// is audited, rule overrides apply, verdicts count in the rule statistics, and the findings item
// model passes QAbstractItemModelTester.

#include "common/analysis_fixtures.h"
#include "common/testutil.h"

#include "analysis/analyzer.h"
#include "analysis/findingstore.h"
#include "analysis/rules.h"
#include "analysis/tuning.h"
#include "audit/auditlog.h"
#include "case/casefile.h"
#include "case/casesession.h"
#include "case/sqlite.h"
#include "core/timeutil.h"
#include "items/findingsmodel.h"
#include "items/roles.h"
#include "store/eventwriter.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace netcase;

namespace {

void must(bool ok, const char *what)
{
    if (!ok)
        qFatal("fixture step failed: %s", what);
}

/// A case with one stuffing source (40 accounts, failures two seconds apart).
CaseFile stuffedCase(const QString &name)
{
    CaseInfo info;
    info.title = name;
    auto c = CaseFile::create(test::tempPath(name), info);
    must(bool(c), "c");
    Database &db = c->db();
    Transaction txn(db);
    Statement src = db.prepare("INSERT INTO sources(name, path, sha256, size, format, "
                               "imported_at) VALUES('t', 't', 't', 0, 'test', ?)");
    must(bool(src.bind(1, nowIso()).exec()), "src.bind(1, nowIso()).exec()");
    EventWriter w(db, db.lastInsertId());
    const std::int64_t t0 = toEpochUs(2026, 10, 1, 12, 0, 0);
    for (int i = 0; i < 40; ++i) {
        Event e;
        e.timestampUs = t0 + std::int64_t(i) * 2000000;
        e.line = i + 1;
        e.category = "authentication";
        e.action = "user.session.start";
        e.sourceIp = "45.155.205.33";
        e.userName = "user" + std::to_string(i);
        e.outcome = Outcome::Failure;
        must(bool(w.add(e, "raw")), "w.add(e, \"raw\")");
    }
    must(bool(w.finish()), "w.finish()");
    must(bool(txn.commit()), "txn.commit()");
    test::IpFacts f;
    f.country = "NL";
    f.asn = 49505;
    f.networkType = "hosting";
    f.hosting = true;
    must(bool(test::writeIpInfo(db, "45.155.205.33", f)),
         "test::writeIpInfo(db, \"45.155.205.33\",");
    return std::move(*c);
}

int countOf(const std::vector<StoredFinding> &all, const QString &kind)
{
    return int(std::count_if(all.begin(), all.end(),
                             [&](const StoredFinding &f) { return f.kind == kind; }));
}

} // namespace

class TestFindingsStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runIsStoredAndAudited()
    {
        CaseFile c = stuffedCase(QStringLiteral("a.netcase"));
        auto sum = Analyzer::run(c.db(), QStringLiteral("tester"));
        QVERIFY(sum);
        const auto all = FindingStore::read(c.db());
        QCOMPARE(countOf(all, QStringLiteral("credential_stuffing")), 1);
        const StoredFinding &f = *std::find_if(all.begin(), all.end(), [](const auto &x) {
            return x.kind == QLatin1String("credential_stuffing");
        });
        QCOMPARE(f.evidenceCount, std::int64_t(40));
        QCOMPARE(FindingStore::evidence(c.db(), f.id).size(), std::size_t(40));
        QVERIFY(f.ips.contains(QStringLiteral("45.155.205.33")));
        QVERIFY(f.severity >= 60);
        const nlohmann::json j = f.toJson();
        for (const char *key : {"id", "kind", "severity", "entities", "window", "evidence_count",
                                "signals", "caveats"})
            QVERIFY2(j.contains(key), key);
        QVERIFY(j["entities"].contains("accounts") && j["entities"].contains("hosts"));
        QCOMPARE(c.db().scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'analysis.run'"),
                 std::int64_t(1));
        QVERIFY(AuditLog::verify(c.db()).intact);
        QVERIFY(c.db().scalar("SELECT COUNT(*) FROM entities") > 0);
        QCOMPARE(c.db().scalar("SELECT hits FROM rule_stats WHERE rule = 'stuffing'"),
                 std::int64_t(1));
    }

    void overrideRaisesThreshold()
    {
        CaseFile c = stuffedCase(QStringLiteral("b.netcase"));
        QVERIFY(Rules::mergeOverride(c.db(), {{"rules", {{"stuffing", {{"min_accounts", 100}}}}}}));
        QVERIFY(Analyzer::run(c.db(), QStringLiteral("tester")));
        QCOMPARE(countOf(FindingStore::read(c.db()), QStringLiteral("credential_stuffing")), 0);
    }

    void benignVerdictWithTuningSuppresses()
    {
        CaseFile c = stuffedCase(QStringLiteral("c.netcase"));
        QVERIFY(Analyzer::run(c.db(), QStringLiteral("tester")));
        auto all = FindingStore::read(c.db());
        const auto it = std::find_if(all.begin(), all.end(), [](const auto &x) {
            return x.rule == QLatin1String("stuffing");
        });
        QVERIFY(it != all.end());
        const std::int64_t id = it->id;
        TuningEntry t;
        t.kind = TuningEntry::Kind::Cidr;
        t.value = QStringLiteral("45.155.205.0/24");
        t.expiresAt = QStringLiteral("2099-01-01T00:00:00Z");
        auto tid = Tuning::recordVerdict(c.db(), id, QStringLiteral("benign"),
                                         QStringLiteral("our own load test"), t,
                                         QStringLiteral("analyst"));
        QVERIFY2(tid, qPrintable(tid ? QString() : tid.error().message));
        QVERIFY(*tid > 0);
        QCOMPARE(c.db().scalar("SELECT benign FROM rule_stats WHERE rule = 'stuffing'"),
                 std::int64_t(1));
        QCOMPARE(c.db().scalar("SELECT COUNT(*) FROM audit_log WHERE action IN "
                               "('finding.verdict', 'rule_tuning.add')"),
                 std::int64_t(2));
        QVERIFY(Analyzer::run(c.db(), QStringLiteral("tester")));
        const auto again = FindingStore::byId(c.db(), id);
        QVERIFY(again);
        QCOMPARE(again->suppressedBy, *tid);
        // An expired entry no longer suppresses.
        QVERIFY(Tuning::expire(c.db(), *tid, QStringLiteral("analyst")));
        QVERIFY(Analyzer::run(c.db(), QStringLiteral("tester")));
        QCOMPARE(FindingStore::byId(c.db(), id)->suppressedBy, std::int64_t(0));
        QVERIFY(AuditLog::verify(c.db()).intact);
        // Bad entries are refused with a reason.
        TuningEntry bad;
        bad.rule = QStringLiteral("stuffing");
        bad.kind = TuningEntry::Kind::Cidr;
        bad.value = QStringLiteral("not-a-cidr");
        bad.reason = QStringLiteral("x");
        QVERIFY(!Tuning::add(c.db(), bad, QStringLiteral("analyst")));
        bad.kind = TuningEntry::Kind::Threshold;
        bad.value = QStringLiteral("{\"key\": \"no_such_key\", \"value\": 3}");
        QVERIFY(!Tuning::add(c.db(), bad, QStringLiteral("analyst")));
        bad.value = QStringLiteral("{\"key\": \"min_accounts\", \"value\": 300}");
        QVERIFY(Tuning::add(c.db(), bad, QStringLiteral("analyst")));
        auto rules = Rules::load(c.db());
        QVERIFY(rules);
        QCOMPARE(rules->num("stuffing", "min_accounts"), 300.0);
    }

    void findingsModel()
    {
        auto c = CaseFile::open(test::tempPath(QStringLiteral("a.netcase")));
        QVERIFY(c);
        CaseSession session(std::move(*c), false);
        FindingsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSession(&session);
        QVERIFY(model.rowCount() > 0);
        int previous = 101;
        for (int row = 0; row < model.rowCount(); ++row) {
            const int sev = model.index(row, FindingsModel::Severity).data(roles::Severity).toInt();
            QVERIFY(sev <= previous);
            previous = sev;
            QVERIFY(model.index(row, 0).data(roles::FindingId).toLongLong() > 0);
        }
        model.sort(FindingsModel::Severity, Qt::AscendingOrder);
        QVERIFY(model.index(0, 0).data(roles::Severity).toInt()
                <= model.index(model.rowCount() - 1, 0).data(roles::Severity).toInt());
        session.notifyChanged();
        QVERIFY(model.rowCount() > 0);
        model.setSession(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFindingsStore)
#include "tst_findingsstore.moc"
