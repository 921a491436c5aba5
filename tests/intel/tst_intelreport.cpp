// Intelligence in reports: the JSON report lists the imported files with their provenance and
// the intel finding with its indicators (valid against docs/report.schema.json), and the HTML
// report shows the files and the finding's indicator table.

#include "common/intelfixtures.h"
#include "common/jsonschema.h"
#include "common/testutil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace netcase;
using namespace Qt::StringLiterals;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestIntelReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reportsShowIntelligence()
    {
        qputenv("XDG_CONFIG_HOME", test::tempPath(QStringLiteral("config")).toUtf8());
        qputenv("XDG_DATA_HOME", test::tempPath(QStringLiteral("data")).toUtf8());
        const QString c = test::tempPath(QStringLiteral("report.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), c, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        const QString log
                = test::accessLogFrom(QStringLiteral("r.log"), {u"203.0.113.7"_s, u"192.0.2.9"_s});
        QCOMPARE(test::netcase({QStringLiteral("import"), c, log}).exitCode, 0);
        const QString bundle = test::writeJson(
                QStringLiteral("r.json"),
                test::stixBundle({{u"[ipv4-addr:value = '203.0.113.7']"_s,
                                   u"2024-01-01T00:00:00Z"_s, u"2024-02-01T00:00:00Z"_s, 60},
                                  {u"[file:name = 'x.exe']"_s}}));
        auto r = test::netcase({QStringLiteral("intel"), c, bundle});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        const QString json = test::tempPath(QStringLiteral("report.json"));
        r = test::netcase({QStringLiteral("report"), c, QStringLiteral("-o"), json});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonDocument doc = QJsonDocument::fromJson(readAll(json));
        const QJsonDocument schema = QJsonDocument::fromJson(
                readAll(QStringLiteral(NETCASE_SOURCE_DIR "/docs/report.schema.json")));
        const QStringList problems = test::validateJsonSchema(doc.object(), schema.object());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        const QJsonArray files = doc[u"intelligence"_s][u"files"_s].toArray();
        QCOMPARE(files.size(), 1);
        QCOMPARE(files[0][u"format"_s].toString(), u"stix"_s);
        QCOMPARE(files[0][u"producer"_s].toString(), u"Example CERT"_s);
        QCOMPARE(files[0][u"indicators"_s].toInt(), 1);
        QCOMPARE(files[0][u"unsupported"_s].toArray().size(), 2); // file:name, the malware
        const QString sha = files[0][u"sha256"_s].toString();
        QCOMPARE(sha.size(), 64);
        QJsonObject intel;
        for (const auto &f : doc[u"findings"_s][u"items"_s].toArray())
            if (f[u"kind"_s].toString() == u"intel"_s)
                intel = f.toObject();
        QVERIFY(!intel.isEmpty());
        // Expired before the events: shown, but at the informational weight.
        QCOMPARE(intel[u"severity"_s].toInt(), 5);
        const QJsonObject ind = intel[u"details"_s][u"indicators"_s].toArray()[0].toObject();
        QCOMPARE(ind[u"source_sha256"_s].toString(), sha);
        QCOMPARE(ind[u"events"_s][u"expired"_s].toInt(), 1);

        const QString html = test::tempPath(QStringLiteral("report.html"));
        r = test::netcase({QStringLiteral("report"), c, QStringLiteral("-o"), html});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString text = QString::fromUtf8(readAll(html));
        QVERIFY(text.contains(u"Threat intelligence"_s));
        QVERIFY(text.contains(sha));
        QVERIFY(text.contains(u"<h4>Indicators</h4>"_s) || text.contains(u">Indicators<"_s));
        QVERIFY(text.contains(u"ip 203.0.113.7"_s));
        QVERIFY(text.contains(u"0 / 1"_s)); // events inside / outside the window
    }
};

QTEST_GUILESS_MAIN(TestIntelReport)
#include "tst_intelreport.moc"
