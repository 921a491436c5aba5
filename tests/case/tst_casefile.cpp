// Creating, opening, migrating and refusing case files.

#include "common/testutil.h"

#include "audit/auditlog.h"
#include "case/casefile.h"
#include "case/migrations.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

using namespace netcase;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

int sqlite(const QString &db, const QString &sql)
{
    return QProcess::execute(QStringLiteral("sqlite3"), {db, sql});
}

} // namespace

namespace {

bool noAuxFiles(const QString &path)
{
    return !QFile::exists(path + QStringLiteral("-wal"))
           && !QFile::exists(path + QStringLiteral("-shm"));
}

} // namespace

class TestCaseFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createAndReopen()
    {
        const QString path = test::tempPath(QStringLiteral("a.netcase"));
        CaseInfo info;
        info.title = QStringLiteral("Phishing wave");
        info.authorization = QStringLiteral("INC-42");
        info.scope = QStringLiteral("mail and VPN logs");
        info.retentionDate = QStringLiteral("2027-12-31");
        {
            auto c = CaseFile::create(path, info);
            QVERIFY2(c.ok(), c.ok() ? "" : qPrintable(c.error().message));
            QCOMPARE(c->db().scalar("PRAGMA user_version"), kSchemaVersion);
            QCOMPARE(c->db().scalar("PRAGMA application_id"), kApplicationId);
        }
        auto c = CaseFile::open(path);
        QVERIFY(c.ok());
        QVERIFY(!c->readOnly());
        QCOMPARE(c->info().title, info.title);
        QCOMPARE(c->info().authorization, info.authorization);
        QCOMPARE(c->info().scope, info.scope);
        QCOMPARE(c->info().retentionDate, info.retentionDate);
        QCOMPARE(c->db().scalar("PRAGMA foreign_keys"), 1);
        Statement mode = c->db().prepare("PRAGMA journal_mode");
        QVERIFY(mode.step());
        QCOMPARE(mode.text(0), QStringLiteral("wal"));
        // Creation is audited, and the chain verifies.
        QCOMPARE(c->db().scalar("SELECT count(*) FROM audit_log WHERE action = 'case.create'"), 1);
        QVERIFY(AuditLog::verify(c->db()).intact);
    }

    void createRefusesToOverwrite()
    {
        const QString path = test::tempPath(QStringLiteral("exists.netcase"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("precious");
        f.close();
        auto c = CaseFile::create(path, CaseInfo{});
        QVERIFY(!c.ok());
        QCOMPARE(c.error().code, ErrorCode::Usage);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("precious"));
    }

    void setInfoIsAudited()
    {
        const QString path = test::tempPath(QStringLiteral("props.netcase"));
        auto c = CaseFile::create(path, CaseInfo{QStringLiteral("t")});
        QVERIFY(c.ok());
        CaseInfo i = c->info();
        i.authorization = QStringLiteral("WARRANT-7");
        QVERIFY(c->setInfo(i, QStringLiteral("tester")).ok());
        QCOMPARE(c->info().authorization, QStringLiteral("WARRANT-7"));
        Statement st = c->db().prepare(
                "SELECT actor, payload FROM audit_log WHERE action = 'case.properties'");
        QVERIFY(st.step());
        QCOMPARE(st.text(0), QStringLiteral("tester"));
        QVERIFY(st.text(1).contains(QStringLiteral("WARRANT-7")));
    }

    void refusesNonSqliteFile()
    {
        const QString path = test::tempPath(QStringLiteral("notes.netcase"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        const QByteArray before = fileHash(path);
        auto c = CaseFile::open(path);
        QVERIFY(!c.ok());
        QVERIFY2(c.error().message.contains(QStringLiteral("not a Netcase case")),
                 qPrintable(c.error().message));
        QCOMPARE(fileHash(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void refusesForeignSqliteDatabase()
    {
        const QString path = test::tempPath(QStringLiteral("other.sqlite"));
        QCOMPARE(sqlite(path, QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (1);")), 0);
        const QByteArray before = fileHash(path);
        auto c = CaseFile::open(path);
        QVERIFY(!c.ok());
        QVERIFY2(c.error().message.contains(QStringLiteral("not a Netcase case")),
                 qPrintable(c.error().message));
        QCOMPARE(fileHash(path), before);
        QVERIFY(noAuxFiles(path));
    }

    void refusesNewerSchema()
    {
        const QString path = test::tempPath(QStringLiteral("future.netcase"));
        QVERIFY(CaseFile::create(path, CaseInfo{QStringLiteral("t")}).ok());
        QCOMPARE(sqlite(path, QStringLiteral("PRAGMA user_version = 99;")), 0);
        const QByteArray before = fileHash(path);
        auto c = CaseFile::open(path);
        QVERIFY(!c.ok());
        QVERIFY2(c.error().message.contains(QStringLiteral("newer Netcase")),
                 qPrintable(c.error().message));
        QCOMPARE(fileHash(path), before);
        QVERIFY(noAuxFiles(path));
    }

    void refusesCorruptFile()
    {
        const QString path = test::tempPath(QStringLiteral("corrupt.netcase"));
        QVERIFY(CaseFile::create(path, CaseInfo{QStringLiteral("t")}).ok());
        // Keep the SQLite header but overwrite the schema page with garbage.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(100);
        f.write(QByteArray(8000, '\xA5'));
        f.close();
        const QByteArray before = fileHash(path);
        auto c = CaseFile::open(path);
        QVERIFY(!c.ok());
        QVERIFY2(c.error().message.contains(QStringLiteral("damaged"))
                         || c.error().message.contains(QStringLiteral("not a Netcase")),
                 qPrintable(c.error().message));
        QCOMPARE(fileHash(path), before);
        // Nothing is left beside it either (SQLite's -wal/-shm of the check are removed).
        QVERIFY(noAuxFiles(path));
    }

    void secondWriterGetsReadOnly()
    {
        const QString path = test::tempPath(QStringLiteral("locked.netcase"));
        QVERIFY(CaseFile::create(path, CaseInfo{QStringLiteral("t")}).ok());
        auto first = CaseFile::open(path);
        QVERIFY(first.ok());
        QVERIFY(!first->readOnly());
        // The lock is per process through QLockFile; a second process is simulated by a
        // second lock owner: the CLI, which is a separate process, checks the same in tst_cli.
        QProcess other;
        other.start(
                qEnvironmentVariable("NETCASE_BIN"),
                {QStringLiteral("import"), path, test::makeAccessLog(QStringLiteral("l.log"), 5)});
        QVERIFY(other.waitForFinished(60000));
        QCOMPARE(other.exitCode(), 3);
        QVERIFY(other.readAllStandardError().contains("being written by another Netcase"));
    }

    void readOnlyOpenLeavesNoFilesAndNoChange()
    {
        const QString path = test::tempPath(QStringLiteral("ro.netcase"));
        QVERIFY(CaseFile::create(path, CaseInfo{QStringLiteral("t")}).ok());
        QVERIFY(noAuxFiles(path));
        const QByteArray before = fileHash(path);
        {
            auto reader = CaseFile::open(path, {.readOnly = true});
            QVERIFY(reader.ok());
            QVERIFY(reader->readOnly());
            QCOMPARE(reader->info().title, QStringLiteral("t"));
            QCOMPARE(reader->db().scalar("SELECT count(*) FROM events"), 0);
        }
        QVERIFY(noAuxFiles(path)); // was: an empty -wal and a -shm left behind
        QCOMPARE(fileHash(path), before);

        // Open elsewhere for writing: a reader closing must not take the writer's log away.
        auto writer = CaseFile::open(path);
        QVERIFY(writer.ok());
        QVERIFY(writer->db().exec("UPDATE case_info SET scope = 'during'").ok());
        // An empty log, as after a checkpoint: the reader's clean-up would remove it if alone.
        QVERIFY(writer->db().exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
        QCOMPARE(QFileInfo(path + QStringLiteral("-wal")).size(), 0);
        {
            auto reader = CaseFile::open(path, {.readOnly = true, .alreadyLocked = true});
            QVERIFY(reader.ok());
            QCOMPARE(reader->db().scalar("SELECT count(*) FROM case_info WHERE scope = 'during'"),
                     1);
        }
        QVERIFY(QFile::exists(path + QStringLiteral("-wal")));
        QVERIFY(writer->db().exec("UPDATE case_info SET scope = 'after'").ok());
        QCOMPARE(writer->db().scalar("SELECT count(*) FROM case_info WHERE scope = 'after'"), 1);
    }

    void missingFileIsAClearError()
    {
        auto c = CaseFile::open(test::tempPath(QStringLiteral("nope.netcase")));
        QVERIFY(!c.ok());
        QVERIFY(c.error().message.contains(QStringLiteral("no such")));
    }
};

QTEST_GUILESS_MAIN(TestCaseFile)
#include "tst_casefile.moc"
