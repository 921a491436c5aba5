// Events as ClickHouse RowBinary and back (cluster/chrows.h), and the URL of a cluster
// (cluster/churl.h); no server needed.

#include "cluster/chrows.h"
#include "cluster/churl.h"
#include "core/eventdoc.h"

#include <QtTest>

using namespace netcase;
using namespace netcase::cluster;

class TestRows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        Event a;
        a.timestampUs = 1791158400123456LL;
        a.tzOffsetMin = 120;
        a.outcome = Outcome::Failure;
        a.action = "ssh_login";
        a.sourceIp = "203.0.113.9";
        a.clientIp = "2001:db8::1";
        a.userName = std::string(200, 'u') + "\xc3\xa9"; // a length over one LEB128 byte
        a.labels = R"({"k":"v"})";
        a.sourcePort = 22;
        a.durationUs = 1500;
        Event b; // every field absent
        std::string rows;
        appendEventRow(rows, a);
        appendEventRow(rows, b);
        RowReader r(rows);
        Event x, y;
        QVERIFY(r.readEvent(x));
        QVERIFY(r.readEvent(y));
        QVERIFY(r.atEnd());
        QCOMPARE(eventDocument(x), eventDocument(a));
        QCOMPARE(eventDocument(y), eventDocument(b));
        QCOMPARE(x.tzOffsetMin, a.tzOffsetMin);
    }

    void truncatedRowsAreRefused()
    {
        Event a;
        a.userName = "alice";
        std::string rows;
        appendEventRow(rows, a);
        rows.pop_back();
        RowReader r(rows);
        Event x;
        QVERIFY(!r.readEvent(x));
    }

    void url()
    {
        auto c = parseClickHouseUrl(
                QStringLiteral("clickhouse://ana@h1:8124,[::1]:9000/logs?cluster=prod"));
        QVERIFY(c.ok());
        QCOMPARE(c->user, QStringLiteral("ana"));
        QCOMPARE(c->hosts.size(), size_t(2));
        QCOMPARE(c->hosts[1].host, QStringLiteral("::1"));
        QCOMPARE(c->hosts[1].port, quint16(9000));
        QCOMPARE(c->cluster, QStringLiteral("prod"));
        // What may be shown or stored names no user.
        QCOMPARE(c->describe(), QStringLiteral("clickhouse://h1:8124,[::1]:9000/logs"));
        QVERIFY(!parseClickHouseUrl(QStringLiteral("clickhouse://a:secret@h:1/db")).ok());
        QVERIFY(!parseClickHouseUrl(QStringLiteral("clickhouse://h:1/db;drop")).ok());
        QVERIFY(!parseClickHouseUrl(QStringLiteral("http://h:1/db")).ok());
    }

    void secureUrl()
    {
        auto c = parseClickHouseUrl(QStringLiteral("clickhouse://h1,h2:9443/logs?secure=1"));
        QVERIFY(c.ok());
        QVERIFY(c->secure);
        // Without a port, ClickHouse's default https_port.
        QCOMPARE(c->hosts[0].port, quint16(8443));
        QCOMPARE(c->hosts[1].port, quint16(9443));
        QCOMPARE(c->describe(), QStringLiteral("clickhouse://h1:8443,h2:9443/logs?secure=1"));
        c = parseClickHouseUrl(QStringLiteral("clickhouse://h/logs?cluster=c&secure=true"));
        QVERIFY(c.ok());
        QVERIFY(c->secure);
        QVERIFY(!c->noVerify);
        c = parseClickHouseUrl(QStringLiteral("clickhouse://h/logs?secure=0"));
        QVERIFY(c.ok());
        QVERIFY(!c->secure);
        QCOMPARE(c->hosts[0].port, quint16(8123));
        // Not verifying is never a URL parameter; an unknown value is refused.
        QVERIFY(!parseClickHouseUrl(QStringLiteral("clickhouse://h/db?secure=1&skip_verify=1"))
                         .ok());
        QVERIFY(!parseClickHouseUrl(QStringLiteral("clickhouse://h/db?secure=yes")).ok());
    }
};

QTEST_GUILESS_MAIN(TestRows)
#include "tst_rows.moc"
