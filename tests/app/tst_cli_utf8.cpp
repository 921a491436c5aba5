// Regression (issue 3): an access-log line whose user agent holds bytes that are not UTF-8 used
// to make `netcase events` throw while writing JSON. Import such a line, then the events must
// print as valid JSON with U+FFFD where the bad bytes were.

#include "common/testutil.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QTest>

using namespace netcase;

class TestCliUtf8 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eventsWithInvalidUtf8UserAgent()
    {
        const QString log = test::tempPath(QStringLiteral("bad-ua.log"));
        QFile f(log);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("203.0.113.7 - alice [01/Mar/2024:12:00:00 +0000] \"GET /a\xff HTTP/1.1\" 200 512 "
                "\"http://r.example/\xfe\" \"curl/8.0 \xff\xfe\"\n"
                "203.0.113.8 - - [01/Mar/2024:12:00:01 +0000] \"GET /b HTTP/1.1\" 404 0 \"-\" "
                "\"Mozilla/5.0\"\n");
        f.close();
        const QString kase = test::tempPath(QStringLiteral("bad-ua.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), kase, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        const auto imp = test::netcase({QStringLiteral("import"), kase, log});
        QVERIFY2(imp.exitCode == 0, imp.err.constData());

        const auto ev = test::netcase({QStringLiteral("events"), kase, QStringLiteral("--raw")});
        QVERIFY2(ev.exitCode == 0, ev.err.constData());
        const QList<QByteArray> lines = ev.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        for (const QByteArray &line : lines) {
            // nlohmann's parser rejects ill-formed UTF-8, unlike lenient JSON readers.
            QVERIFY2(nlohmann::json::accept(line.toStdString()), line.constData());
        }
        const auto first = nlohmann::json::parse(lines.first().toStdString());
        QCOMPARE(first["user_agent"]["original"].get<std::string>(),
                 std::string("curl/8.0 \xEF\xBF\xBD\xEF\xBF\xBD"));
        QCOMPARE(first["url"]["original"].get<std::string>(), std::string("/a\xEF\xBF\xBD"));
        QCOMPARE(first["user"]["name"].get<std::string>(), std::string("alice"));
    }
};

QTEST_GUILESS_MAIN(TestCliUtf8)
#include "tst_cli_utf8.moc"
