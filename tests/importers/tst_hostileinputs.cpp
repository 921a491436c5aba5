// Hostile and broken input around containers: decompression bombs are refused quickly and with
// bounded memory, a cancel stops a long decompression, a FIFO is refused instead of blocking,
// a gzip file whose content starts with zeros is still one member, and a link out of an
// imported folder is skipped unless asked for. Every fixture is made here.

#include "common/implogs_case.h"
#include "ingest/inputs.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTest>

#include <chrono>
#include <fcntl.h>
#include <future>
#include <sys/resource.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace netcase;
using namespace netcase::test;

namespace {

std::int64_t maxRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return std::int64_t(u.ru_maxrss) / 1024; // kilobytes on Linux
}

QByteArray compress(const QString &tool, const QByteArray &data)
{
    QProcess p;
    p.start(tool, {QStringLiteral("-c")});
    if (!p.waitForStarted())
        return {};
    p.write(data);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return p.readAllStandardOutput();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

/// copies concatenated compressed streams of 8 MiB of newlines: gzip and bzip2 readers go on
/// to the next stream, so a few KB expand to copies * 8 MiB.
QByteArray newlineBomb(const QString &tool, int copies)
{
    const QByteArray one = compress(tool, QByteArray(8 << 20, '\n'));
    return one.isEmpty() ? QByteArray() : one.repeated(copies);
}

QByteArray syslogLines(const char *host, int n)
{
    QByteArray out;
    for (int i = 0; i < n; ++i)
        out += QByteArray("Jan 12 10:00:") + QByteArray::number(10 + i) + ' ' + host
               + " sshd[4242]: Failed password for root from 203.0.113." + QByteArray::number(i + 1)
               + " port 22 ssh2\n";
    return out;
}

/// A ustar header for a regular file of the given size.
QByteArray tarHeader(const QByteArray &name, std::int64_t size)
{
    QByteArray h(512, '\0');
    auto put = [&](int at, const QByteArray &v) {
        h.replace(at, int(v.size()), v);
    };
    put(0, name);
    put(100, "0000644");
    put(108, "0000000");
    put(116, "0000000");
    put(124, QByteArray::number(qlonglong(size), 8).rightJustified(11, '0'));
    put(136, "00000000000");
    put(148, QByteArray(8, ' '));
    put(156, "0");
    put(257, QByteArray("ustar\0"
                        "00",
                        8));
    unsigned sum = 0;
    for (char c : h)
        sum += static_cast<unsigned char>(c);
    put(148, QByteArray::number(sum, 8).rightJustified(6, '0') + QByteArray("\0 ", 2));
    return h;
}

/// Runs fn on a thread; if it has not returned within a few seconds it is blocked on the FIFO,
/// which a writer opening and closing it then releases (so the test fails instead of hanging).
template<typename Fn>
auto unlessBlocked(const QString &fifo, bool &blocked, Fn fn)
{
    auto future = std::async(std::launch::async, fn);
    blocked = future.wait_for(std::chrono::seconds(5)) != std::future_status::ready;
    while (future.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
        const int fd = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK);
        if (fd >= 0)
            ::close(fd);
    }
    return future.get();
}

} // namespace

class TestHostileInputs : public QObject
{
    Q_OBJECT

