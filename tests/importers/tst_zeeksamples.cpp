// The real Zeek samples in ../shared/samples/zeek import without rejects, and the brimdata ssh
// log gives the same events from its TSV and JSON forms. Skips when ../shared is absent.

#include "common/implogs_case.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestZeekSamples : public QObject
{
    Q_OBJECT

private:
    CaseImport importSample(const QString &rel, const QString &format, int events)
    {
        const QString path = sharedSample(rel);
        CaseImport r = importIntoNewCase({path}, ImportOptions{}, QFileInfo(path).baseName());
        if (r.ok && r.report.sources.size() == 1) {
            const SourceReport &s = r.report.sources[0];
            qInfo("%s: format %s, %lld events, %lld rejects %s", qPrintable(rel),
                  qPrintable(s.format), qlonglong(s.events), qlonglong(s.rejects),
                  qPrintable(s.error));
            r.ok = s.format == format && s.events == events && s.rejects == 0;
        }
        return r;
    }

    /// The events without the parts that differ between TSV and JSON forms.
    static std::vector<nlohmann::json> comparable(const QByteArray &ecs)
    {
        std::vector<nlohmann::json> out;
        for (const QByteArray &line : ecs.split('\n')) {
            if (line.isEmpty())
                continue;
            auto j = nlohmann::json::parse(line.toStdString());
            j.erase("netcase");
            j.erase("labels"); // remote_location etc. are spelled differently
            out.push_back(j);
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (sharedSample(QStringLiteral("zeek")).isEmpty())
            QSKIP("../shared/samples is not available");
    }

    void stratosphereConn()
    {
        const auto r = importSample(
                QStringLiteral("zeek/stratosphere_003-zeek-scenario-malicious_conn.log"),
                QStringLiteral("zeek"), 361);
        QVERIFY(r.ok);
        QVERIFY(r.ecs.contains("\"action\":\"connection\""));
    }

    void brimdataSshTsvAndJsonAgree()
    {
        const auto tsv = importSample(QStringLiteral("zeek/brimdata_zeek-default_ssh.log"),
                                      QStringLiteral("zeek"), 22);
        const auto json = importSample(QStringLiteral("zeek/brimdata_zeek-json_ssh.json"),
                                       QStringLiteral("zeek-json"), 22);
        QVERIFY(tsv.ok);
        QVERIFY(json.ok);
        QVERIFY(tsv.ecs.contains("\"outcome\":\"failure\""));
        QVERIFY(tsv.ecs.contains("\"outcome\":\"success\""));
        const auto a = comparable(tsv.ecs);
        const auto b = comparable(json.ecs);
        QCOMPARE(a.size(), b.size());
        for (size_t i = 0; i < a.size(); ++i)
            QCOMPARE(QString::fromStdString(a[i].dump()), QString::fromStdString(b[i].dump()));
    }
};

QTEST_GUILESS_MAIN(TestZeekSamples)
#include "tst_zeeksamples.moc"
