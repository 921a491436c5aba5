// Retention and authorisation (issue 24) through the real binary: `purge` refused without a
// retention date, before it and while the case is preserved for an incident; a purge past
// retention removes events, raw records and rejects but keeps findings, decisions and the audit
// trail, is itself audited, leaves `verify` intact and the file smaller, and a tamper after it is
// still caught. `new` refuses a case without --authorization or --no-authorization, and the
// reason given is printed by `info` and every report format.

#include "common/audittest.h"
#include "common/testutil.h"

#include "case/casefile.h"

#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace netcase;

namespace {

test::Run cli(const QStringList &args)
{
    return test::netcase(args);
}

/// A case with a retention date, an imported log (with rejects), a finding on 192.0.2.1 and one
/// decision on it.
QString makeCase(const QString &name, const QString &retention)
{
    const QString path = test::tempPath(name);
    QStringList args = {QStringLiteral("new"), path, QStringLiteral("--authorization"),
                        QStringLiteral("TEST-1")};
    if (!retention.isEmpty())
        args << QStringLiteral("--retention") << retention;
    if (cli(args).exitCode != 0)
        return {};
    const QString log = test::makeAccessLog(name + QStringLiteral(".log"), 3000, 40, 100);
    if (cli({QStringLiteral("import"), path, log}).exitCode != 0)
        return {};
    {
        auto c = CaseFile::open(path);
        if (!c)
            return {};
        test::addFinding(c->db(), QStringLiteral("192.0.2.1"), QStringLiteral("alice"), {1, 2});
        test::sealFixtureWrites(c->db());
    }
    const auto r = cli({QStringLiteral("decide"), path, QStringLiteral("--subject"),
                        QStringLiteral("ip:192.0.2.1"), QStringLiteral("--verdict"),
                        QStringLiteral("escalate"), QStringLiteral("--reason"),
                        QStringLiteral("stuffing"), QStringLiteral("--analyst"),
                        QStringLiteral("alice")});
    return r.exitCode == 0 ? path : QString();
}

nlohmann::json infoJson(const QString &path)
{
    const auto r = cli({QStringLiteral("info"), path, QStringLiteral("--json")});
    return nlohmann::json::parse(r.out.toStdString(), nullptr, false);
}

int lineCount(const QByteArray &out)
{
    return int(out.trimmed().isEmpty() ? 0 : out.trimmed().split('\n').size());
}

} // namespace

