// HTTPS to real clickhouse-server shards (tests/cluster/clickhousecluster.h with tls): each
// shard listens on an https_port with a self-signed certificate the test makes with openssl.
// push, hunt and pull work with that certificate as --ca-file; the system's CAs, another CA and
// a plain-HTTP URL to the HTTPS port fail with a message naming the problem; --tls-no-verify
// works and says on stderr that nothing was checked.

#include "clickhousecluster.h"

#include "cluster/chhttp.h"
#include "common/testutil.h"

#include <QSslSocket>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace netcase;
using namespace netcase::test;

class TestTls : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClickHouseCluster> m_cluster;
    QString m_log;
    QString m_otherCa;

    QString url() const { return m_cluster->url(QStringLiteral("tls")); }

private Q_SLOTS:
    void initTestCase()
    {
        if (ClickHouseCluster::serverBinary().isEmpty())
            QSKIP("clickhouse-server is not installed (apt-get install clickhouse-server); the "
                  "ClickHouse tests need the real server");
        QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend");
        m_cluster = std::make_unique<ClickHouseCluster>(2, true);
        const Status s = m_cluster->start();
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        m_log = makeAccessLog(QStringLiteral("access.log"), 5000, 100, 0);
        const QString other = tempPath(QStringLiteral("other"));
        const Status made = ClickHouseCluster::makeCertificate(other);
        QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().message));
        m_otherCa = other + QStringLiteral(".crt");
    }
    void cleanupTestCase() { m_cluster.reset(); }

    void pushHuntPullWithCaFile()
    {
        QVERIFY(url().contains(QStringLiteral("?secure=1")));
        Run r = test::netcase({QStringLiteral("push"), url(), QStringLiteral("--init"), m_log,
                               QStringLiteral("--ca-file"), m_cluster->caFile(),
                               QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const qint64 events = nlohmann::json::parse(r.out.toStdString())["events"].get<qint64>();
        QCOMPARE(events, 5000);
        r = test::netcase({QStringLiteral("hunt"), url(), QStringLiteral("--rule"),
                           QStringLiteral("ddos"), QStringLiteral("--ca-file"), m_cluster->caFile(),
                           QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(nlohmann::json::parse(r.out.toStdString()).contains("candidates"));
        const QString casePath = tempPath(QStringLiteral("tls.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), casePath, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        r = test::netcase({QStringLiteral("pull"), casePath, url(), QStringLiteral("--ca-file"),
                           m_cluster->caFile(), QStringLiteral("--no-analyze"),
                           QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(nlohmann::json::parse(r.out.toStdString())["events"].get<qint64>(), events);
        // Nothing is said about verification when it was done.
        QVERIFY2(!r.err.contains("NOT checked"), r.err.constData());
    }

    void selfSignedRefusedWithoutItsCa()
    {
        const Run r = test::netcase({QStringLiteral("pull"), tempPath(QStringLiteral("x.netcase")),
                                     url(), QStringLiteral("--count")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("certificate is not trusted"), r.err.constData());
        QVERIFY2(r.err.contains("self-signed"), r.err.constData());
        QVERIFY2(r.err.contains("--ca-file"), r.err.constData());
    }

    void wrongCaRefused()
    {
        const Run r = test::netcase({QStringLiteral("pull"), tempPath(QStringLiteral("x.netcase")),
                                     url(), QStringLiteral("--count"), QStringLiteral("--ca-file"),
                                     m_otherCa});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("certificate is not trusted"), r.err.constData());
        qInfo("wrong CA: %s", r.err.trimmed().constData());
    }

    void unreadableCaFile()
    {
        const Run r = test::netcase({QStringLiteral("pull"), tempPath(QStringLiteral("x.netcase")),
                                     url(), QStringLiteral("--count"), QStringLiteral("--ca-file"),
                                     tempPath(QStringLiteral("absent.pem"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("cannot read the CA file"), r.err.constData());
        const Run notPem = test::netcase(
                {QStringLiteral("pull"), tempPath(QStringLiteral("x.netcase")), url(),
                 QStringLiteral("--count"), QStringLiteral("--ca-file"), m_log});
        QCOMPARE(notPem.exitCode, 1);
        QVERIFY2(notPem.err.contains("no PEM certificate"), notPem.err.constData());
    }

    void noVerifyIsVisible()
    {
        const Run r = test::netcase({QStringLiteral("pull"), tempPath(QStringLiteral("x.netcase")),
                                     url(), QStringLiteral("--count"),
                                     QStringLiteral("--tls-no-verify")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("5000 events match"));
        QVERIFY2(r.err.contains("NOT checked"), r.err.constData());
    }

    void tlsOptionsNeedSecure()
    {
        QString plain = url();
        plain.remove(QStringLiteral("?secure=1"));
        const Run r = test::netcase({QStringLiteral("pull"), tempPath(QStringLiteral("x.netcase")),
                                     plain, QStringLiteral("--count"), QStringLiteral("--ca-file"),
                                     m_cluster->caFile()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("secure=1"), r.err.constData());
    }

    void plainHttpToTheHttpsPortFails()
    {
        cluster::ChConnection c = m_cluster->connection(QStringLiteral("tls"));
        c.secure = false;
        c.timeoutMs = 10000;
        cluster::ChHttp http(c);
        const auto r = http.query(QStringLiteral("SELECT 1"), false);
        QVERIFY(!r.ok());
        qInfo("plain HTTP to the HTTPS port: %s", qPrintable(r.error().message));
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
