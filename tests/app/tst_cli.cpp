// The netcase command line end to end: new, import, info, events, verify, help, and the exit
// codes of shared/design/CLI.md (0 ok, 1 usage, 2 data, 3 locked).

#include "common/testutil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <csignal>

using namespace netcase;

namespace {

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> objs;
    for (const QByteArray &line : out.split('\n')) {
        if (line.isEmpty())
            continue;
        objs << QJsonDocument::fromJson(line).object();
    }
    return objs;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
    QString m_case;
    QString m_log;

private Q_SLOTS:
    void initTestCase()
    {
        m_case = test::tempPath(QStringLiteral("cli.netcase"));
        m_log = test::makeAccessLog(QStringLiteral("cli.log"), 2000, 100, 500);
        QVERIFY(!m_log.isEmpty());
    }

    void versionAndHelp()
    {
        auto v = test::netcase({QStringLiteral("--version")});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.startsWith("netcase 0."));
        auto h = test::netcase({QStringLiteral("--help")});
        QCOMPARE(h.exitCode, 0);
        for (const char *cmd : {"new", "import", "info", "events", "verify", "report"})
            QVERIFY2(h.out.contains(cmd), cmd);
        auto hi = test::netcase({QStringLiteral("help"), QStringLiteral("import")});
        QCOMPARE(hi.exitCode, 0);
        QVERIFY(hi.out.contains("--format"));
        QVERIFY(hi.out.contains("apache"));
        QCOMPARE(test::netcase({QStringLiteral("help"), QStringLiteral("nope")}).exitCode, 1);
    }

    void usageErrorsExitOne()
    {
        QCOMPARE(test::netcase({QStringLiteral("info")}).exitCode, 1);
        QCOMPARE(test::netcase({QStringLiteral("--bogus")}).exitCode, 1);
        auto r = test::netcase({QStringLiteral("events"), m_case, QStringLiteral("--frobnicate")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("unknown option"));
        QCOMPARE(test::netcase({QStringLiteral("events"), m_case, QStringLiteral("--limit"),
                                QStringLiteral("many")})
                         .exitCode,
                 1);
        QCOMPARE(test::netcase({QStringLiteral("events"), m_case, QStringLiteral("--limit"),
                                QStringLiteral("-5")})
                         .exitCode,
                 1);
        auto badIp = test::netcase({QStringLiteral("events"), m_case, QStringLiteral("--ip"),
                                    QStringLiteral("1.2.3")});
        QCOMPARE(badIp.exitCode, 1); // not an empty answer that looks like "no such events"
        QVERIFY(badIp.err.contains("'1.2.3' is not an IP address"));
    }

    void newImportInfo()
    {
        auto n = test::netcase({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1"), QStringLiteral("--title"),
                                QStringLiteral("CLI case"), QStringLiteral("--authorization"),
                                QStringLiteral("TICKET-9")});
        QCOMPARE(n.exitCode, 0);
        QCOMPARE(test::netcase({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 1); // never overwrites
        auto i = test::netcase({QStringLiteral("import"), m_case, m_log, QStringLiteral("--json")});
        QCOMPARE(i.exitCode, 0);
        const QJsonObject ij = QJsonDocument::fromJson(i.out).object();
        QCOMPARE(ij[QStringLiteral("events")].toInt(), 1996);
        QCOMPARE(ij[QStringLiteral("rejects")].toInt(), 4);

        auto info = test::netcase({QStringLiteral("info"), m_case, QStringLiteral("--json")});
        QCOMPARE(info.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(info.out).object();
        QCOMPARE(o[QStringLiteral("title")].toString(), QStringLiteral("CLI case"));
        QCOMPARE(o[QStringLiteral("authorization")].toString(), QStringLiteral("TICKET-9"));
        QCOMPARE(o[QStringLiteral("events")].toInt(), 1996);
        QCOMPARE(o[QStringLiteral("rejects")].toInt(), 4);
        const QJsonArray sources = o[QStringLiteral("sources")].toArray();
        QCOMPARE(sources.size(), 1);
        const QJsonObject s = sources.first().toObject();
        QCOMPARE(s[QStringLiteral("name")].toString(), QStringLiteral("cli.log"));
        QCOMPARE(s[QStringLiteral("format")].toString(), QStringLiteral("apache"));
        QCOMPARE(s[QStringLiteral("sha256")].toString().size(), 64);
        QCOMPARE(s[QStringLiteral("events")].toInt(), 1996);
        QCOMPARE(s[QStringLiteral("rejects")].toInt(), 4);
        QVERIFY(o[QStringLiteral("time_span")].toObject().contains(QStringLiteral("from")));

        auto plain = test::netcase({QStringLiteral("info"), m_case});
        QCOMPARE(plain.exitCode, 0);
        QVERIFY(plain.out.contains("1996"));

        // Importing the same file again is refused (exit 2) and changes nothing.
        auto again = test::netcase({QStringLiteral("import"), m_case, m_log});
        QCOMPARE(again.exitCode, 2);
        QVERIFY(again.out.contains("already in the case"));
    }

    void eventsFilters()
    {
        auto all = test::netcase({QStringLiteral("events"), m_case});
        QCOMPARE(all.exitCode, 0);
        const auto docs = jsonLines(all.out);
        QCOMPARE(docs.size(), 1996);
        const QJsonObject &first = docs.first();
        QVERIFY(first.contains(QStringLiteral("@timestamp")));
        const QString ip
                = first[QStringLiteral("source")].toObject()[QStringLiteral("ip")].toString();
        QVERIFY(!ip.isEmpty());
        QVERIFY(first[QStringLiteral("event")].toObject().contains(QStringLiteral("outcome")));

        auto byIp = test::netcase({QStringLiteral("events"), m_case, QStringLiteral("--ip"), ip});
        const auto ipDocs = jsonLines(byIp.out);
        QVERIFY(!ipDocs.isEmpty());
        for (const QJsonObject &d : ipDocs)
            QCOMPARE(d[QStringLiteral("source")].toObject()[QStringLiteral("ip")].toString(), ip);

        auto byUser = test::netcase({QStringLiteral("events"), m_case, QStringLiteral("--user"),
                                     QStringLiteral("alice"), QStringLiteral("--limit"),
                                     QStringLiteral("5"), QStringLiteral("--raw")});
        const auto userDocs = jsonLines(byUser.out);
        QCOMPARE(userDocs.size(), 5);
        for (const QJsonObject &d : userDocs) {
            QCOMPARE(d[QStringLiteral("user")].toObject()[QStringLiteral("name")].toString(),
                     QStringLiteral("alice"));
            QVERIFY(d[QStringLiteral("event")]
                            .toObject()[QStringLiteral("original")]
                            .toString()
                            .contains(QStringLiteral(" alice [")));
        }

        const QString from = docs[100][QStringLiteral("@timestamp")].toString();
        const QString to = docs[200][QStringLiteral("@timestamp")].toString();
        auto range = test::netcase({QStringLiteral("events"), m_case, QStringLiteral("--from"),
                                    from, QStringLiteral("--to"), to});
        const auto rangeDocs = jsonLines(range.out);
        QVERIFY(rangeDocs.size() >= 90 && rangeDocs.size() <= 110);
        for (const QJsonObject &d : rangeDocs) {
            QVERIFY(d[QStringLiteral("@timestamp")].toString() >= from);
            QVERIFY(d[QStringLiteral("@timestamp")].toString() < to);
        }
        QCOMPARE(test::netcase({QStringLiteral("events"), m_case, QStringLiteral("--from"),
                                QStringLiteral("last tuesday")})
                         .exitCode,
                 1);
    }

    void verifyIntact()
    {
        auto v = test::netcase({QStringLiteral("verify"), m_case});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.contains("intact"));
    }

    void dataErrorsExitTwo()
    {
        const QString junk = test::tempPath(QStringLiteral("junk.netcase"));
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello, I am not a case");
        f.close();
        auto r = test::netcase({QStringLiteral("info"), junk});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("not a Netcase case"));
        QCOMPARE(test::netcase({QStringLiteral("info"), test::tempPath(QStringLiteral("none"))})
                         .exitCode,
                 2);
        QCOMPARE(test::netcase({QStringLiteral("import"), m_case,
                                test::tempPath(QStringLiteral("missing.log"))})
                         .exitCode,
                 2);
    }

    void workbenchWithoutADisplaySaysSoInsteadOfAborting()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        for (const QString &display : {QString(), QStringLiteral(":4917")}) {
            if (display.isEmpty())
                env.remove(QStringLiteral("DISPLAY"));
            else
                env.insert(QStringLiteral("DISPLAY"), display);
            const auto r = test::netcase({m_case}, env, 30000);
            QCOMPARE(r.exitCode, 2); // Qt's own failure aborts (-1 here)
            QVERIFY2(r.err.contains("the workbench cannot start"), r.err.constData());
            QVERIFY(r.err.contains("xvfb-run"));
        }
    }

    void interruptCancelsAnImportAndLeavesTheCaseAsItWas()
    {
        const QString log = test::makeAccessLog(QStringLiteral("interrupt.log"), 600000, 5000);
        const QString path = test::tempPath(QStringLiteral("interrupt.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), path, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        QProcess p;
        p.start(QStringLiteral(NETCASE_BINARY_DIR "/bin/netcase"),
                {QStringLiteral("import"), path, log, QStringLiteral("--no-analyze")});
        QVERIFY(p.waitForStarted());
        // The case's lock file appears when the command has opened the case, just before the
        // import (and the interrupt handler) starts; interrupt a moment into the import.
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path + QStringLiteral(".lock")), 20000);
        QTest::qWait(150);
        QCOMPARE(::kill(pid_t(p.processId()), SIGINT), 0);
        QVERIFY(p.waitForFinished(60000));
        const QByteArray err = p.readAllStandardError();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit); // not killed by the signal
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(err.contains("import cancelled; the case is unchanged"), err.constData());
        QVERIFY(!QFile::exists(path + QStringLiteral("-journal")));
        QVERIFY(!QFile::exists(path + QStringLiteral(".lock")));
        const auto info = test::netcase({QStringLiteral("info"), path, QStringLiteral("--json")});
        QCOMPARE(info.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(info.out).object();
        QCOMPARE(o.value(QStringLiteral("events")).toInt(), 0);
        QCOMPARE(o.value(QStringLiteral("sources")).toArray().size(), 0);
    }

    void controlCharactersAreVisibleInPlainOutput()
    {
        const QString path = test::tempPath(QStringLiteral("esc.netcase"));
        const QString title = QStringLiteral("evil\x1b[31mred\u202Egpj.exe\tx");
        QCOMPARE(test::netcase({QStringLiteral("new"), path, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1"), QStringLiteral("--title"), title})
                         .exitCode,
                 0);
        auto r = test::netcase({QStringLiteral("info"), path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!r.out.contains('\x1b'));
        // Shown as the GUI shows them (core/displaytext.h): control pictures and <U+202E>.
        QVERIFY2(QString::fromUtf8(r.out).contains(
                         QStringLiteral("evil\u241b[31mred<U+202E>gpj.exe\u2409x")),
                 r.out.constData());
        // JSON keeps the exact text; the JSON writer escapes it.
        r = test::netcase({QStringLiteral("info"), path, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!r.out.contains('\x1b'));
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("title")).toString(),
                 title);
        // Messages too: a file name holding an escape sequence is shown, not obeyed.
        r = test::netcase({QStringLiteral("import"), path,
                           test::tempPath(QStringLiteral("no\x1b[32mOK\x07.log"))});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(!r.err.contains('\x1b') && !r.err.contains('\x07'), r.err.constData());
        QVERIFY2(QString::fromUtf8(r.err).contains(QStringLiteral("no\u241b[32mOK\u2407.log")),
                 r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
