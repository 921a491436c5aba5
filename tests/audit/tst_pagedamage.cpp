// Damaged pages: a case file with random 64-byte chunks overwritten (a failing disk, a bad copy)
// must never hand out altered events as if nothing happened. Whatever the damage hits, either
// the events read back are exactly the ones imported, or both `events` and `verify` fail and say
// what is damaged; no command crashes.

#include "common/testutil.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace netcase;

class TestPageDamage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_case = test::tempPath(QStringLiteral("pristine.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        const QString log = test::makeAccessLog(QStringLiteral("damage.log"), 9999, 300);
        const auto imp = test::netcase(
                {QStringLiteral("import"), m_case, log, QStringLiteral("--no-analyze")});
        QVERIFY2(imp.exitCode == 0, imp.err.constData());
        const auto events = test::netcase({QStringLiteral("events"), m_case});
        QCOMPARE(events.exitCode, 0);
        m_events = events.out;
        QCOMPARE(m_events.count('\n'), 9999);
        QCOMPARE(test::netcase({QStringLiteral("verify"), m_case}).exitCode, 0);
    }

    void damageIsNeverSilent_data()
    {
        QTest::addColumn<quint32>("seed");
        for (quint32 seed = 1; seed <= 16; ++seed)
            QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
    }

    void damageIsNeverSilent()
    {
        QFETCH(quint32, seed);
        const QString path = test::tempPath(QStringLiteral("damaged-%1.netcase").arg(seed));
        QFile::remove(path);
        QVERIFY(QFile::copy(m_case, path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 size = f.size();
        QRandomGenerator rng(seed);
        // Thirty 64-byte chunks anywhere past the file header's page.
        for (int i = 0; i < 30; ++i) {
            QByteArray junk(64, Qt::Uninitialized);
            for (char &c : junk)
                c = char(rng.bounded(256));
            QVERIFY(f.seek(4096 + qint64(rng.bounded(quint64(size - 4096 - 64)))));
            QCOMPARE(f.write(junk), qint64(64));
        }
        f.close();

        const auto verify = test::netcase({QStringLiteral("verify"), path});
        const auto events = test::netcase({QStringLiteral("events"), path});
        QVERIFY2(verify.exitCode >= 0 && events.exitCode >= 0, "a command crashed");
        // `events` checks the blocks it reads against their recorded hashes: altered output
        // comes with a failing exit status and the damaged block named.
        if (events.out != m_events && events.exitCode == 0) {
            const QList<QByteArray> got = events.out.split('\n'), want = m_events.split('\n');
            for (qsizetype i = 0; i < std::min(got.size(), want.size()); ++i) {
                if (got[i] != want[i]) {
                    qWarning("line %lld differs:\n  got  %s\n  want %s", qlonglong(i),
                             got[i].left(400).constData(), want[i].left(400).constData());
                    break;
                }
            }
        }
        QVERIFY2(events.out == m_events || events.exitCode != 0,
                 "events printed altered events with exit status 0");
        if (events.out != m_events && events.exitCode == 2 && !events.out.isEmpty())
            QVERIFY2(events.err.contains("cannot be trusted"), events.err.constData());
        const bool altered = events.exitCode == 0 && events.out != m_events;
        const QByteArray said = QByteArray(verify.out + verify.err).trimmed();
        if (verify.exitCode == 0)
            QVERIFY2(!altered, "verify says intact but the events read back differ");
        else
            QVERIFY2(!said.isEmpty(), "verify failed silently");
        qInfo("seed %u: verify exit %d, events exit %d%s: %s", seed, verify.exitCode,
              events.exitCode, altered ? " (altered)" : "", said.left(160).constData());
    }

private:
    QString m_case;
    QByteArray m_events;
};

QTEST_GUILESS_MAIN(TestPageDamage)
#include "tst_pagedamage.moc"