    QString m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = tempPath(QStringLiteral("hostile"));
        QDir(m_dir).removeRecursively();
        QVERIFY(QDir().mkpath(m_dir));
    }

    void bombRefusedQuicklyWithBoundedMemory_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<int>("copies");
        // 512 MiB from about 3 KB of bzip2; 1 GiB from about 1 MB of gzip (the cases).
        QTest::newRow("bzip2") << QStringLiteral("bzip2") << 64;
        QTest::newRow("gzip") << QStringLiteral("gzip") << 128;
    }

    void bombRefusedQuicklyWithBoundedMemory()
    {
        QFETCH(QString, tool);
        QFETCH(int, copies);
        const QByteArray bomb = newlineBomb(tool, copies);
        if (bomb.isEmpty())
            QSKIP("compression tool not installed");
        const QString path = m_dir + QStringLiteral("/bomb-") + tool + QStringLiteral(".log.z");
        QVERIFY(writeFile(path, bomb));
        qInfo("%s bomb: %lld bytes, %d MiB expanded", qPrintable(tool), qlonglong(bomb.size()),
              copies * 8);

        for (const QString &format : {QString(), QStringLiteral("syslog")}) {
            const std::int64_t before = maxRssMb();
            QElapsedTimer clock;
            clock.start();
            ImportOptions opt;
            opt.format = format;
            const CaseImport r = importIntoNewCase({path}, opt, QStringLiteral("bomb-") + tool);
            const std::int64_t grown = maxRssMb() - before;
            qInfo("--format '%s': %lld ms, peak RSS grew %lld MiB", qPrintable(format),
                  qlonglong(clock.elapsed()), qlonglong(grown));
            QVERIFY2(r.ok, qPrintable(r.error));
            QCOMPARE(int(r.report.sources.size()), 1);
            const SourceReport &s = r.report.sources.front();
            QVERIFY(!s.error.isEmpty());
            if (!format.isEmpty())
                QVERIFY2(s.error.contains(QStringLiteral("decompression bomb"))
                                 && s.error.contains(QStringLiteral("--max-expansion")),
                         qPrintable(s.error));
            QCOMPARE(s.events, std::int64_t(0));
            QVERIFY(r.ecs.isEmpty()); // nothing of it stays in the case
            QVERIFY2(clock.elapsed() < 20000, "a bomb must be refused in seconds");
            QVERIFY2(grown < 200, "a bomb must not be read into memory");
        }
    }

    void totalExpansionCapped()
    {
        const QByteArray gz = compress(QStringLiteral("gzip"), QByteArray(8 << 20, '\n'));
        if (gz.isEmpty())
            QSKIP("gzip not installed");
        const QString path = m_dir + QStringLiteral("/eight-megs.log.gz");
        QVERIFY(writeFile(path, gz));
        ImportOptions opt;
        opt.format = QStringLiteral("syslog");
        opt.maxExpansionRatio = 1'000'000'000;
        opt.maxExpandedBytes = 1 << 20;
        const CaseImport r = importIntoNewCase({path}, opt, QStringLiteral("total-cap"));
        QVERIFY2(r.ok, qPrintable(r.error));
        const QString error = r.report.sources.at(0).error;
        QVERIFY2(error.contains(QStringLiteral("--max-expanded-size")), qPrintable(error));

        // Raised, the same file imports (it holds no events, only empty lines).
        opt.maxExpandedBytes = std::int64_t{1} << 30;
        const CaseImport raised = importIntoNewCase({path}, opt, QStringLiteral("total-raised"));
        QVERIFY2(raised.ok, qPrintable(raised.error));
        QVERIFY2(raised.report.sources.at(0).error.isEmpty(),
                 qPrintable(raised.report.sources.at(0).error));
    }

    void cancelStopsListingAnArchive()
    {
        // A .tar.gz whose one member expands to 4 GiB: listing it decompresses all of it. With
        // the limits raised out of the way only the cancel can stop it.
        const QByteArray chunk = compress(QStringLiteral("gzip"), QByteArray(8 << 20, '\n'));
        if (chunk.isEmpty())
            QSKIP("gzip not installed");
        const std::int64_t size = std::int64_t{512} * (8 << 20);
        QByteArray tgz = compress(QStringLiteral("gzip"), tarHeader("big.log", size));
        tgz += chunk.repeated(512);
        tgz += compress(QStringLiteral("gzip"), QByteArray(1024, '\0'));
        const QString path = m_dir + QStringLiteral("/big.tar.gz");
        QVERIFY(writeFile(path, tgz));

        const QString casePath = tempPath(QStringLiteral("cancel.netcase"));
        QFile::remove(casePath);
        auto cf = CaseFile::create(casePath, CaseInfo{QStringLiteral("test")});
        QVERIFY(cf.ok());
        ImportOptions opt;
        opt.maxExpansionRatio = 1'000'000'000;
        opt.maxExpandedBytes = std::int64_t{1} << 40;
        std::atomic<bool> cancel{false};
        std::thread canceller([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            cancel = true;
        });
        QElapsedTimer clock;
        clock.start();
        auto rep = ImportJob({path}, opt).run(*cf, {}, cancel);
        const qint64 ms = clock.elapsed();
        canceller.join();
        qInfo("cancelled after %lld ms", qlonglong(ms));
        QVERIFY(!rep.ok());
        QCOMPARE(rep.error().code, ErrorCode::Cancelled);
        QVERIFY2(ms < 2000, "cancel must stop the decompression promptly");
    }

    void fifoRefused()
    {
        const QString fifo = m_dir + QStringLiteral("/pipe.log");
        QFile::remove(fifo);
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        bool blocked = false;
        const auto r = unlessBlocked(fifo, blocked, [&] { return expandInputs({fifo}); });
        QVERIFY2(!blocked, "reading the FIFO blocked");
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(fifo)
                         && r.error().message.contains(QStringLiteral("not a regular file")),
                 qPrintable(r.error().message));
        // In a folder, the FIFO is left out and the rest imports.
        const QString dir = m_dir + QStringLiteral("/with-fifo");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(writeFile(dir + QStringLiteral("/auth.log"), syslogLines("gw", 4)));
        QFile::remove(dir + QStringLiteral("/pipe"));
        QCOMPARE(::mkfifo(QFile::encodeName(dir + QStringLiteral("/pipe")).constData(), 0600), 0);
        const auto items = unlessBlocked(dir + QStringLiteral("/pipe"), blocked,
                                         [&] { return expandInputs({dir}); });
        QVERIFY(!blocked);
        QVERIFY(items.ok());
        QCOMPARE(int(items->size()), 1);
    }

    void gzipOfZerosIsOneMember()
    {
        // A log that starts with 512 zero bytes looks like the end of an empty tar to libarchive.
        const QByteArray gz
                = compress(QStringLiteral("gzip"), QByteArray(512, '\0') + syslogLines("fw", 6));
        if (gz.isEmpty())
            QSKIP("gzip not installed");
        const QString path = m_dir + QStringLiteral("/zeros.log.gz");
        QVERIFY(writeFile(path, gz));
        const auto items = expandInputs({path});
        QVERIFY(items.ok());
        QCOMPARE(int(items->size()), 1);
        QCOMPARE(items->front().member, QStringLiteral("zeros.log"));
        ImportOptions opt;
        opt.format = QStringLiteral("syslog");
        opt.year = 2023;
        const CaseImport r = importIntoNewCase({path}, opt, QStringLiteral("zeros"));
        QVERIFY2(r.ok, qPrintable(r.error));
        const SourceReport &s = r.report.sources.at(0);
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QVERIFY2(s.events >= 5, qPrintable(QString::number(s.events)));
    }

    void linkOutOfFolderSkipped()
    {
        const QString dir = m_dir + QStringLiteral("/linked");
        const QString outside = m_dir + QStringLiteral("/outside");
        QDir(dir).removeRecursively();
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/sub")));
        QVERIFY(QDir().mkpath(outside));
        QVERIFY(writeFile(dir + QStringLiteral("/auth.log"), syslogLines("gw", 4)));
        QVERIFY(writeFile(dir + QStringLiteral("/sub/other.log"), syslogLines("db", 3)));
        QVERIFY(writeFile(outside + QStringLiteral("/secret.log"), syslogLines("vault", 5)));
        QVERIFY(QFile::link(outside + QStringLiteral("/secret.log"),
                            dir + QStringLiteral("/secret.log")));
        QVERIFY(QFile::link(QStringLiteral("/etc/passwd"), dir + QStringLiteral("/passwd")));
        QVERIFY(QFile::link(QStringLiteral("sub/other.log"), dir + QStringLiteral("/inside.log")));

        auto names = [](const std::vector<InputItem> &items) {
            QStringList n;
            for (const InputItem &i : items)
                n << QFileInfo(i.path).fileName();
            return n;
        };
        const auto kept = expandInputs({dir}, ExpandOptions{});
        QVERIFY(kept.ok());
        QCOMPARE(names(kept->items),
                 QStringList({QStringLiteral("auth.log"), QStringLiteral("inside.log"),
                              QStringLiteral("other.log")}));
        QCOMPARE(int(kept->skipped.size()), 2);
        for (const QString &s : kept->skipped)
            QVERIFY2(s.contains(QStringLiteral("outside the folder")), qPrintable(s));

        ImportOptions opt;
        opt.year = 2023;
        const CaseImport r = importIntoNewCase({dir}, opt, QStringLiteral("links"));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(int(r.report.skipped.size()), 2);
        QVERIFY(!r.ecs.contains("vault"));
        for (const SourceReport &s : r.report.sources)
            QVERIFY2(!s.name.contains(QStringLiteral("secret"))
                             && !s.name.contains(QStringLiteral("passwd")),
                     qPrintable(s.name));

        const auto followed = expandInputs({dir}, ExpandOptions{.followLinks = true});
        QVERIFY(followed.ok());
        QVERIFY(names(followed->items).contains(QStringLiteral("secret.log")));
        QVERIFY(followed->skipped.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHostileInputs)
#include "tst_hostileinputs.moc"
