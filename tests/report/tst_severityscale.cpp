// One severity scale everywhere: the findings table (and CLI), the map legend, the report and
// the default rules name every severity alike; 60-69 is "high" in all of them.

#include "analysis/rules.h"
#include "core/severity.h"
#include "items/findingsmodel.h"
#include "render/maprenderer.h"
#include "report/htmlout.h"

#include <QtTest>

using namespace netcase;

class TstSeverityScale : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyPlaceAgrees_data()
    {
        QTest::addColumn<int>("severity");
        QTest::addColumn<QString>("word");
        for (const auto &[s, w] :
             std::initializer_list<std::pair<int, const char *>>{{0, "low"},
                                                                 {39, "low"},
                                                                 {40, "medium"},
                                                                 {59, "medium"},
                                                                 {60, "high"},
                                                                 {65, "high"},
                                                                 {69, "high"},
                                                                 {70, "high"},
                                                                 {100, "high"}})
            QTest::addRow("%d", s) << s << QString::fromLatin1(w);
    }
    void everyPlaceAgrees()
    {
        QFETCH(int, severity);
        QFETCH(QString, word);
        QCOMPARE(FindingsModel::severityBand(severity), word);
        QCOMPARE(severityWord(severity), word);
        const HtmlOut html(HtmlFlavor::Browser);
        QCOMPARE(html.severityBadge(severity),
                 QStringLiteral("<span class=\"sev sev-%1\">%2 %1</span>").arg(word).arg(severity));
        QVERIFY2(MapRenderer::severityName(severity).startsWith(word + QLatin1String(" (")),
                 qPrintable(MapRenderer::severityName(severity)));
    }
    void legendRanges()
    {
        QCOMPARE(MapRenderer::severityName(65), QStringLiteral("high (60-100)"));
        QCOMPARE(MapRenderer::severityName(50), QStringLiteral("medium (40-59)"));
        QCOMPARE(MapRenderer::severityName(10), QStringLiteral("low (0-39)"));
    }
    void colourFollowsTheWord()
    {
        const QPalette pal;
        QCOMPARE(MapRenderer::severityColor(65, pal), MapRenderer::severityColor(90, pal));
        QVERIFY(MapRenderer::severityColor(65, pal) != MapRenderer::severityColor(50, pal));
    }
    void defaultRulesUseTheScale()
    {
        auto rules = Rules::defaults();
        QVERIFY(rules.ok());
        QCOMPARE(rules->high(), kSeverityHigh);
        QCOMPARE(rules->medium(), kSeverityMedium);
    }
};

QTEST_GUILESS_MAIN(TstSeverityScale)
#include "tst_severityscale.moc"
