// A FIFO or device given as an enrichment source (--list, --asn-csv, --mmdb) is refused with a
// message naming it, instead of blocking forever on open or read.

#include "common/testutil.h"
#include "enrich/sourceset.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <chrono>
#include <fcntl.h>
#include <future>
#include <sys/stat.h>
#include <unistd.h>

using namespace netcase;

class TestFifoSources : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fifoRefused_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("list") << int(SourceSpec::Kind::List);
        QTest::newRow("asn-csv") << int(SourceSpec::Kind::AsnCsv);
        QTest::newRow("mmdb") << int(SourceSpec::Kind::Mmdb);
    }

    void fifoRefused()
    {
        QFETCH(int, kind);
        const QString fifo = netcase::test::tempPath(QStringLiteral("source-fifo"));
        QFile::remove(fifo);
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const SourceSpec spec{SourceSpec::Kind(kind), fifo, {}};
        auto future = std::async(std::launch::async, [&] { return SourceSet::load({spec}); });
        const bool blocked = future.wait_for(std::chrono::seconds(5)) != std::future_status::ready;
        // Release a reader blocked on the FIFO so the test fails instead of hanging.
        while (future.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
            const int fd = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK);
            if (fd >= 0)
                ::close(fd);
        }
        const SourceSet set = future.get();
        QVERIFY2(!blocked, "loading the FIFO blocked");
        QCOMPARE(int(set.refused().size()), 1);
        const QString why = set.refused().front();
        QVERIFY2(why.contains(fifo) && why.contains(QStringLiteral("not a regular file")),
                 qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestFifoSources)
#include "tst_fifosources.moc"
