// Encrypted cases in-process (model/case/encryptedcase): the working copy lives in the RAM folder
// and goes with the case; a wrong passphrase is refused with a clear message; a save interrupted
// by the death of netcase-sqlcipher leaves the last saved file (and no temporary file); a second
// writer is refused while the first holds the case; copies of dead processes are swept.

#include "common/testutil.h"

#include "case/casefile.h"
#include "case/encryptedcase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace netcase;

namespace {

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

CaseInfo someInfo(const QString &title)
{
    CaseInfo i;
    i.title = title;
    i.authorization = QStringLiteral("INC-7");
    return i;
}

} // namespace

class TestEncryptedCase : public QObject
{
    Q_OBJECT

    QTemporaryDir m_ram{QStringLiteral("/dev/shm/netcase-enc-unit-XXXXXX")};

    QString workFolder() const { return m_ram.path() + QStringLiteral("/netcase-work"); }
    QStringList leftovers() const
    {
        return QDir(workFolder()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!m_ram.isValid())
            QSKIP("no /dev/shm here");
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_ram.path()));
    }

    void createThenReopen()
    {
        const QString path = test::tempPath(QStringLiteral("a.netcase"));
        {
            auto c = CaseFile::createEncrypted(path, someInfo(QStringLiteral("Secret")), "pw 1");
            QVERIFY2(c.ok(), c.ok() ? "" : qPrintable(c.error().message));
            QVERIFY(c->encrypted());
            QCOMPARE(c->casePath(), QFileInfo(path).absoluteFilePath());
            QVERIFY(c->path().startsWith(workFolder() + QLatin1Char('/')));
            QVERIFY(QFile::exists(c->path()));
            QCOMPARE(leftovers().size(), 1);
        }
        QCOMPARE(leftovers(), QStringList()); // the copy went with the case
        QVERIFY(crypt::looksEncrypted(path));
        QVERIFY(!fileBytes(path).startsWith("SQLite format 3"));
        QVERIFY(!fileBytes(path).contains("Secret"));

        CaseFile::OpenOptions o;
        auto none = CaseFile::open(path, o);
        QVERIFY(!none.ok());
        QVERIFY2(none.error().message.contains(QLatin1String("passphrase is needed")),
                 qPrintable(none.error().message));
        o.passphrase = "pw 2";
        auto wrong = CaseFile::open(path, o);
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error().code, ErrorCode::Data);
        QVERIFY2(wrong.error().message.contains(
                         QLatin1String("wrong passphrase or not a Netcase case")),
                 qPrintable(wrong.error().message));
        o.passphrase = "pw 1";
        o.readOnly = true;
        auto c = CaseFile::open(path, o);
        QVERIFY2(c.ok(), c.ok() ? "" : qPrintable(c.error().message));
        QCOMPARE(c->info().title, QStringLiteral("Secret"));
        QVERIFY(crypt::cipherDescription().ok());
        QVERIFY(crypt::cipherDescription()->startsWith(QStringLiteral("SQLCipher 3.")));
    }

    void interruptedSaveKeepsTheLastSavedFile()
    {
        const QString path = test::tempPath(QStringLiteral("b.netcase"));
        {
            auto c = CaseFile::createEncrypted(path, someInfo(QStringLiteral("Before")), "k");
            QVERIFY(c.ok());
        }
        const QByteArray saved = fileBytes(path);
        // A netcase-sqlcipher that writes half a file and is killed.
        const QString dying = test::tempPath(QStringLiteral("dying.sh"));
        {
            QFile f(dying);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("#!/bin/sh\ncat >/dev/null\nhead -c 70000 /dev/urandom > \"$3\"\nkill -9 $$\n");
        }
        QFile::setPermissions(dying, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        CaseFile::OpenOptions o;
        o.passphrase = "k";
        {
            auto c = CaseFile::open(path, o);
            QVERIFY2(c.ok(), c.ok() ? "" : qPrintable(c.error().message));
            CaseInfo i = c->info();
            i.title = QStringLiteral("After");
            QVERIFY(c->setInfo(i, QStringLiteral("tester")).ok());
            crypt::setHelperProgramForTesting(dying);
            const Status s = c->saveEncrypted();
            crypt::setHelperProgramForTesting({});
            QVERIFY(!s.ok());
            QVERIFY2(s.error().message.contains(
                             QLatin1String("was not saved (the last saved version is kept)")),
                     qPrintable(s.error().message));
            QCOMPARE(fileBytes(path), saved);
            const QStringList beside = QFileInfo(path).dir().entryList(
                    {QFileInfo(path).fileName() + QStringLiteral(".saving-*")}, QDir::Files);
            QCOMPARE(beside, QStringList());
        }
        {
            auto c = CaseFile::open(path, o);
            QVERIFY(c.ok());
            QCOMPARE(c->info().title, QStringLiteral("Before"));
            CaseInfo i = c->info();
            i.title = QStringLiteral("Saved");
            QVERIFY(c->setInfo(i, QStringLiteral("tester")).ok());
            QVERIFY(c->saveEncrypted().ok());
        }
        auto c = CaseFile::open(path, o);
        QVERIFY(c.ok());
        QCOMPARE(c->info().title, QStringLiteral("Saved"));
    }

    void secondWriterIsRefusedWhileTheFirstHoldsTheCase()
    {
        const QString path = test::tempPath(QStringLiteral("c.netcase"));
        QVERIFY(CaseFile::createEncrypted(path, someInfo(QStringLiteral("C")), "k").ok());
        CaseFile::OpenOptions o;
        o.passphrase = "k";
        o.requireWrite = true;
        auto first = CaseFile::open(path, o);
        QVERIFY(first.ok());
        auto second = CaseFile::open(path, o);
        QVERIFY(!second.ok());
        QCOMPARE(second.error().code, ErrorCode::Locked);
    }

    void copiesOfDeadProcessesAreSwept()
    {
        QProcess gone; // a shell that prints its pid and ends
        gone.start(QStringLiteral("sh"), {QStringLiteral("-c"), QStringLiteral("echo $$")});
        QVERIFY(gone.waitForFinished());
        const qint64 deadPid = gone.readAllStandardOutput().trimmed().toLongLong();
        QVERIFY(deadPid > 0);
        const QString stale = workFolder() + QStringLiteral("/case-%1-abcdef").arg(deadPid);
        QVERIFY(QDir().mkpath(stale));
        QVERIFY(QFile(stale + QStringLiteral("/x.netcase")).open(QIODevice::WriteOnly));
        const QString path = test::tempPath(QStringLiteral("d.netcase"));
        QVERIFY(CaseFile::createEncrypted(path, someInfo(QStringLiteral("D")), "k").ok());
        QVERIFY(!QFileInfo::exists(stale));
    }
};

QTEST_GUILESS_MAIN(TestEncryptedCase)
#include "tst_encryptedcase.moc"
