// Encryption at rest (issue 24) through the real binary: `new --encrypt --key-file`, then import,
// analyze, decide, verify and report on the encrypted case; the file on disk is not an SQLite
// file and holds none of the imported addresses or accounts in clear (a plain case of the same
// log does, so the check can fail); `info` names the cipher; a wrong passphrase and a missing
// key file exit 2; no working copy is left in the RAM folder after any command.

#include "common/testutil.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace netcase;

namespace {

class Env
{
public:
    Env()
        : m_ram(QStringLiteral("/dev/shm/netcase-enc-test-XXXXXX"))
    {
        m_env = QProcessEnvironment::systemEnvironment();
        // A private tmpfs folder as the runtime folder: the working copies go below it.
        m_env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_ram.path());
    }
    bool valid() const { return m_ram.isValid(); }
    test::Run run(const QStringList &args) const { return test::netcase(args, m_env); }
    /// Working copies (or anything else) left in the RAM folder.
    QStringList leftovers() const
    {
        return QDir(m_ram.path() + QStringLiteral("/netcase-work"))
                .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    }

private:
    QTemporaryDir m_ram;
    QProcessEnvironment m_env;
};

QString writeKey(const QString &name, const QByteArray &passphrase)
{
    const QString path = test::tempPath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(passphrase + '\n');
    return path;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Addresses and account names of the first lines of a combined access log, the first line's
/// address first; only names of 7 bytes or more (a shorter one can turn up in random bytes).
QStringList namesIn(const QString &log)
{
    QString first;
    QSet<QString> names;
    QFile f(log);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (int i = 0; i < 200 && !f.atEnd(); ++i) {
        const QList<QByteArray> fields = f.readLine().split(' ');
        if (fields.size() > 3) {
            if (first.isEmpty())
                first = QString::fromUtf8(fields.at(0));
            names.insert(QString::fromUtf8(fields.at(0)));
            if (fields.at(2) != "-")
                names.insert(QString::fromUtf8(fields.at(2)));
        }
    }
    names.remove(first);
    QStringList list = {first};
    for (const QString &n : names) {
        if (n.size() >= 7)
            list << n;
    }
    return list;
}

} // namespace

class TestCliEncrypt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encryptedCaseWorksAndHidesItsContent()
    {
        Env env;
        if (!env.valid())
            QSKIP("no /dev/shm here");
        const QString key = writeKey(QStringLiteral("case.key"), "correct horse battery");
        const QString path = test::tempPath(QStringLiteral("secret.netcase"));
        const QStringList k = {QStringLiteral("--key-file"), key};

        auto r = env.run(QStringList{QStringLiteral("new"), path, QStringLiteral("--authorization"),
                                     QStringLiteral("T-1"), QStringLiteral("--encrypt")}
                         + k);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("(encrypted)"));
        QVERIFY(!fileBytes(path).startsWith("SQLite format 3"));
        QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        QCOMPARE(env.leftovers(), QStringList());

        const QString log = test::makeAccessLog(QStringLiteral("enc.log"), 3000, 40);
        const QStringList names = namesIn(log);
        QVERIFY(names.size() > 5);
        r = env.run(QStringList{QStringLiteral("import"), path, log} + k);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(env.leftovers(), QStringList());
        r = env.run(QStringList{QStringLiteral("analyze"), path} + k);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = env.run(QStringList{QStringLiteral("decide"), path, QStringLiteral("--subject"),
                                QStringLiteral("ip:") + names.first(), QStringLiteral("--verdict"),
                                QStringLiteral("escalate"), QStringLiteral("--reason"),
                                QStringLiteral("too many requests"), QStringLiteral("--analyst"),
                                QStringLiteral("alice")}
                    + k);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(env.leftovers(), QStringList());

        r = env.run(QStringList{QStringLiteral("info"), path} + k);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("encrypted      yes (SQLCipher 3."), r.out.constData());
        QVERIFY2(r.out.contains("events         3000"), r.out.constData());
        r = env.run(QStringList{QStringLiteral("decisions"), path} + k);
        QVERIFY2(r.out.contains("too many requests") || r.out.contains("escalate"),
                 r.out.constData());
        const QByteArray before = fileBytes(path);
        r = env.run(QStringList{QStringLiteral("verify"), path} + k);
        QVERIFY2(r.exitCode == 0, r.out.constData());
        QVERIFY2(r.out.contains("intact"), r.out.constData());
        const QString report = test::tempPath(QStringLiteral("secret.html"));
        r = env.run(QStringList{QStringLiteral("report"), path, QStringLiteral("-o"), report} + k);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(fileBytes(report).contains(names.first().toUtf8()));
        QCOMPARE(fileBytes(path), before); // read-only commands leave the file as it was
        QCOMPARE(env.leftovers(), QStringList());

        // Nothing of the log in clear on disk, where a plain case of the same log has it all.
        const QString plain = test::tempPath(QStringLiteral("plain.netcase"));
        QCOMPARE(env.run({QStringLiteral("new"), plain, QStringLiteral("--authorization"),
                          QStringLiteral("T-1")})
                         .exitCode,
                 0);
        QCOMPARE(env.run({QStringLiteral("import"), plain, log}).exitCode, 0);
        const QByteArray clear = fileBytes(plain), secret = fileBytes(path);
        QVERIFY(!secret.startsWith("SQLite format 3"));
        for (const QString &name : names) {
            QVERIFY2(clear.contains(name.toUtf8()), qPrintable(name));
            QVERIFY2(!secret.contains(name.toUtf8()), qPrintable(name));
        }
        QVERIFY(!secret.contains("too many requests"));
    }

    void wrongOrMissingPassphraseExits2()
    {
        Env env;
        if (!env.valid())
            QSKIP("no /dev/shm here");
        const QString key = writeKey(QStringLiteral("right.key"), "right one");
        const QString wrong = writeKey(QStringLiteral("wrong.key"), "wrong one");
        const QString path = test::tempPath(QStringLiteral("locked.netcase"));
        QCOMPARE(env.run({QStringLiteral("new"), path, QStringLiteral("--authorization"),
                          QStringLiteral("T-2"), QStringLiteral("--encrypt"),
                          QStringLiteral("--key-file"), key})
                         .exitCode,
                 0);
        const QByteArray saved = fileBytes(path);
        auto r = env.run({QStringLiteral("import"), path,
                          test::makeAccessLog(QStringLiteral("w.log"), 50),
                          QStringLiteral("--key-file"), wrong});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("wrong passphrase or not a Netcase case"), r.err.constData());
        QCOMPARE(fileBytes(path), saved);
        // No key file and no terminal (the test's stdin is a pipe): a clear error.
        r = env.run({QStringLiteral("info"), path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("is encrypted (or not a Netcase case): give --key-file FILE"),
                 r.err.constData());
        r = env.run({QStringLiteral("info"), path, QStringLiteral("--key-file"),
                     test::tempPath(QStringLiteral("absent.key"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("cannot read the key file"), r.err.constData());
        QCOMPARE(env.leftovers(), QStringList());
        // --encrypt without a key file or terminal creates nothing.
        const QString none = test::tempPath(QStringLiteral("none.netcase"));
        r = env.run({QStringLiteral("new"), none, QStringLiteral("--authorization"),
                     QStringLiteral("T-3"), QStringLiteral("--encrypt")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!QFile::exists(none));
    }
};

QTEST_GUILESS_MAIN(TestCliEncrypt)
#include "tst_cli_encrypt.moc"
