// Compressed files and archives (libarchive): each member is imported as its own source, with
// its format detected from its content; a damaged archive fails alone with a clear message.

#include "common/implogs_case.h"
#include "ingest/inputs.h"

#include <QProcess>
#include <QTest>

using namespace netcase;
using namespace netcase::test;

namespace {

bool run(const QString &program, const QStringList &args, const QString &dir)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(program, args);
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TestArchive : public QObject
{
    Q_OBJECT

    QString m_dir;
    QString m_syslog;
    QString m_conn;
    QString m_flows;

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = tempPath(QStringLiteral("archive"));
        QVERIFY(QDir().mkpath(m_dir + QStringLiteral("/logs/sub")));
        m_syslog = netlogInput(QStringLiteral("syslog"), QStringLiteral("syslog/syslog.log"));
        m_conn = netlogInput(QStringLiteral("zeek-conn"), QStringLiteral("zeek/zeek-conn.log"));
        m_flows = netlogInput(QStringLiteral("nfdump"), QStringLiteral("nfdump/nfdump.log"));
        QVERIFY(!m_syslog.isEmpty() && !m_conn.isEmpty() && !m_flows.isEmpty());
        QVERIFY(QFile::copy(m_syslog, m_dir + QStringLiteral("/logs/auth.log")));
        QVERIFY(QFile::copy(m_conn, m_dir + QStringLiteral("/logs/sub/conn.log")));
        QVERIFY(QFile::copy(m_flows, m_dir + QStringLiteral("/logs/flows.csv")));
    }

    void compressedSingleFiles_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QString>("suffix");
        QTest::newRow("gzip") << QStringLiteral("gzip") << QStringLiteral(".gz");
        QTest::newRow("bzip2") << QStringLiteral("bzip2") << QStringLiteral(".bz2");
        QTest::newRow("xz") << QStringLiteral("xz") << QStringLiteral(".xz");
    }

    void compressedSingleFiles()
    {
        QFETCH(QString, tool);
        QFETCH(QString, suffix);
        const QString plain = m_dir + QStringLiteral("/auth-") + tool + QStringLiteral(".log");
        QFile::remove(plain);
        QFile::remove(plain + suffix);
        QVERIFY(QFile::copy(m_syslog, plain));
        if (!run(tool, {plain}, m_dir))
            QSKIP("compression tool not installed");
        QVERIFY(QFileInfo::exists(plain + suffix));

        auto items = expandInputs({plain + suffix});
        QVERIFY(items.ok());
        QCOMPARE(int(items->size()), 1);
        QCOMPARE(items->at(0).member, QFileInfo(plain).fileName());

        ImportOptions opt;
        opt.year = 2023;
        const CaseImport r = importIntoNewCase({plain + suffix}, opt, tool);
        QVERIFY2(r.ok, qPrintable(r.error));
        const SourceReport &s = r.report.sources.at(0);
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QCOMPARE(s.format, QStringLiteral("syslog"));
        QCOMPARE(s.rejects, std::int64_t(2));
        // The same events as the plain file's golden expectation, source name aside.
        QByteArray want
                = implogsRead(implogsGolden(QStringLiteral("syslog/syslog.expected.jsonl")));
        const QByteArray name = QFileInfo(plain + suffix).fileName().toUtf8();
        QByteArray replacement("\"source\":\"");
        replacement += name;
        replacement += '"';
        want.replace(QByteArray("\"source\":\"syslog.log\""), replacement);
        QCOMPARE(r.ecs, want);
    }

    void tarGzAndZipMembers()
    {
        QVERIFY(run(QStringLiteral("tar"),
                    {QStringLiteral("czf"), QStringLiteral("logs.tar.gz"), QStringLiteral("logs")},
                    m_dir));
        if (!run(QStringLiteral("zip"),
                 {QStringLiteral("-qr"), QStringLiteral("logs.zip"), QStringLiteral("logs")},
                 m_dir))
            QSKIP("zip not installed");
        for (const QString &name : {QStringLiteral("logs.tar.gz"), QStringLiteral("logs.zip")}) {
            const CaseImport r
                    = importIntoNewCase({m_dir + QLatin1Char('/') + name}, ImportOptions{}, name);
            QVERIFY2(r.ok, qPrintable(r.error));
            QCOMPARE(int(r.report.sources.size()), 3);
            QStringList formats;
            for (const SourceReport &s : r.report.sources) {
                QVERIFY2(s.error.isEmpty(), qPrintable(s.name + QStringLiteral(": ") + s.error));
                formats << s.name.section(QLatin1Char(':'), 1) + QLatin1Char('=') + s.format;
            }
            formats.sort();
            QCOMPARE(formats, QStringList({QStringLiteral("logs/auth.log=syslog"),
                                           QStringLiteral("logs/flows.csv=nfdump"),
                                           QStringLiteral("logs/sub/conn.log=zeek")}));
        }
    }

    void damagedArchiveFailsAlone()
    {
        // A gzip file cut in the middle, and a zip whose central directory is garbage.
        QFile src(m_dir + QStringLiteral("/auth-gzip.log.gz"));
        if (!src.exists())
            QSKIP("gzip not installed");
        QVERIFY(src.open(QIODevice::ReadOnly));
        const QByteArray gz = src.readAll();
        QFile cut(m_dir + QStringLiteral("/cut.log.gz"));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        cut.write(gz.left(gz.size() / 2));
        cut.close();
        QFile junk(m_dir + QStringLiteral("/junk.zip"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray("PK\x03\x04", 4) + QByteArray(300, '\x7f'));
        junk.close();

        const CaseImport r = importIntoNewCase({cut.fileName(), junk.fileName(), m_flows},
                                               ImportOptions{}, QStringLiteral("damaged"));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(int(r.report.sources.size()), 3);
        QVERIFY(!r.report.sources[0].error.isEmpty());
        QVERIFY(!r.report.sources[1].error.isEmpty());
        qInfo("cut gzip: %s", qPrintable(r.report.sources[0].error));
        qInfo("junk zip: %s", qPrintable(r.report.sources[1].error));
        QVERIFY(r.report.sources[2].error.isEmpty());
        QCOMPARE(r.report.sources[2].format, QStringLiteral("nfdump"));
        QVERIFY(r.report.sources[2].events > 40);
        // Nothing of the damaged sources stays in the case.
        QVERIFY(!r.ecs.contains("cut.log"));
    }
};

QTEST_GUILESS_MAIN(TestArchive)
#include "tst_archive.moc"
