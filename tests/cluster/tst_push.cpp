// netcase push against two real clickhouse-server shards (tests/cluster/clickhousecluster.h):
// a file is refused the second time, a file pushed by two processes at once ends up once, and
// a server killed mid-push leaves no sources record while a re-push completes the file.

#include "clickhousecluster.h"

#include "cluster/chcleanup.h"
#include "cluster/chhttp.h"
#include "cluster/chpush.h"
#include "cluster/chschema.h"
#include "common/testutil.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QProcess>
#include <QThread>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace netcase;
using namespace netcase::test;

class TestPush : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClickHouseCluster> m_cluster;
    QString m_log;

    /// One number from a query on the first shard (Distributed tables see both).
    qint64 scalar(const QString &db, const QString &sql)
    {
        const cluster::ChConnection c = m_cluster->connection(db);
        cluster::ChHttp http(c);
        auto r = http.query(sql);
        if (!r)
            qWarning() << r.error().message;
        return r ? r->trimmed().toLongLong() : -1;
    }
    qint64 visibleEvents(const QString &db)
    {
        return scalar(db, QStringLiteral("SELECT count() FROM events WHERE push_id GLOBAL IN ")
                                  + cluster::visiblePushes());
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (ClickHouseCluster::serverBinary().isEmpty())
            QSKIP("clickhouse-server is not installed (apt-get install clickhouse-server); the "
                  "ClickHouse tests need the real server");
        m_cluster = std::make_unique<ClickHouseCluster>(2);
        const Status s = m_cluster->start();
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        qInfo("two clickhouse-server shards answered after %lld ms", m_cluster->startMs());
        m_log = makeAccessLog(QStringLiteral("access.log"), 20000, 300, 97);
    }
    void cleanupTestCase() { m_cluster.reset(); }

    void pushThenRefuse()
    {
        const QString url = m_cluster->url(QStringLiteral("once"));
        Run r = test::netcase({QStringLiteral("push"), url, QStringLiteral("--init"), m_log,
                               QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto j = nlohmann::json::parse(r.out.toStdString());
        const qint64 events = j["events"].get<qint64>();
        QVERIFY(events > 19000);
        QCOMPARE(j["rejects"].get<qint64>() + events, 20000);
        QCOMPARE(visibleEvents(QStringLiteral("once")), events);
        // Both shards hold some of the rows.
        for (int shard = 0; shard < 2; ++shard) {
            cluster::ChConnection c = m_cluster->connection(QStringLiteral("once"));
            cluster::ChHttp http(c, size_t(shard));
            auto n = http.query(QStringLiteral("SELECT count() FROM events_local"));
            QVERIFY(n);
            QVERIFY(n->trimmed().toLongLong() > 0);
        }
        QCOMPARE(scalar(QStringLiteral("once"), QStringLiteral("SELECT count() FROM rejects")),
                 20000 - events);

        r = test::netcase({QStringLiteral("push"), url, m_log});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.contains("already in the cluster"), r.out.constData());
        QCOMPARE(visibleEvents(QStringLiteral("once")), events);
        QCOMPARE(scalar(QStringLiteral("once"), QStringLiteral("SELECT count() FROM sources")), 1);
    }

    void noSchemaWithoutInit()
    {
        const Run r = test::netcase(
                {QStringLiteral("push"), m_cluster->url(QStringLiteral("none")), m_log});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--init"), r.err.constData());
    }

    void twoProcessesPushOnce()
    {
        const QString url = m_cluster->url(QStringLiteral("twice"));
        QVERIFY(test::netcase({QStringLiteral("push"), url, QStringLiteral("--init"),
                               makeAccessLog(QStringLiteral("other.log"), 10, 5)})
                        .exitCode
                == 0);
        QProcess a, b;
        const QStringList args{QStringLiteral("push"), url, m_log, QStringLiteral("--json")};
        QString bin = qEnvironmentVariable("NETCASE_BIN");
        if (bin.isEmpty())
            bin = QStringLiteral(NETCASE_BINARY_DIR "/bin/netcase");
        a.start(bin, args);
        b.start(bin, args);
        QVERIFY(a.waitForFinished(120000));
        QVERIFY(b.waitForFinished(120000));
        const int okCount = (a.exitCode() == 0) + (b.exitCode() == 0);
        QVERIFY2(okCount >= 1, a.readAllStandardError().constData());
        const QByteArray outA = a.readAllStandardOutput(), outB = b.readAllStandardOutput();
        const auto ja = nlohmann::json::parse(outA.toStdString());
        const auto jb = nlohmann::json::parse(outB.toStdString());
        const qint64 events = std::max(ja["events"].get<qint64>(), jb["events"].get<qint64>());
        QVERIFY(events > 19000);
        // The file once, however the two pushes interleaved (plus the 10 lines of other.log).
        QCOMPARE(visibleEvents(QStringLiteral("twice")), events + 10);
        QCOMPARE(scalar(QStringLiteral("twice"),
                        QStringLiteral("SELECT uniqExact(sha256) FROM sources")),
                 2);
    }

    void serverKilledMidPush()
    {
        const QString db = QStringLiteral("killed");
        const cluster::ChConnection c = m_cluster->connection(db);
        QVERIFY(cluster::initSchema(c).ok());
        auto pushAll = [&](int killAfter) {
            cluster::ChPush push(c);
            Status s = push.begin({QStringLiteral("synthetic"), QStringLiteral("test"),
                                   QStringLiteral("ab12"), 0});
            for (int i = 0; i < 300000 && s; ++i) {
                Event e;
                e.timestampUs = 1791158400000000LL + std::int64_t(i) * 1000;
                e.line = i + 1;
                e.sourceIp = "10.0." + std::to_string(i % 200) + "." + std::to_string(i % 250);
                e.userName = "user" + std::to_string(i % 1000);
                e.action = "login";
                s = push.add(e);
                if (i == killAfter)
                    m_cluster->kill(1);
            }
            return s ? push.finish() : s;
        };
        QElapsedTimer sinceBroken;
        sinceBroken.start();
        const Status broken = pushAll(150000);
        QVERIFY(!broken.ok());
        qInfo() << "push with shard 2 killed:" << broken.error().message;
        QCOMPARE(scalar(db, QStringLiteral("SELECT count() FROM sources_local")), 0);
        const Status up = m_cluster->restart(1);
        QVERIFY2(up.ok(), qPrintable(up.ok() ? QString() : up.error().message));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count() FROM sources")), 0);
        QCOMPARE(visibleEvents(db), 0);
        // (Usually none of its events reached the tables: a Distributed insert with
        // insert_distributed_sync=1 sends blocks of up to max_insert_block_size rows; its pushes
        // row is there.)
        qInfo("rows the broken push left: %lld",
              scalar(db, QStringLiteral("SELECT count() FROM events")));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count() FROM pushes")), 1);
        // The broken push is old enough to be cleaned up whatever the two push ids are
        // (chcleanup.h: a push of the same file started within kGraceSeconds may still run).
        const qint64 grace = (cluster::kGraceSeconds + 1) * 1000;
        if (sinceBroken.elapsed() < grace)
            QThread::msleep(unsigned(grace - sinceBroken.elapsed()));
        // The re-push completes the file: its rows count, the broken push's do not.
        cluster::ChPush push(c);
        const Status again = [&] {
            Status s = push.begin({QStringLiteral("synthetic"), QStringLiteral("test"),
                                   QStringLiteral("ab12"), 0});
            for (int i = 0; i < 300000 && s; ++i) {
                Event e;
                e.timestampUs = 1791158400000000LL + std::int64_t(i) * 1000;
                e.line = i + 1;
                e.sourceIp = "10.0." + std::to_string(i % 200) + "." + std::to_string(i % 250);
                e.userName = "user" + std::to_string(i % 1000);
                e.action = "login";
                s = push.add(e);
            }
            return s ? push.finish() : s;
        }();
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count() FROM sources")), 1);
        QCOMPARE(visibleEvents(db), 300000);
        // ... and the broken push's rows are deleted (a mutation, run in the background).
        QCOMPARE(push.cleanupNote(),
                 QStringLiteral("removed the rows of 1 earlier broken-off push of this file"));
        const QDeadlineTimer deadline(60000);
        qint64 all = -1;
        while (!deadline.hasExpired()) {
            all = scalar(db, QStringLiteral("SELECT count() FROM events"));
            if (all == 300000)
                break;
            QThread::msleep(100);
        }
        QCOMPARE(all, 300000);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count() FROM pushes")), 1);
        QCOMPARE(visibleEvents(db), 300000);
    }

    /// What pushes that broke off after their events were in leave (the kill above may stop a
    /// push before any block reached the tables), written as such a push writes it: which of
    /// them a completed push of the same file deletes.
    void brokenPushRowsDeleted()
    {
        const QString db = QStringLiteral("cleanup");
        const cluster::ChConnection c = m_cluster->connection(db);
        QVERIFY(cluster::initSchema(c).ok());
        const QString sha = QStringLiteral("cd34");
        auto leave = [&](const QString &id, const QString &started) {
            cluster::ChHttp pushes(c);
            QVERIFY(pushes.query(QStringLiteral("INSERT INTO pushes VALUES (%1, '%2', %3)")
                                         .arg(id, sha, started))
                            .ok());
            cluster::ChHttp events(c);
            QVERIFY(events.query(QStringLiteral("INSERT INTO events (ts, push_id, line) SELECT "
                                                "1791158400000000 + number, %1, number FROM "
                                                "system.numbers LIMIT 5000")
                                         .arg(id))
                            .ok());
            cluster::ChHttp rejects(c);
            QVERIFY(rejects.query(QStringLiteral("INSERT INTO rejects VALUES (%1, 1, 'bad', 'x')")
                                          .arg(id))
                            .ok());
        };
        leave(QStringLiteral("77"), QStringLiteral("now() - 60")); // broke off a minute ago
        leave(QStringLiteral("18446744073709551615"), QStringLiteral("now()")); // id too large
        leave(QStringLiteral("3"), QStringLiteral("now()")); // may still be running: kept
        QCOMPARE(scalar(db, QStringLiteral("SELECT count() FROM events")), 15000);
        QCOMPARE(visibleEvents(db), 0);

        cluster::ChPush push(c);
        Status s = push.begin({QStringLiteral("again"), QStringLiteral("test"), sha, 0});
        for (int i = 0; i < 1000 && s; ++i) {
            Event e;
            e.timestampUs = 1791158400000000LL + std::int64_t(i) * 1000;
            e.line = i + 1;
            e.sourceIp = "10.1.0." + std::to_string(i % 250);
            s = push.add(e);
        }
        s = s ? push.finish() : s;
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        QCOMPARE(push.cleanupNote(),
                 QStringLiteral("removed the rows of 2 earlier broken-off pushes of this file"));
        const QDeadlineTimer deadline(60000);
        qint64 all = -1;
        while (!deadline.hasExpired()) {
            all = scalar(db, QStringLiteral("SELECT count() FROM events"));
            if (all == 1000 + 5000)
                break;
            QThread::msleep(100);
        }
        QCOMPARE(all, 1000 + 5000);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count() FROM events WHERE push_id = 3")), 5000);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count() FROM rejects")), 1);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count() FROM pushes")), 2);
        QCOMPARE(visibleEvents(db), 1000);
    }
};

QTEST_GUILESS_MAIN(TestPush)
#include "tst_push.moc"
