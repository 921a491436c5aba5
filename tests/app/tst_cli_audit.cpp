// Trust an auditor can rely on, end to end through the real binary: a head checked from outside
// the file (--expect-head on a copy whose tail was removed), signatures listed by verify,
// `netcase audit`, self-reviews, read-only commands that leave the file and its log unchanged,
// private file modes, escalations in the rule statistics and a revision that keeps its
// proportionality text.

#include "common/audittest.h"
#include "common/testutil.h"

#include "case/casefile.h"
#include "case/sqlite.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <nlohmann/json.hpp>

#include <sys/stat.h>

using namespace netcase;

namespace {

test::Run cli(const QStringList &args)
{
    return test::netcase(args);
}

int modeOf(const QString &path)
{
    struct stat st
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}

QByteArray fileSha(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

QString headOf(const QString &path)
{
    const auto r = cli({QStringLiteral("verify"), path, QStringLiteral("--json")});
    const auto j = nlohmann::json::parse(r.out.toStdString(), nullptr, false);
    return j.is_object() ? QString::fromStdString(j.value("head", std::string())) : QString();
}

/// A case with an imported log, a finding on 192.0.2.1 and one escalate decision by alice.
QString makeCase(const QString &name)
{
    const QString path = test::tempPath(name);
    if (cli({QStringLiteral("new"), path, QStringLiteral("--authorization"),
             QStringLiteral("TEST-1"), QStringLiteral("--title"), name})
                .exitCode
        != 0)
        return {};
    const QString log = test::makeAccessLog(name + QStringLiteral(".log"), 200, 20);
    if (cli({QStringLiteral("import"), path, log}).exitCode != 0)
        return {};
    {
        auto c = CaseFile::open(path);
        if (!c)
            return {};
        test::addFinding(c->db(), QStringLiteral("192.0.2.1"), QStringLiteral("alice"), {1, 2});
    }
    const auto r = cli({QStringLiteral("decide"), path, QStringLiteral("--subject"),
                        QStringLiteral("ip:192.0.2.1"), QStringLiteral("--verdict"),
                        QStringLiteral("escalate"), QStringLiteral("--reason"),
                        QStringLiteral("stuffing"), QStringLiteral("--proportionality"),
                        QStringLiteral("block one address only"), QStringLiteral("--analyst"),
                        QStringLiteral("alice")});
    return r.exitCode == 0 ? path : QString();
}

} // namespace

class TestCliAudit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", test::tempPath(QStringLiteral("config")).toUtf8());
        qputenv("XDG_DATA_HOME", test::tempPath(QStringLiteral("data")).toUtf8());
    }

    void caseFilesArePrivate()
    {
        const QString path = makeCase(QStringLiteral("modes.netcase"));
        QVERIFY(!path.isEmpty());
        QCOMPARE(modeOf(path), 0600);
        auto c = CaseFile::open(path);
        QVERIFY(c.ok());
        QVERIFY(c->db().scalar("SELECT count(*) FROM audit_log") > 0); // -wal/-shm now exist
        for (const char *suffix : {"-wal", "-shm", ".lock"}) {
            const QString f = path + QLatin1String(suffix);
            if (!QFileInfo::exists(f))
                continue;
            QCOMPARE(modeOf(f), 0600);
        }
        const QString key = test::tempPath(QStringLiteral("config"))
                            + QStringLiteral("/Netcase/netcase/signing/ed25519.key");
        QVERIFY2(QFileInfo::exists(key), qPrintable(key));
        QCOMPARE(modeOf(key), 0600);
    }

    void expectHeadFindsARemovedTail()
    {
        const QString path = makeCase(QStringLiteral("tail.netcase"));
        QVERIFY(!path.isEmpty());
        const QString reported = headOf(path);
        QCOMPARE(reported.size(), 64);
        auto r = cli({QStringLiteral("verify"), path, QStringLiteral("--expect-head"), reported});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("signed: key"), r.out.constData());
        QVERIFY(r.out.contains("(alice)"));

        // The decision and its record removed together: a shorter chain, still consistent.
        const QString copy = test::tempPath(QStringLiteral("tail-copy.netcase"));
        QVERIFY(QFile::copy(path, copy));
        test::tamper(copy, QStringLiteral("DELETE FROM audit_log WHERE seq = (SELECT max(seq) "
                                          "FROM audit_log); DELETE FROM decisions;"));
        r = cli({QStringLiteral("verify"), copy, QStringLiteral("--expect-head"), reported});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("expected head hash is not in the audit chain"), r.err.constData());
    }

    void reportPrintsASignedHead()
    {
        const QString path = makeCase(QStringLiteral("report.netcase"));
        QVERIFY(!path.isEmpty());
        const QString out = test::tempPath(QStringLiteral("report.json"));
        QCOMPARE(cli({QStringLiteral("report"), path, QStringLiteral("-o"), out}).exitCode, 0);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto j = nlohmann::json::parse(f.readAll().toStdString(), nullptr, false);
        const auto &integrity = j["integrity"];
        const QString head = QString::fromStdString(integrity["head_hash"].get<std::string>());
        QCOMPARE(integrity["head_signature"].get<std::string>().size(), std::size_t(128));
        QVERIFY(!integrity["signer_fingerprint"].get<std::string>().empty());
        // A copy of the case checks against the head the report printed.
        const QString copy = test::tempPath(QStringLiteral("report-copy.netcase"));
        QVERIFY(QFile::copy(path, copy));
        QCOMPARE(cli({QStringLiteral("verify"), copy, QStringLiteral("--expect-head"), head})
                         .exitCode,
                 0);
    }

    void forgedSignatureIsNamed()
    {
        const QString path = makeCase(QStringLiteral("forged.netcase"));
        QVERIFY(!path.isEmpty());
        // Someone else's key: a second config dir signs a review claimed by alice.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), test::tempPath(QStringLiteral("other")));
        auto r = test::netcase(
                {QStringLiteral("decide"), path, QStringLiteral("--revises"), QStringLiteral("1"),
                 QStringLiteral("--verdict"), QStringLiteral("benign"), QStringLiteral("--reason"),
                 QStringLiteral("scanner"), QStringLiteral("--analyst"), QStringLiteral("alice")},
                env);
        QCOMPARE(r.exitCode, 0);
        r = cli({QStringLiteral("verify"), path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("not by the key") && r.err.contains("alice"), r.err.constData());
    }

    void selfReviewIsRefusedUnlessMarked()
    {
        const QString path = makeCase(QStringLiteral("self.netcase"));
        QVERIFY(!path.isEmpty());
        const QStringList base = {QStringLiteral("review"),     path,
                                  QStringLiteral("--decision"), QStringLiteral("1"),
                                  QStringLiteral("--verdict"),  QStringLiteral("agree")};
        // The same name, then another name from the same OS account: both refused.
        auto r = cli(base + QStringList{QStringLiteral("--reviewer"), QStringLiteral("Alice")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("self-review"), r.err.constData());
        r = cli(base + QStringList{QStringLiteral("--reviewer"), QStringLiteral("rita")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("operating-system account"), r.err.constData());
        r = cli(base
                + QStringList{QStringLiteral("--reviewer"), QStringLiteral("rita"),
                              QStringLiteral("--self-review"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("\"self_review\":true"));
        const QString html = test::tempPath(QStringLiteral("self.html"));
        QCOMPARE(cli({QStringLiteral("report"), path, QStringLiteral("-o"), html}).exitCode, 0);
        QFile f(html);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("rita (self-review)"));
        QCOMPARE(cli({QStringLiteral("verify"), path}).exitCode, 0);
    }

    void auditListsWhoDidWhat()
    {
        const QString path = makeCase(QStringLiteral("audit.netcase"));
        QVERIFY(!path.isEmpty());
        auto r = cli({QStringLiteral("audit"), path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("case.create"));
        QVERIFY(r.out.contains("decision.record"));
        QVERIFY(!r.out.contains("digests"));
        r = cli({QStringLiteral("audit"), path, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        const auto last = nlohmann::json::parse(lines.last().toStdString(), nullptr, false);
        QCOMPARE(last["what"].get<std::string>(), std::string("finding.verdict"));
        QVERIFY(!last["os_account"].get<std::string>().empty());
        const auto decision = nlohmann::json::parse(lines.at(lines.size() - 2).toStdString());
        QCOMPARE(decision["who"].get<std::string>(), std::string("alice"));
    }

    void readOnlyCommandsWriteNothing()
    {
        const QString path = makeCase(QStringLiteral("ro.netcase"));
        QVERIFY(!path.isEmpty());
        const QByteArray before = fileSha(path);
        const QString head = headOf(path);
        const QString shots = test::tempPath(QStringLiteral("shots"));
        QDir().mkpath(shots);
        const QList<QStringList> commands = {
                {QStringLiteral("info"), path},
                {QStringLiteral("events"), path, QStringLiteral("--limit"), QStringLiteral("3")},
                {QStringLiteral("findings"), path},
                {QStringLiteral("verify"), path},
                {QStringLiteral("audit"), path},
                {QStringLiteral("report"), path, QStringLiteral("-o"),
                 test::tempPath(QStringLiteral("ro.html"))},
                {QStringLiteral("screenshot"), path, QStringLiteral("--out"), shots},
        };
        for (const QStringList &args : commands) {
            const auto r = cli(args);
            QVERIFY2(r.exitCode == 0,
                     qPrintable(args.first() + QLatin1Char(' ') + QString::fromUtf8(r.err)));
            QVERIFY2(fileSha(path) == before, qPrintable(args.first()));
            QCOMPARE(headOf(path), head);
        }
    }

    void pastRetentionWarns()
    {
        const QString path = test::tempPath(QStringLiteral("old-retention.netcase"));
        QCOMPARE(cli({QStringLiteral("new"), path, QStringLiteral("--authorization"),
                      QStringLiteral("TEST-1"), QStringLiteral("--retention"),
                      QStringLiteral("2001-02-03")})
                         .exitCode,
                 0);
        const auto r = cli({QStringLiteral("info"), path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("retention date 2001-02-03 has passed"), r.err.constData());
    }

    void escalationCountsAndRevisionKeepsProportionality()
    {
        const QString path = makeCase(QStringLiteral("stats.netcase"));
        QVERIFY(!path.isEmpty());
        auto r = cli({QStringLiteral("findings"), path, QStringLiteral("--rule-stats"),
                      QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const auto stats = nlohmann::json::parse(r.out.trimmed().split('\n').first().toStdString());
        QCOMPARE(stats["escalated"].get<int>(), 1);
        r = cli({QStringLiteral("decide"), path, QStringLiteral("--revises"), QStringLiteral("1"),
                 QStringLiteral("--verdict"), QStringLiteral("throttle"),
                 QStringLiteral("--reason"), QStringLiteral("softer"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        r = cli({QStringLiteral("decisions"), path, QStringLiteral("--json")});
        QVERIFY(r.out.contains("\"proportionality\":\"block one address only\",\"reasoning\":"
                               "\"softer\""));
    }
};

QTEST_GUILESS_MAIN(TestCliAudit)
#include "tst_cli_audit.moc"
