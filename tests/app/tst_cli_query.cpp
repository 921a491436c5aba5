// `netcase events CASE --query Q` and `netcase help query` end to end: the matching events as
// JSON lines (the same as EventQuery with the query), a bad query's message with the position
// and caret on stderr and the usage exit status,
// and the help text.

#include "common/testutil.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace netcase;

class TestCliQuery : public QObject
{
    Q_OBJECT
    QString m_case;

    static QList<QByteArray> lines(const QByteArray &out)
    {
        QList<QByteArray> l = out.split('\n');
        l.removeAll(QByteArray());
        return l;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_case = test::tempPath(QStringLiteral("cliq.netcase"));
        const QString log = test::makeAccessLog(QStringLiteral("cliq.log"), 2000, 40);
        QCOMPARE(test::netcase({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        QCOMPARE(test::netcase(
                         {QStringLiteral("import"), m_case, log, QStringLiteral("--no-analyze")})
                         .exitCode,
                 0);
    }

    void selectsMatchingEvents()
    {
        const auto r = test::netcase({QStringLiteral("events"), m_case, QStringLiteral("--query"),
                                      QStringLiteral("status>=400 NOT method:GET")});
        QCOMPARE(r.exitCode, 0);
        const auto all = test::netcase({QStringLiteral("events"), m_case});
        int want = 0;
        for (const QByteArray &line : lines(all.out)) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            const int status = o[QStringLiteral("http")][QStringLiteral("response")]
                                [QStringLiteral("status_code")]
                                        .toInt(-1);
            const QString method
                    = o[QStringLiteral("http")][QStringLiteral("request")][QStringLiteral("method")]
                              .toString();
            if (status >= 400 && method != QLatin1String("GET"))
                ++want;
        }
        QVERIFY(want > 0 && want < 2000);
        QCOMPARE(lines(r.out).size(), want);
        // The other options narrow the query further.
        const auto limited
                = test::netcase({QStringLiteral("events"), m_case, QStringLiteral("--query"),
                                 QStringLiteral("status>=400 NOT method:GET"),
                                 QStringLiteral("--limit"), QStringLiteral("3")});
        QCOMPARE(lines(limited.out).size(), 3);
        QCOMPARE(lines(limited.out), lines(r.out).mid(0, 3));
    }

    void badQueryShowsWhere()
    {
        const auto r = test::netcase({QStringLiteral("events"), m_case, QStringLiteral("--query"),
                                      QStringLiteral("user:alice AND (status>=abc)")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(QString::fromUtf8(r.err),
                 QStringLiteral("netcase: --query at character 25: expected a whole number for "
                                "http.response.status_code, found 'abc'\n"
                                "  user:alice AND (status>=abc)\n"
                                "                          ^\n"
                                "'netcase help query' describes the language\n"));
    }

    void helpQuery()
    {
        const auto r = test::netcase({QStringLiteral("help"), QStringLiteral("query")});
        QCOMPARE(r.exitCode, 0);
        const QString text = QString::fromUtf8(r.out);
        QVERIFY(text.contains(QStringLiteral("ip:10.0.0.0/8")));
        QVERIFY(text.contains(QStringLiteral("http.response.status_code")));
        QVERIFY(text.contains(QStringLiteral("related.ip")));
    }
};

QTEST_GUILESS_MAIN(TestCliQuery)
#include "tst_cli_query.moc"
