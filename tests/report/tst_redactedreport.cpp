// `netcase report --redact` through the real binary, HTML and JSON: no raw line, no original
// address or account name of anyone who is not the subject of a decision (from the findings,
// the decision's reasoning, a note, the events' own addresses), while the subjects stay named;
// a pseudonym is the same wherever its value appears in one report; `--max-evidence 0` works.

#include "common/audittest.h"
#include "common/jsonschema.h"
#include "common/testutil.h"

#include "case/casefile.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace netcase;

namespace {

test::Run cli(const QStringList &args)
{
    return test::netcase(args);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestRedactedReport : public QObject
{
    Q_OBJECT
    QString m_case;
    QString m_log;
    QSet<QString> m_eventIps;

private Q_SLOTS:
    void initTestCase()
    {
        m_case = test::tempPath(QStringLiteral("redact.netcase"));
        QCOMPARE(cli({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                      QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        m_log = test::makeAccessLog(QStringLiteral("redact.log"), 400, 30);
        QCOMPARE(cli({QStringLiteral("import"), m_case, m_log}).exitCode, 0);
        {
            auto c = CaseFile::open(m_case);
            QVERIFY(c);
            test::addFinding(c->db(), QStringLiteral("192.0.2.1"), QStringLiteral("mallory.kept"),
                             {1, 2});
            test::addFinding(c->db(), QStringLiteral("198.51.100.7"), QStringLiteral("bob.hidden"),
                             {3, 4});
        }
        auto r = cli({QStringLiteral("decide"), m_case, QStringLiteral("--subject"),
                      QStringLiteral("ip:192.0.2.1"), QStringLiteral("--verdict"),
                      QStringLiteral("block"), QStringLiteral("--reason"),
                      QStringLiteral("same source as 198.51.100.7, which tried bob.hidden"),
                      QStringLiteral("--analyst"), QStringLiteral("analyst-ann")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("decide"), m_case, QStringLiteral("--subject"),
                 QStringLiteral("account:mallory.kept"), QStringLiteral("--verdict"),
                 QStringLiteral("step_up_auth"), QStringLiteral("--reason"),
                 QStringLiteral("targeted"), QStringLiteral("--analyst"),
                 QStringLiteral("analyst-ann")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("note"), m_case, QStringLiteral("--event"), QStringLiteral("5"),
                 QStringLiteral("--comment"), QStringLiteral("also seen from 198.51.100.7")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = cli({QStringLiteral("events"), m_case});
        QCOMPARE(r.exitCode, 0);
        const QRegularExpression ip(QStringLiteral("\"ip\":\\s*\"([^\"]+)\""));
        for (auto it = ip.globalMatch(QString::fromUtf8(r.out)); it.hasNext();)
            m_eventIps.insert(it.next().captured(1));
        QVERIFY(m_eventIps.size() > 5);
    }

    void unredactedReportNamesEveryone()
    {
        // The check below would be empty if the plain report did not carry these values.
        const QString out = test::tempPath(QStringLiteral("plain.json"));
        QCOMPARE(cli({QStringLiteral("report"), m_case, QStringLiteral("-o"), out}).exitCode, 0);
        const QByteArray text = readAll(out);
        QVERIFY(text.contains("198.51.100.7"));
        QVERIFY(text.contains("bob.hidden"));
        int eventIpsShown = 0;
        for (const QString &a : m_eventIps)
            eventIpsShown += text.contains(a.toUtf8()) ? 1 : 0;
        QVERIFY(eventIpsShown > 0);
    }

    void redactedHtmlAndJson_data()
    {
        QTest::addColumn<QString>("ext");
        QTest::newRow("html") << QStringLiteral("html");
        QTest::newRow("json") << QStringLiteral("json");
    }

    void redactedHtmlAndJson()
    {
        QFETCH(QString, ext);
        const QString out = test::tempPath(QStringLiteral("redacted.") + ext);
        const auto r = cli({QStringLiteral("report"), m_case, QStringLiteral("-o"), out,
                            QStringLiteral("--redact")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QByteArray text = readAll(out);
        QVERIFY(!text.isEmpty());
        for (const QString &a : m_eventIps)
            if (a != QLatin1String("192.0.2.1"))
                QVERIFY2(!text.contains(a.toUtf8()), qPrintable(a));
        QVERIFY(!text.contains("198.51.100.7"));
        QVERIFY(!text.contains("bob.hidden"));
        QVERIFY(text.contains("192.0.2.1"));
        QVERIFY(text.contains("mallory.kept"));
        // No raw line of the log.
        const QList<QByteArray> lines = readAll(m_log).split('\n');
        for (int i = 0; i < 20; ++i)
            QVERIFY(!text.contains(lines.at(i).trimmed()));
        QVERIFY(text.contains("ip-"));
        QVERIFY(text.contains("account-"));
    }

    void pseudonymIsStableWithinAReport()
    {
        const QString out = test::tempPath(QStringLiteral("stable.json"));
        QCOMPARE(cli({QStringLiteral("report"), m_case, QStringLiteral("-o"), out,
                      QStringLiteral("--redact")})
                         .exitCode,
                 0);
        const auto doc = nlohmann::json::parse(readAll(out).toStdString());
        QCOMPARE(doc["redacted"].get<bool>(), true);
        const QJsonDocument schema = QJsonDocument::fromJson(
                readAll(QStringLiteral(NETCASE_SOURCE_DIR "/docs/report.schema.json")));
        const QStringList problems = test::validateJsonSchema(
                QJsonDocument::fromJson(readAll(out)).object(), schema.object());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        std::string hiddenIp, hiddenAccount;
        for (const auto &f : doc["findings"]["items"]) {
            QCOMPARE(f["evidence"].size(), std::size_t(0));
            // The two findings the test added; the import's analysis may have made others.
            const auto title = f["title"].get<std::string>();
            const std::string prefix = "Credential stuffing from ";
            if (title.rfind(prefix, 0) != 0 || f["entities"]["accounts"].empty())
                continue;
            const auto ip = f["entities"]["ips"][0].get<std::string>();
            if (ip != "192.0.2.1") {
                hiddenIp = ip;
                hiddenAccount = f["entities"]["accounts"][0].get<std::string>();
                QCOMPARE(title, prefix + ip);
            }
        }
        QVERIFY(QByteArray::fromStdString(hiddenIp).startsWith("ip-"));
        QVERIFY(QByteArray::fromStdString(hiddenAccount).startsWith("account-"));
        const std::string decisions = doc["decisions"].dump();
        QVERIFY(decisions.find(hiddenIp) != std::string::npos);
        QVERIFY(decisions.find(hiddenAccount) != std::string::npos);
        QVERIFY(doc["notes"].dump().find(hiddenIp) != std::string::npos);

        // Another report draws another key: the pseudonym does not carry over.
        const QString again = test::tempPath(QStringLiteral("stable2.json"));
        QCOMPARE(cli({QStringLiteral("report"), m_case, QStringLiteral("-o"), again,
                      QStringLiteral("--redact")})
                         .exitCode,
                 0);
        QVERIFY(!readAll(again).contains(QByteArray::fromStdString(hiddenIp)));
    }

    void maxEvidenceZero()
    {
        const QString out = test::tempPath(QStringLiteral("noevidence.json"));
        const auto r = cli({QStringLiteral("report"), m_case, QStringLiteral("-o"), out,
                            QStringLiteral("--max-evidence"), QStringLiteral("0")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto doc = nlohmann::json::parse(readAll(out).toStdString());
        QCOMPARE(doc["findings"]["max_evidence_per_finding"].get<int>(), 0);
        for (const auto &f : doc["findings"]["items"])
            QCOMPARE(f["evidence"].size(), std::size_t(0));
        QCOMPARE(cli({QStringLiteral("report"), m_case, QStringLiteral("-o"), out,
                      QStringLiteral("--max-evidence"), QStringLiteral("-1")})
                         .exitCode,
                 1);
    }
};

QTEST_GUILESS_MAIN(TestRedactedReport)
#include "tst_redactedreport.moc"
