// Every finding claims only what its evidence shows: the independent claims checker
// (claimscheck.h) runs over every finding of every generated scenario (the labelled scenarios at
// normal and three times the volume, the bundled demo incident, the importers' and benchmarks'
// generators) and, when ../shared/samples is present, of the real sample logs.

#include "analysis/claimscheck.h"
#include "common/analysis_fixtures.h"
#include "common/testutil.h"

#include "analysis/analyzer.h"
#include "analysis/findingstore.h"
#include "case/casefile.h"
#include "ingest/importjob.h"

#include <QDir>
#include <QProcess>
#include <QTest>

#include <array>
#include <map>

using namespace netcase;

namespace {

struct Analysed
{
    std::optional<CaseFile> file;
    QStringList problems;
    std::size_t findings = 0;
};

/// Imports the files into a new case (with the scenario's enrichment when given), analyses it
/// and checks every finding's claims.
void analyse(const QString &name, const QStringList &files, const QString &ipinfo, Analysed &out)
{
    CaseInfo info;
    info.title = name;
    info.authorization = QStringLiteral("TEST");
    auto c = CaseFile::create(test::tempPath(name + QStringLiteral(".netcase")), info);
    QVERIFY2(c, qPrintable(c ? QString() : c.error().message));
    out.file.emplace(std::move(*c));
    ImportOptions opts;
    opts.year = 2026;
    std::atomic<bool> cancel{false};
    for (const QString &f : files) {
        ImportJob job({f}, opts);
        auto report = job.run(*out.file, {}, cancel);
        QVERIFY2(report, qPrintable(f));
    }
    if (!ipinfo.isEmpty())
        QVERIFY(test::writeIpInfoJson(out.file->db(), ipinfo) > 0);
    auto sum = Analyzer::run(out.file->db(), QStringLiteral("test"));
    QVERIFY2(sum, qPrintable(sum ? QString() : sum.error().message));
    const auto stored = FindingStore::read(out.file->db());
    out.findings = stored.size();
    std::map<QString, std::array<int, 3>> kinds; // low, medium, high
    for (const StoredFinding &f : stored)
        ++kinds[f.kind][f.severity >= 60 ? 2 : f.severity >= 40 ? 1 : 0];
    for (const auto &[kind, n] : kinds)
        qInfo("  %-28s low %4d  medium %4d  high %4d", qPrintable(kind), n[0], n[1], n[2]);
    out.problems = test::uncheckedClaims(out.file->db());
    qInfo("%s: %zu findings, %lld unsupported claims", qPrintable(name), out.findings,
          static_cast<long long>(out.problems.size()));
}

bool python(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral("python3"), args);
    return p.waitForFinished(300000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

QString report(const QStringList &problems)
{
    return problems.mid(0, 15).join(QLatin1Char('\n'));
}

} // namespace

class TestClaims : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scenarios_data()
    {
        QTest::addColumn<int>("scale");
        QTest::newRow("normal volume") << 1;
        QTest::newRow("three times the volume") << 3;
    }
    void scenarios()
    {
        QFETCH(int, scale);
        const QString dir = test::tempPath(QStringLiteral("scen%1").arg(scale));
        if (!test::generateScenarios(dir, 20261005, scale))
            QSKIP("python3 is not available to generate the scenarios");
        QStringList files;
        for (const char *f :
             {"web-access.log", "auth.log", "okta.jsonl", "conn.log", "cloudtrail.json"})
            files << dir + QLatin1Char('/') + QLatin1String(f);
        Analysed a;
        analyse(QStringLiteral("scenarios%1").arg(scale), files,
                dir + QStringLiteral("/ipinfo.json"), a);
        QVERIFY(a.findings > 0);
        QVERIFY2(a.problems.isEmpty(), qPrintable(report(a.problems)));
    }

    void demoIncident()
    {
        QStringList files;
        for (const QString &f : QDir(QStringLiteral(NETCASE_SOURCE_DIR "/resources/demo"))
                                        .entryList(QDir::Files, QDir::Name))
            files << QStringLiteral(NETCASE_SOURCE_DIR "/resources/demo/") + f;
        QVERIFY(!files.isEmpty());
        Analysed a;
        analyse(QStringLiteral("demo"), files, {}, a);
        QVERIFY(a.findings > 0);
        QVERIFY2(a.problems.isEmpty(), qPrintable(report(a.problems)));
    }

    void generators_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::addColumn<QString>("file");
        const QString netlogs = QStringLiteral(NETCASE_SOURCE_DIR "/tests/fixtures/gen_netlogs.py");
        for (const char *kind : {"syslog", "journal", "zeek-conn", "nfdump"})
            QTest::newRow(kind) << QStringList{netlogs,
                                               QStringLiteral("--kind"),
                                               QLatin1String(kind),
                                               QStringLiteral("--records"),
                                               QStringLiteral("3000"),
                                               QStringLiteral("--out")}
                                << QStringLiteral("netlogs-%1.log").arg(QLatin1String(kind));
        QTest::newRow("bench sshd")
                << QStringList{QStringLiteral(NETCASE_SOURCE_DIR "/bench/gen_sshd.py"),
                               QStringLiteral("--lines"),
                               QStringLiteral("20000"),
                               QStringLiteral("--ips"),
                               QStringLiteral("300"),
                               QStringLiteral("--out")}
                << QStringLiteral("bench-auth.log");
        QTest::newRow("bench okta")
                << QStringList{QStringLiteral(NETCASE_SOURCE_DIR "/bench/gen_okta.py"),
                               QStringLiteral("--lines"),
                               QStringLiteral("20000"),
                               QStringLiteral("--ips"),
                               QStringLiteral("300"),
                               QStringLiteral("--out")}
                << QStringLiteral("bench-okta.jsonl");
    }
    void generators()
    {
        QFETCH(QStringList, command);
        QFETCH(QString, file);
        const QString path = test::tempPath(file);
        if (!python(command << path))
            QSKIP("python3 is not available to run the generator");
        Analysed a;
        analyse(file, {path}, {}, a);
        QVERIFY2(a.problems.isEmpty(), qPrintable(report(a.problems)));
    }

    void samples_data()
    {
        QTest::addColumn<QString>("folder");
        for (const char *f : {"sshd", "okta", "entra", "apache", "cloudtrail", "zeek", "netflow"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }
    void samples()
    {
        QFETCH(QString, folder);
        const QString dir = test::sharedSample(folder);
        if (dir.isEmpty())
            QSKIP("../shared/samples is not present");
        Analysed a;
        analyse(QStringLiteral("sample-") + folder, {dir}, {}, a);
        QVERIFY2(a.problems.isEmpty(), qPrintable(report(a.problems)));
    }
};

QTEST_GUILESS_MAIN(TestClaims)
#include "tst_claims.moc"
