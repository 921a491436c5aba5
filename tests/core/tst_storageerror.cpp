// Storage failures said as what happened: a full disk and a read-only location are recognised
// from SQLite's result code and errno (case/storageerror.h), and a full disk during an import
// ends it with that message and the case as it was.

#include "common/testutil.h"

#include "case/casefile.h"
#include "case/storageerror.h"
#include "ingest/importjob.h"

#include <QTest>

#include <sqlite3.h>

#include <cerrno>

using namespace netcase;

class TestStorageError : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void classifiesFullDisk()
    {
        QCOMPARE(classifyStorageFault(SQLITE_FULL, 0), StorageFault::DiskFull);
        QCOMPARE(classifyStorageFault(SQLITE_IOERR_WRITE, ENOSPC), StorageFault::DiskFull);
        QCOMPARE(classifyStorageFault(SQLITE_IOERR_FSYNC, EDQUOT), StorageFault::DiskFull);
        const Error e = storageError(StorageFault::DiskFull, QStringLiteral("/cases/a.netcase"),
                                     QStringLiteral("database or disk is full"));
        QVERIFY2(e.message.contains(QLatin1String("disk full")), qPrintable(e.message));
        QVERIFY(e.message.contains(QLatin1String("/cases/a.netcase")));
        QCOMPARE(e.code, ErrorCode::Data);
    }

    void classifiesReadOnlyLocation()
    {
        QCOMPARE(classifyStorageFault(SQLITE_READONLY, 0), StorageFault::ReadOnly);
        QCOMPARE(classifyStorageFault(SQLITE_READONLY_CANTINIT, 0), StorageFault::ReadOnly);
        QCOMPARE(classifyStorageFault(SQLITE_READONLY_DIRECTORY, 0), StorageFault::ReadOnly);
        QCOMPARE(classifyStorageFault(SQLITE_CANTOPEN, EACCES), StorageFault::ReadOnly);
        QCOMPARE(classifyStorageFault(SQLITE_CANTOPEN, EROFS), StorageFault::ReadOnly);
        QCOMPARE(classifyStorageFault(SQLITE_IOERR_WRITE, EROFS), StorageFault::ReadOnly);
        const Error e = storageError(StorageFault::ReadOnly, QStringLiteral("/ro/a.netcase"),
                                     QStringLiteral("attempt to write a readonly database"));
        QVERIFY2(e.message.contains(QLatin1String("read-only location")), qPrintable(e.message));
        QVERIFY(e.message.contains(QLatin1String("/ro/a.netcase")));
        QCOMPARE(e.code, ErrorCode::Locked);
    }

    void othersKeepTheirMessage()
    {
        // A hot journal has its own message (casefile.cpp); damage is not a storage fault.
        QCOMPARE(classifyStorageFault(SQLITE_READONLY_ROLLBACK, 0), StorageFault::None);
        QCOMPARE(classifyStorageFault(SQLITE_CORRUPT, 0), StorageFault::None);
        QCOMPARE(classifyStorageFault(SQLITE_BUSY, 0), StorageFault::None);
        QCOMPARE(classifyStorageFault(SQLITE_CANTOPEN, ENOENT), StorageFault::None);
        QCOMPARE(storageError(StorageFault::None, QStringLiteral("/x"), QStringLiteral("boom"))
                         .message,
                 QStringLiteral("boom"));
    }

    void fullDiskEndsTheImportAndLeavesTheCase()
    {
        // SQLite answers SQLITE_FULL when a file would pass max_page_count, as on a full disk.
        const QString path = test::tempPath(QStringLiteral("full.netcase"));
        QVERIFY(CaseFile::create(path, CaseInfo{QStringLiteral("full")}).ok());
        const QString small = test::makeAccessLog(QStringLiteral("small.log"), 50);
        const QString big = test::makeAccessLog(QStringLiteral("big.log"), 60000, 20000);
        auto c = CaseFile::open(path);
        QVERIFY(c.ok());
        const std::int64_t pages = c->db().scalar("PRAGMA page_count");
        QVERIFY(c->db().exec("PRAGMA max_page_count = " + std::to_string(pages + 64)).ok());
        std::atomic<bool> cancel{false};
        const auto r = ImportJob({small, big}, ImportOptions{}).run(*c, {}, cancel);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QLatin1String("disk full")),
                 qPrintable(r.error().message));
        QVERIFY(r.error().message.contains(c->path()));
        QVERIFY(!r.error().message.contains(QLatin1String("no transaction")));
        QCOMPARE(c->db().scalar("SELECT count(*) FROM sources"), std::int64_t{0});
        QCOMPARE(c->db().scalar("SELECT count(*) FROM events"), std::int64_t{0});
    }
};

QTEST_GUILESS_MAIN(TestStorageError)
#include "tst_storageerror.moc"
