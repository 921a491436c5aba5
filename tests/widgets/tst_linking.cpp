// Linking through the SelectionHub in the real main window: a selection made with the mouse in
// one view changes the others (timeline → event table, map → IP details and event table), the
// filter bar's chips remove parts of it, and Back/Forward walk the history. Also renders every
// view with `netcase screenshot` and checks the images are not blank.

#include "common/testutil.h"
#include "common/views1fixture.h"

#include "common/filterbar.h"
#include "events/eventsview.h"
#include "ipdetails/ipdetailsview.h"
#include "items/eventtablemodel.h"
#include "items/selectionhub.h"
#include "items/timelinemodel.h"
#include "mainwindow/casecontroller.h"
#include "mainwindow/dockmanager.h"
#include "mainwindow/mainwindow.h"
#include "map/mapcanvas.h"
#include "map/mapview.h"
#include "timeline/timelinechartview.h"
#include "timeline/timelineview.h"

#include <QDir>
#include <QDockWidget>
#include <QImage>
#include <QLocale>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>

using namespace netcase;
namespace v = netcase::test::views;

class LinkingTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_path = test::tempPath(QStringLiteral("linking.netcase"));
        QVERIFY(v::makeViewsCase(m_path));
    }

    void hubHistory()
    {
        SelectionHub hub;
        hub.selectIp(QStringLiteral("a"));
        hub.selectTimeRange(1, 2);
        QCOMPARE(hub.selection().ips, QStringList{QStringLiteral("a")});
        hub.clearTimeRange();
        QVERIFY(!hub.selection().fromUs);
        hub.selectIps({QStringLiteral("b"), QStringLiteral("c")});
        QCOMPARE(hub.filter().ips.size(), 2);
        hub.back();
        hub.back();
        QCOMPARE(*hub.selection().fromUs, 1);
        hub.forward();
        QVERIFY(!hub.selection().fromUs);
        QVERIFY(hub.canGoForward());
    }

    void selectionInOneViewChangesTheOthers()
    {
        MainWindow w;
        w.resize(1500, 950);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.controller().openCase(m_path, false, true), QString());
        auto *timeline = qobject_cast<TimelineView *>(w.docks().view(QStringLiteral("timeline")));
        auto *map = qobject_cast<MapView *>(w.docks().view(QStringLiteral("map")));
        auto *ip = qobject_cast<IpDetailsView *>(w.docks().view(QStringLiteral("ipdetails")));
        auto *bar = w.findChild<FilterBar *>();
        QVERIFY(timeline && map && ip && bar);
        for (const auto &view : w.docks().views()) // every dock visible for the clicks
            if (view.dock
                && (view.id == QLatin1String("timeline") || view.id == QLatin1String("map")))
                view.dock->show();
        QTRY_VERIFY(!timeline->isLoading() && timeline->model()->rowCount() > 0);
        QTRY_VERIFY(!map->isLoading() && map->canvas()->clusters().size() == 3);
        EventTableModel *events = w.docks().eventsView()->model();
        QTRY_COMPARE(events->rowCount(), v::kEvents);
        QVERIFY(bar->chips().isEmpty());

        // Drag over the first part of day 1 on the timeline: the table shrinks to that range.
        TimelineChartView *chart = timeline->chartView();
        QTest::qWait(50);
        const QRectF plot = chart->plotRect();
        QVERIFY(plot.width() > 50);
        const QPoint a(int(chart->xOf(v::kBaseUs + 60 * v::kMinuteUs)), int(plot.center().y()));
        const QPoint b(int(chart->xOf(v::kBaseUs + 600 * v::kMinuteUs)), int(plot.center().y()));
        QTest::mousePress(chart->viewport(), Qt::LeftButton, {}, a);
        QTest::mouseMove(chart->viewport(), b);
        QTest::mouseRelease(chart->viewport(), Qt::LeftButton, {}, b);
        QTRY_VERIFY(w.hub().selection().fromUs.has_value());
        QTRY_VERIFY(events->rowCount() > 0 && events->rowCount() < 100);
        QCOMPARE(bar->chips().size(), 1);
        // The map counts that range only: Paris alone.
        QTRY_VERIFY(!map->isLoading() && map->canvas()->clusters().size() == 1);

        // Escape in the timeline drops the time range (only it): the map counts the whole case
        // again, Sydney included.
        chart->setFocus();
        QTest::keyClick(chart, Qt::Key_Escape);
        QVERIFY(!w.hub().selection().fromUs);
        QTRY_VERIFY(!map->isLoading() && map->canvas()->clusters().size() == 3);
        // Click Sydney on the map: IP details shows it and the table shows its 30 events.
        MapCanvas *canvas = map->canvas();
        const QPoint sydney = canvas->projection().toScreen(151.2093, -33.8688).toPoint();
        QTest::mouseClick(canvas, Qt::LeftButton, {}, sydney);
        QTRY_COMPARE(ip->currentIp(), QString::fromLatin1(v::kSydney));
        QTRY_COMPARE(events->rowCount(), 30);
        QCOMPARE(bar->chips().size(), 1);

        // Back returns to the time range, Forward to Sydney (the toolbar buttons).
        auto *back = bar->findChild<QToolButton *>(QStringLiteral("selectionBack"));
        auto *forward = bar->findChild<QToolButton *>(QStringLiteral("selectionForward"));
        QTest::mouseClick(back, Qt::LeftButton);
        QTRY_VERIFY(events->rowCount() > 0 && events->rowCount() < 100);
        QVERIFY(ip->currentIp().isEmpty());
        QTest::mouseClick(forward, Qt::LeftButton);
        QTRY_COMPARE(events->rowCount(), 30);

        // Removing the chip clears the address: the whole case again.
        QTest::mouseClick(bar->chips().first(), Qt::LeftButton);
        QTRY_COMPARE(events->rowCount(), v::kEvents);
        QTRY_VERIFY(bar->chips().isEmpty());
        w.controller().closeCase();
    }

    void cappedEvidenceIsSaid()
    {
        SelectionHub hub;
        FilterBar bar(hub);
        // A finding whose evidence the analysis capped: 3 stored of 5,756.
        hub.selectFinding(7, {11, 12, 13}, {QStringLiteral("192.0.2.1")}, {}, 5756);
        QCOMPARE(hub.selection().evidenceTotal, 5756);
        QStringList texts;
        for (QToolButton *chip : bar.chips())
            texts << chip->text();
        const QString expected = QStringLiteral("finding #7: 3 of %1 evidence events shown")
                                         .arg(QLocale().toString(5756));
        QVERIFY2(std::any_of(texts.begin(), texts.end(),
                             [&](const QString &t) { return t.startsWith(expected); }),
                 qPrintable(texts.join(QStringLiteral(" | "))));
        // All of it stored: nothing to say.
        hub.selectFinding(8, {11, 12, 13}, {}, {}, 3);
        QCOMPARE(hub.selection().evidenceTotal, 0);
        QVERIFY(bar.chips().first()->text().startsWith(QStringLiteral("finding #8 ")));
    }

    void chipsAreCappedPerKind()
    {
        SelectionHub hub;
        FilterBar bar(hub);
        auto ips = [](int n) {
            QStringList l;
            for (int i = 1; i <= n; ++i)
                l << QStringLiteral("192.0.2.%1").arg(i);
            return l;
        };
        const int minWidth = bar.minimumSizeHint().width();
        hub.selectIps(ips(5)); // one over the cap: a chip of its own rather than "+1 more"
        QCOMPARE(bar.chips().size(), 5);
        hub.selectIps(ips(105));
        QCOMPARE(bar.chips().size(), 5);
        QVERIFY(bar.chips().last()->text().startsWith(QStringLiteral("+101 more addresses")));
        QVERIFY(bar.minimumSizeHint().width() <= minWidth);    // chips never widen the window
        QTest::mouseClick(bar.chips().last(), Qt::LeftButton); // keeps the four shown
        QCOMPARE(hub.selection().ips, ips(4));
    }

    void screenshotsAreNotBlank()
    {
        const QString keep = qEnvironmentVariable("NETCASE_VIEWS1_SHOTS");
        const QString out = keep.isEmpty() ? test::tempPath(QStringLiteral("shots")) : keep;
        const test::Run r = test::netcase(
                {QStringLiteral("screenshot"), m_path, QStringLiteral("--out"), out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        for (const char *name : {"timeline", "map", "ipdetails"}) {
            const QImage img(
                    QDir(out).filePath(QString::fromLatin1(name) + QStringLiteral(".png")));
            QVERIFY2(!img.isNull(), name);
            QVERIFY(img.width() > 300 && img.height() > 200);
            // Not a flat image: many distinct colours.
            QSet<QRgb> colours;
            for (int y = 0; y < img.height(); y += 7)
                for (int x = 0; x < img.width(); x += 7)
                    colours.insert(img.pixel(x, y));
            QVERIFY2(colours.size() > 8, name);
        }
    }

    void screenshotRefusesAMissingFinding()
    {
        const test::Run r
                = test::netcase({QStringLiteral("screenshot"), m_path, QStringLiteral("--out"),
                                 test::tempPath(QStringLiteral("shots-bad")),
                                 QStringLiteral("--finding"), QStringLiteral("9999")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("--finding: no finding on row 9999"), r.err.constData());
        const test::Run bad
                = test::netcase({QStringLiteral("screenshot"), m_path, QStringLiteral("--out"),
                                 test::tempPath(QStringLiteral("shots-bad")),
                                 QStringLiteral("--palette"), QStringLiteral("purple")});
        QVERIFY(bad.exitCode != 0);
        QVERIFY2(bad.err.contains("--palette"), bad.err.constData());
    }

    void darkScreenshotIsDark()
    {
        const QString out = test::tempPath(QStringLiteral("shots-dark"));
        const test::Run r
                = test::netcase({QStringLiteral("screenshot"), m_path, QStringLiteral("--out"), out,
                                 QStringLiteral("--palette"), QStringLiteral("dark")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QImage img(QDir(out).filePath(QStringLiteral("main.png")));
        QVERIFY(!img.isNull());
        // Mostly dark pixels: the palette reached the window and its views.
        int dark = 0, total = 0;
        for (int y = 0; y < img.height(); y += 9)
            for (int x = 0; x < img.width(); x += 9, ++total)
                dark += QColor(img.pixel(x, y)).lightness() < 100 ? 1 : 0;
        QVERIFY2(dark * 2 > total,
                 qPrintable(QStringLiteral("%1 of %2 dark").arg(dark).arg(total)));
    }

private:
    QString m_path;
};

QTEST_MAIN(LinkingTest)
#include "tst_linking.moc"