class TestCliRetention : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void purgeRefusedWithoutRetentionOrBeforeIt()
    {
        const QString none = makeCase(QStringLiteral("no-retention.netcase"), {});
        QVERIFY(!none.isEmpty());
        auto r = cli({QStringLiteral("purge"), none});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("has no retention date"), r.err.constData());

        const QString future
                = makeCase(QStringLiteral("future.netcase"), QStringLiteral("2999-01-01"));
        QVERIFY(!future.isEmpty());
        const auto before = infoJson(future);
        r = cli({QStringLiteral("purge"), future, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("retention date 2999-01-01 has not passed"), r.err.constData());
        QVERIFY(r.out.contains("\"error\""));
        QCOMPARE(infoJson(future)["events"].get<int>(), before["events"].get<int>());
        QVERIFY(before["events"].get<int>() > 0);
    }

    void preserveBlocksPurgeUntilReleased()
    {
        const QString path
                = makeCase(QStringLiteral("preserved.netcase"), QStringLiteral("2001-01-01"));
        QVERIFY(!path.isEmpty());
        auto r = cli({QStringLiteral("preserve"), path});
        QCOMPARE(r.exitCode, 1); // --reason is required
        r = cli({QStringLiteral("preserve"), path, QStringLiteral("--reason"),
                 QStringLiteral("legal hold INC-9")});
        QCOMPARE(r.exitCode, 0);
        r = cli({QStringLiteral("info"), path});
        QVERIFY2(r.out.contains("preserved      for an incident: legal hold INC-9"),
                 r.out.constData());
        QCOMPARE(infoJson(path)["preserved"].get<bool>(), true);

        r = cli({QStringLiteral("purge"), path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("preserved for an incident (\"legal hold INC-9\""),
                 r.err.constData());
        QVERIFY(infoJson(path)["events"].get<int>() > 0);

        const QString report = test::tempPath(QStringLiteral("preserved.html"));
        QCOMPARE(cli({QStringLiteral("report"), path, QStringLiteral("-o"), report}).exitCode, 0);
        QFile html(report);
        QVERIFY(html.open(QIODevice::ReadOnly));
        QVERIFY(html.readAll().contains("legal hold INC-9"));

        r = cli({QStringLiteral("preserve"), path, QStringLiteral("--release"),
                 QStringLiteral("--reason"), QStringLiteral("hold lifted")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(infoJson(path)["preserved"].get<bool>(), false);
        r = cli({QStringLiteral("audit"), path});
        QVERIFY(r.out.contains("case.preserve"));
        QVERIFY(r.out.contains("case.release"));
        QCOMPARE(cli({QStringLiteral("purge"), path}).exitCode, 0);
        QCOMPARE(cli({QStringLiteral("verify"), path}).exitCode, 0);
    }

    void purgeKeepsFindingsDecisionsAndTrail()
    {
        const QString path
                = makeCase(QStringLiteral("expired.netcase"), QStringLiteral("2001-01-01"));
        QVERIFY(!path.isEmpty());
        const auto before = infoJson(path);
        QVERIFY(before["events"].get<int>() > 0);
        QVERIFY(before["rejects"].get<int>() > 0);
        const auto findingsBefore
                = cli({QStringLiteral("findings"), path, QStringLiteral("--json")});
        QVERIFY(lineCount(findingsBefore.out) > 0);
        const auto decisionsBefore
                = cli({QStringLiteral("decisions"), path, QStringLiteral("--json")});
        QCOMPARE(cli({QStringLiteral("verify"), path}).exitCode, 0);
        // Checkpointed first so the sizes compare the whole case.
        const qint64 sizeBefore
                = QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();

        auto r = cli({QStringLiteral("purge"), path, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto j = nlohmann::json::parse(r.out.toStdString());
        QCOMPARE(j["events"].get<int>(), before["events"].get<int>());
        QCOMPARE(j["rejects"].get<int>(), before["rejects"].get<int>());
        QVERIFY(j["raw_blocks"].get<int>() > 0);

        const auto after = infoJson(path);
        QCOMPARE(after["events"].get<int>(), 0);
        QCOMPARE(after["rejects"].get<int>(), 0);
        QVERIFY(after.contains("purged_at"));
        QCOMPARE(after["sources"].size(), before["sources"].size());
        r = cli({QStringLiteral("events"), path});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(lineCount(r.out), 0);
        QCOMPARE(cli({QStringLiteral("findings"), path, QStringLiteral("--json")}).out,
                 findingsBefore.out);
        QCOMPARE(cli({QStringLiteral("decisions"), path, QStringLiteral("--json")}).out,
                 decisionsBefore.out);
        r = cli({QStringLiteral("audit"), path, QStringLiteral("--json")});
        const auto last = nlohmann::json::parse(r.out.trimmed().split('\n').last().toStdString());
        QCOMPARE(last["what"].get<std::string>(), std::string("case.purge"));
        QCOMPARE(last["details"]["events"].get<int>(), before["events"].get<int>());

        r = cli({QStringLiteral("verify"), path});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
        const qint64 sizeAfter
                = QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
        QVERIFY2(sizeAfter < sizeBefore,
                 qPrintable(QStringLiteral("%1 -> %2").arg(sizeBefore).arg(sizeAfter)));
        // Compacted: no free pages are left holding the removed records.
        QCOMPARE(test::sqlite(path, QStringLiteral("PRAGMA freelist_count;")).trimmed(),
                 QStringLiteral("0"));

        const QString report = test::tempPath(QStringLiteral("expired.json"));
        r = cli({QStringLiteral("report"), path, QStringLiteral("-o"), report});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        // Purging again removes nothing more and stays intact.
        r = cli({QStringLiteral("purge"), path, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(nlohmann::json::parse(r.out.toStdString())["events"].get<int>(), 0);
        QCOMPARE(cli({QStringLiteral("verify"), path}).exitCode, 0);

        // A tamper after the purge is still caught: a finding, and a block slipped back in.
        test::tamper(path, QStringLiteral("UPDATE findings SET severity = 1;"));
        r = cli({QStringLiteral("verify"), path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.contains("finding") || r.err.contains("finding"),
                 QByteArray(r.out + r.err).constData());
    }

    void eventBlockAddedAfterPurgeIsCaught()
    {
        const QString path
                = makeCase(QStringLiteral("readded.netcase"), QStringLiteral("2001-01-01"));
        QVERIFY(!path.isEmpty());
        QCOMPARE(cli({QStringLiteral("purge"), path}).exitCode, 0);
        test::tamper(path, QStringLiteral("INSERT INTO raw_blocks(source_id, first_line, "
                                          "last_line, data) VALUES (1, 1, 1, x'00');"));
        const auto r = cli({QStringLiteral("verify"), path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QByteArray(r.out + r.err).contains("raw records of source 1"),
                 QByteArray(r.out + r.err).constData());
    }

    void failedPurgeLeavesTheCaseAsItWas()
    {
        const QString path
                = makeCase(QStringLiteral("interrupted.netcase"), QStringLiteral("2001-01-01"));
        QVERIFY(!path.isEmpty());
        const auto before = infoJson(path);
        // A trigger makes the purge fail after it has deleted the event blocks.
        test::sqlite(path, QStringLiteral("CREATE TRIGGER stop_purge BEFORE DELETE ON rejects "
                                          "BEGIN SELECT RAISE(ABORT, 'stopped'); END;"));
        auto r = cli({QStringLiteral("purge"), path});
        QCOMPARE(r.exitCode, 2);
        test::sqlite(path, QStringLiteral("DROP TRIGGER stop_purge;"));
        const auto after = infoJson(path);
        QCOMPARE(after["events"].get<int>(), before["events"].get<int>());
        QCOMPARE(after["rejects"].get<int>(), before["rejects"].get<int>());
        QVERIFY(!after.contains("purged_at"));
        r = cli({QStringLiteral("events"), path});
        QCOMPARE(lineCount(r.out), before["events"].get<int>());
        QVERIFY(!cli({QStringLiteral("audit"), path}).out.contains("case.purge"));
        QCOMPARE(cli({QStringLiteral("verify"), path}).exitCode, 0);
    }

    void newNeedsAnAuthorisation()
    {
        const QString path = test::tempPath(QStringLiteral("unauthorised.netcase"));
        auto r = cli({QStringLiteral("new"), path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("--authorization REF")
                         && r.err.contains("--no-authorization REASON"),
                 r.err.constData());
        QVERIFY(!QFile::exists(path));
        r = cli({QStringLiteral("new"), path, QStringLiteral("--authorization"),
                 QStringLiteral("A-1"), QStringLiteral("--no-authorization"), QStringLiteral("x")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!QFile::exists(path));

        r = cli({QStringLiteral("new"), path, QStringLiteral("--no-authorization"),
                 QStringLiteral("training exercise, synthetic data")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(infoJson(path)["no_authorization_reason"].get<std::string>(),
                 std::string("training exercise, synthetic data"));
        r = cli({QStringLiteral("info"), path});
        QVERIFY(r.out.contains(
                "authorization  No authorisation reference: training exercise, synthetic data"));
        QCOMPARE(cli({QStringLiteral("verify"), path}).exitCode, 0);
        const QByteArray line = "No authorisation reference: training exercise, synthetic data";
        for (const char *ext : {"html", "json"}) {
            const QString report
                    = test::tempPath(QStringLiteral("unauthorised.") + QLatin1String(ext));
            QCOMPARE(cli({QStringLiteral("report"), path, QStringLiteral("-o"), report}).exitCode,
                     0);
            QFile f(report);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(f.readAll().contains(line), ext);
        }
        // The reason is under the chain: changing it is caught.
        test::tamper(path, QStringLiteral("UPDATE settings SET value = 'approved' WHERE key = "
                                          "'case.no_authorization';"));
        QCOMPARE(cli({QStringLiteral("verify"), path}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliRetention)
#include "tst_cli_retention.moc"
