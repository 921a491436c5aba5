// Detection must not steal formats from each other: every golden input of every format (and
// the real samples, when ../shared is there) is detected as the format its folder names. The
// generic csv/jsonl importers need a mapping and may stay undetected, but no other importer
// may claim their files.

#include "api/registry.h"
#include "common/testutil.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace netcase;
using namespace netcase::test;

namespace {

QString detected(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("<unreadable>");
    const QByteArray sample = f.read(64 * 1024);
    const Detection d = detectFormat(std::string_view(sample.constData(), size_t(sample.size())));
    return d.importer ? d.importer->name() : QString();
}

} // namespace

class TestFolderDetection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goldenInputs_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("path");
        const QDir root(QStringLiteral(NETCASE_SOURCE_DIR "/tests/importers/golden"));
        for (const QString &format : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QDir dir(root.filePath(format));
            for (const QString &f : dir.entryList(QDir::Files)) {
                if (f.contains(QLatin1String(".expected.")) || f == QLatin1String("mapping.json"))
                    continue;
                QTest::newRow(qPrintable(format + QLatin1Char('/') + f))
                        << format << dir.filePath(f);
            }
        }
    }

    void goldenInputs()
    {
        QFETCH(QString, format);
        QFETCH(QString, path);
        const QString got = detected(path);
        if (format == QLatin1String("csv") || format == QLatin1String("jsonl")) {
            // Generic formats: detected as themselves or not at all, never as something else.
            QVERIFY2(got.isEmpty() || got == format, qPrintable(got));
            return;
        }
        QCOMPARE(got, format);
    }

    void realSamples_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("rel");
        QTest::newRow("apache") << QStringLiteral("apache")
                                << QStringLiteral("apache/elastic-examples_apache_logs.log");
        QTest::newRow("loghub") << QStringLiteral("syslog")
                                << QStringLiteral("sshd/loghub_OpenSSH_2k.log");
        QTest::newRow("auth.log") << QStringLiteral("syslog")
                                  << QStringLiteral("sshd/elastic-examples_auth.log");
        QTest::newRow("zeek conn")
                << QStringLiteral("zeek")
                << QStringLiteral("zeek/stratosphere_003-zeek-scenario-malicious_conn.log");
        QTest::newRow("zeek ssh") << QStringLiteral("zeek")
                                  << QStringLiteral("zeek/brimdata_zeek-default_ssh.log");
        QTest::newRow("zeek json") << QStringLiteral("zeek-json")
                                   << QStringLiteral("zeek/brimdata_zeek-json_ssh.json");
        QTest::newRow("nfdump") << QStringLiteral("nfdump")
                                << QStringLiteral("netflow/nfcapd.sample.DERIVED-nfdump171.csv");
        QTest::newRow("okta") << QStringLiteral("okta")
                              << QStringLiteral("okta/cribl-okta-rest_I4942I.DERIVED.ndjson");
        QTest::newRow("entra")
                << QStringLiteral("entra")
                << QStringLiteral("entra/cribl-azure-graph-rest_signins_7cieEB.DERIVED.ndjson");
    }

    void realSamples()
    {
        QFETCH(QString, format);
        QFETCH(QString, rel);
        const QString path = sharedSample(rel);
        if (path.isEmpty())
            QSKIP("../shared/samples is not available");
        QCOMPARE(detected(path), format);
    }

    void binaryContentIsNotALog()
    {
        // A MaxMind database, say, has commas and line breaks in its bytes: without the binary
        // check the generic CSV importer took it and failed with mojibake in its message.
        QByteArray bytes("ip,country\n1.2.3.4,DE\n");
        bytes.append('\0');
        bytes.append("\xab\xcd\xefMaxMind.com\n", 15);
        const std::string_view v(bytes.constData(), size_t(bytes.size()));
        QVERIFY(looksBinary(v));
        QVERIFY(!detectFormat(v).importer);
        QVERIFY(!looksBinary("ip,country\n1.2.3.4,DE\n"));
    }
};

QTEST_GUILESS_MAIN(TestFolderDetection)
#include "tst_folderdetection.moc"
