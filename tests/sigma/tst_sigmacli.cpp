// Sigma rules from the command line, end to end: `netcase sigma check` lists a folder's rules
// (loaded, and unsupported with the reason); `netcase analyze --sigma` over a generated access
// log stores findings of kind sigma with the rule's author in the title, its false positives as
// caveats, the matching events as evidence; the run is audited with the rules' digest and the
// chain verifies; --save-sigma keeps the folder for later runs; the report shows the author.

#include "common/testutil.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace netcase;

namespace {

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> l;
    for (const QByteArray &line : out.split('\n'))
        if (!line.isEmpty())
            l << QJsonDocument::fromJson(line).object();
    return l;
}

void write(const QString &path, const QByteArray &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace

class TestSigmaCli : public QObject
{
    Q_OBJECT
    QString m_case;
    QString m_rules;
    QString m_log;

private Q_SLOTS:
    void initTestCase()
    {
        m_case = test::tempPath(QStringLiteral("sigma.netcase"));
        m_log = test::makeAccessLog(QStringLiteral("sigma.log"), 3000, 60);
        QVERIFY(!m_log.isEmpty());
        m_rules = test::tempPath(QStringLiteral("rules"));
        QVERIFY(QDir().mkpath(m_rules + QStringLiteral("/web")));
        write(m_rules + QStringLiteral("/web/python_requests.yml"),
              "title: Python requests client\n"
              "id: 6a1e3c52-0c0e-4d3b-9a55-3f1f7e2d0001\n"
              "status: test\n"
              "author: Netcase Tests\n"
              "level: medium\n"
              "tags:\n  - attack.t1595\n"
              "falsepositives:\n  - Health checks by the operations team\n"
              "logsource:\n  category: webserver\n"
              "detection:\n  sel:\n    c-useragent|startswith: python-requests/\n"
              "  filter:\n    sc-status: 418\n"
              "  condition: sel and not filter\n");
        write(m_rules + QStringLiteral("/web/cookie.yml"),
              "title: Cookie rule\nauthor: Someone\nlogsource:\n  category: webserver\n"
              "detection:\n  sel:\n    cs-cookie|contains: x\n  condition: sel\n");
        QCOMPARE(test::netcase({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        QCOMPARE(test::netcase(
                         {QStringLiteral("import"), m_case, m_log, QStringLiteral("--no-analyze")})
                         .exitCode,
                 0);
    }

    void checkListsLoadedAndUnsupported()
    {
        const auto r = test::netcase({QStringLiteral("sigma"), QStringLiteral("check"), m_rules});
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains(QStringLiteral("loaded       medium         Python requests client")),
                 r.out.constData());
        QVERIFY(out.contains(QStringLiteral("unsupported  Cookie rule  [") + m_rules
                             + QStringLiteral("/web/cookie.yml]: field 'cs-cookie' has no Netcase "
                                              "field for this log source")));
        QVERIFY(out.contains(
                QStringLiteral("2 files: 1 rules loaded, 0 correlations, 1 unsupported")));
        const auto j = test::netcase({QStringLiteral("sigma"), QStringLiteral("check"), m_rules,
                                      QStringLiteral("--json")});
        const QJsonObject o = QJsonDocument::fromJson(j.out).object();
        QCOMPARE(o[QStringLiteral("loaded")].toArray().size(), 1);
        QCOMPARE(o[QStringLiteral("unsupported")].toArray().size(), 1);
        // A folder that is not there is a usage error.
        QCOMPARE(test::netcase({QStringLiteral("sigma"), QStringLiteral("check"),
                                m_rules + QStringLiteral("/none")})
                         .exitCode,
                 1);
    }

    void analyzeMakesSigmaFindings()
    {
        const auto a = test::netcase({QStringLiteral("analyze"), m_case, QStringLiteral("--sigma"),
                                      m_rules, QStringLiteral("--json")});
        QCOMPARE(a.exitCode, 0);
        const QJsonObject sum = QJsonDocument::fromJson(a.out).object();
        const int sigmaFindings = sum[QStringLiteral("by_kind")][QStringLiteral("sigma")].toInt();
        QVERIFY(sigmaFindings > 0);

        // The events the rule means, counted from the events themselves.
        const auto events = test::netcase({QStringLiteral("events"), m_case});
        int want = 0;
        QSet<QString> addresses;
        for (const QJsonObject &e : jsonLines(events.out)) {
            const QString ua
                    = e[QStringLiteral("user_agent")][QStringLiteral("original")].toString();
            if (ua.startsWith(QLatin1String("python-requests/"))) {
                ++want;
                addresses << e[QStringLiteral("source")][QStringLiteral("ip")].toString();
            }
        }
        QVERIFY(want > 0);
        QCOMPARE(sigmaFindings, int(addresses.size()));

        const auto f = test::netcase({QStringLiteral("findings"), m_case, QStringLiteral("--kind"),
                                      QStringLiteral("sigma"), QStringLiteral("--json")});
        QCOMPARE(f.exitCode, 0);
        int evidence = 0;
        for (const QJsonObject &x : jsonLines(f.out)) {
            QCOMPARE(x[QStringLiteral("kind")].toString(), QStringLiteral("sigma"));
            QVERIFY(x[QStringLiteral("title")].toString().startsWith(
                    QStringLiteral("Sigma: Python requests client (rule by Netcase Tests) — ")));
            QCOMPARE(x[QStringLiteral("details")][QStringLiteral("author")].toString(),
                     QStringLiteral("Netcase Tests"));
            bool fp = false;
            for (const auto &c : x[QStringLiteral("caveats")].toArray())
                fp = fp
                     || c.toObject()[QStringLiteral("text")].toString()
                                == QStringLiteral(
                                        "False positive named by the rule's author (Netcase "
                                        "Tests): Health checks by the operations team");
            QVERIFY(fp);
            evidence += x[QStringLiteral("evidence_count")].toInt();
        }
        QCOMPARE(evidence, want);

        // Plain output shows the author and the caveat.
        const auto plain = test::netcase({QStringLiteral("findings"), m_case,
                                          QStringLiteral("--kind"), QStringLiteral("sigma")});
        QVERIFY(plain.out.contains("(rule by Netcase Tests)"));
        QVERIFY(plain.out.contains("caveat: False positive named by the rule's author"));
    }

    void runIsAuditedAndSaved()
    {
        QCOMPARE(test::netcase({QStringLiteral("analyze"), m_case, QStringLiteral("--sigma"),
                                m_rules, QStringLiteral("--save-sigma")})
                         .exitCode,
                 0);
        // Without --sigma, the stored folder is used.
        const auto again
                = test::netcase({QStringLiteral("analyze"), m_case, QStringLiteral("--json")});
        QCOMPARE(again.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(again.out)
                        .object()[QStringLiteral("by_kind")][QStringLiteral("sigma")]
                        .toInt()
                > 0);
        const auto audit
                = test::netcase({QStringLiteral("audit"), m_case, QStringLiteral("--json")});
        bool saved = false, run = false;
        for (const QJsonObject &r : jsonLines(audit.out)) {
            const QString what = r[QStringLiteral("what")].toString();
            saved = saved || what == QStringLiteral("sigma.folders");
            const QJsonObject s = r[QStringLiteral("details")][QStringLiteral("sigma")].toObject();
            if (what == QStringLiteral("analysis.run") && !s.isEmpty()) {
                run = true;
                QCOMPARE(s[QStringLiteral("rules")].toInt(), 1);
                QCOMPARE(s[QStringLiteral("unsupported")].toInt(), 1);
                QCOMPARE(s[QStringLiteral("rules_sha256")].toString().size(), 64);
            }
        }
        QVERIFY(saved);
        QVERIFY(run);
        QCOMPARE(test::netcase({QStringLiteral("verify"), m_case}).exitCode, 0);

        // An import analyses with the stored folder too, so the Sigma findings stay active.
        const QString more = test::makeAccessLog(QStringLiteral("sigma2.log"), 500, 20);
        QCOMPARE(test::netcase({QStringLiteral("import"), m_case, more}).exitCode, 0);
        const auto f = test::netcase({QStringLiteral("findings"), m_case, QStringLiteral("--kind"),
                                      QStringLiteral("sigma"), QStringLiteral("--json")});
        QVERIFY(!jsonLines(f.out).isEmpty());
    }

    void windowsSecurityRulesReadTheLogonFields()
    {
        // product: windows, service: security over the Winlogbeat golden file: EventID and
        // LogonType are labels, IpAddress and TargetUserName the event's own fields.
        const QString dir = test::tempPath(QStringLiteral("rules-windows"));
        QVERIFY(QDir().mkpath(dir));
        write(dir + QStringLiteral("/rdp_failed.yml"),
              "title: Failed remote interactive logon\n"
              "author: Netcase Tests\nlevel: medium\n"
              "logsource:\n  product: windows\n  service: security\n"
              "detection:\n  sel:\n    EventID: 4625\n    LogonType: 10\n"
              "  admin:\n    TargetUserName|startswith: Admin\n"
              "  condition: sel and admin\n");
        const auto check = test::netcase({QStringLiteral("sigma"), QStringLiteral("check"), dir});
        QCOMPARE(check.exitCode, 0);
        QVERIFY2(check.out.contains("1 rules loaded"), check.out.constData());
        const QString golden = QStringLiteral(
                NETCASE_SOURCE_DIR "/tests/importers/golden/windows-json/winlogbeat.ndjson");
        QVERIFY(QFile::exists(golden));
        const QString c = test::tempPath(QStringLiteral("windows.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), c, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-26")})
                         .exitCode,
                 0);
        QCOMPARE(
                test::netcase({QStringLiteral("import"), c, golden, QStringLiteral("--no-analyze")})
                        .exitCode,
                0);
        QCOMPARE(test::netcase({QStringLiteral("analyze"), c, QStringLiteral("--sigma"), dir})
                         .exitCode,
                 0);
        const auto f = test::netcase({QStringLiteral("findings"), c, QStringLiteral("--kind"),
                                      QStringLiteral("sigma"), QStringLiteral("--json")});
        const auto found = jsonLines(f.out);
        // One 4625 of type 10 names Administrator (the other names user3).
        QCOMPARE(found.size(), qsizetype(1));
        QCOMPARE(found[0][QStringLiteral("evidence_count")].toInt(), 1);
        QVERIFY2(f.out.contains("2001:db8:85a3::8a2e:370:7334"), f.out.constData());
    }

    void reportShowsTheAuthor()
    {
        const QString html = test::tempPath(QStringLiteral("sigma.html"));
        QCOMPARE(test::netcase({QStringLiteral("report"), m_case, QStringLiteral("-o"), html})
                         .exitCode,
                 0);
        QFile f(html);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("rule by Netcase Tests"));
    }
};

QTEST_GUILESS_MAIN(TestSigmaCli)
#include "tst_sigmacli.moc"
