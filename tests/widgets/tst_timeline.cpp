// The timeline: per-minute summary and re-bucketing, its item model, and the dock driven with
// real mouse and wheel input on the offscreen platform.

#include "common/testutil.h"
#include "common/views1fixture.h"

#include "case/casesession.h"
#include "case/eventquery.h"
#include "core/timeutil.h"
#include "items/roles.h"
#include "items/selectionhub.h"
#include "items/timelinemodel.h"
#include "mainwindow/casecontroller.h"
#include "mainwindow/mainwindow.h"
#include "timeline/timelinechartview.h"
#include "timeline/timelinelanes.h"
#include "timeline/timelineview.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QValueAxis>

using namespace netcase;
namespace v = netcase::test::views;

namespace {

/// A timeline dock shown on a session of the views case; it starts loading at once.
struct TimelineOnCase
{
    explicit TimelineOnCase(CaseFile caseFile)
        : session(std::move(caseFile), false)
        , view(hub)
        , loaded(&view, &TimelineView::loaded)
    {
        view.resize(800, 300);
        view.show();
        view.setSession(&session);
    }

    CaseSession session;
    SelectionHub hub;
    TimelineView view;
    QSignalSpy loaded;
};

} // namespace

class TimelineTest : public QObject
{
    Q_OBJECT

    /// The timeline on the test case, its first summary loaded; null on failure.
    std::unique_ptr<TimelineOnCase> openLoaded() const
    {
        auto c = CaseFile::open(m_path);
        if (!c)
            return nullptr;
        auto t = std::make_unique<TimelineOnCase>(std::move(*c));
        if (t->loaded.count() == 0 && !t->loaded.wait(30000))
            return nullptr;
        return t;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_path = test::tempPath(QStringLiteral("timeline.netcase"));
        QVERIFY(v::makeViewsCase(m_path));
    }

    void summaryCountsByMinuteAndOutcome()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c);
        const TimelineSummary s = TimelineSummary::build(c->db(), EventFilter());
        QCOMPARE(s.total(), v::kEvents);
        QCOMPARE(s.firstUs(), v::kBaseUs);
        // Last event: private address, day 2 18:09.
        QCOMPARE(s.endUs(), v::kBaseUs + (2520 + 10) * v::kMinuteUs);
        const auto days
                = s.rebucket(v::kBaseUs, v::kBaseUs + 2 * 1440 * v::kMinuteUs, 1440 * v::kMinuteUs);
        QCOMPARE(days.size(), size_t(2));
        QCOMPARE(days[0].success, 80);
        QCOMPARE(days[0].failure, 20);
        QCOMPARE(days[0].other, 0);
        QCOMPARE(days[1].success, 40); // Sydney 30 + private 10
        QCOMPARE(days[1].other, 20);   // New York, unknown outcome
        // Hour buckets of day 1: 6 events an hour (every 10 minutes).
        const auto hours
                = s.rebucket(v::kBaseUs, v::kBaseUs + 3 * 60 * v::kMinuteUs, 60 * v::kMinuteUs);
        QCOMPARE(hours.size(), size_t(3));
        QCOMPARE(hours[1].total(), 6);
    }

    void summaryFollowsEntityFilter()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c);
        EventFilter f;
        f.ips = {QString::fromLatin1(v::kSydney)};
        QCOMPARE(TimelineSummary::build(c->db(), f).total(), 30);
        f.ips.clear();
        f.users = {QStringLiteral("alice")};
        QCOMPARE(TimelineSummary::build(c->db(), f).total(), 130);
    }

    void bucketSizeFollowsZoom()
    {
        const std::int64_t m = TimelineSummary::kMinuteUs;
        QCOMPARE(TimelineSummary::chooseBucketUs(60 * m, 200), m);
        QCOMPARE(TimelineSummary::chooseBucketUs(2 * 1440 * m, 200), 15 * m);
        QCOMPARE(TimelineSummary::chooseBucketUs(365 * 1440 * m, 200), 7 * 1440 * m);
        QCOMPARE(TimelineSummary::bucketName(1440 * m), QStringLiteral("1-day"));
    }

    void modelUnderTester()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c);
        TimelineModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSummary(
                std::make_shared<TimelineSummary>(TimelineSummary::build(c->db(), EventFilter())));
        model.setRange(v::kBaseUs, v::kBaseUs + 2 * 1440 * v::kMinuteUs, 2);
        QCOMPARE(model.bucketUs(), 1440 * v::kMinuteUs);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, TimelineModel::Success).data().toLongLong(), 80);
        QCOMPARE(model.index(1, 0).data(roles::Count).toLongLong(), 60);
        QCOMPARE(model.shownTotal(), v::kEvents);
    }

    void dragSelectsRangeWheelZoomsAndBandsShow()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c);
        CaseSession session(std::move(*c), false);
        SelectionHub hub;
        TimelineView view(hub);
        view.resize(900, 360);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy loaded(&view, &TimelineView::loaded);
        view.setSession(&session);
        QTRY_VERIFY(loaded.count() >= 1);
        QTRY_VERIFY(view.model()->rowCount() > 0);
        QCOMPARE(view.model()->shownTotal(), v::kEvents);
        QCOMPARE(view.lanes()->lanes().size(), size_t(2));

        // Drag across the plot: the hub gets a time range inside the view.
        TimelineChartView *chart = view.chartView();
        const QRectF plot = chart->plotRect();
        QVERIFY(plot.width() > 100);
        const QPoint a(int(plot.left() + plot.width() * 0.2), int(plot.center().y()));
        const QPoint b(int(plot.left() + plot.width() * 0.5), int(plot.center().y()));
        QSignalSpy changed(&hub, &SelectionHub::selectionChanged);
        QTest::mousePress(chart->viewport(), Qt::LeftButton, {}, a);
        QTest::mouseMove(chart->viewport(), (a + b) / 2);
        QTest::mouseMove(chart->viewport(), b);
        QTest::mouseRelease(chart->viewport(), Qt::LeftButton, {}, b);
        QTRY_COMPARE(changed.count(), 1);
        const Selection sel = hub.selection();
        QVERIFY(sel.fromUs && sel.toUs);
        QVERIFY(*sel.fromUs < *sel.toUs);
        QVERIFY(qAbs(*sel.fromUs - chart->timeAt(a.x())) <= v::kMinuteUs);
        QVERIFY(qAbs(*sel.toUs - chart->timeAt(b.x())) <= v::kMinuteUs);
        QVERIFY(*sel.fromUs % v::kMinuteUs == 0);

        // Wheel up zooms in: a shorter span and a finer (or equal) bucket.
        const std::int64_t spanBefore = view.model()->toUs() - view.model()->fromUs();
        const std::int64_t bucketBefore = view.model()->bucketUs();
        for (int i = 0; i < 6; ++i) {
            QWheelEvent wheel(QPointF(plot.center()), chart->viewport()->mapToGlobal(plot.center()),
                              QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                              Qt::NoScrollPhase, false);
            QApplication::sendEvent(chart->viewport(), &wheel);
        }
        const std::int64_t spanAfter = view.model()->toUs() - view.model()->fromUs();
        QVERIFY2(spanAfter < spanBefore / 3, qPrintable(QString::number(spanAfter)));
        QVERIFY(view.model()->bucketUs() < bucketBefore);

        // Shift+drag pans: the span stays, the start moves back in time when dragging right.
        const std::int64_t fromBefore = view.model()->fromUs();
        QTest::mousePress(chart->viewport(), Qt::LeftButton, Qt::ShiftModifier, a);
        QTest::mouseMove(chart->viewport(), b);
        QTest::mouseRelease(chart->viewport(), Qt::LeftButton, Qt::ShiftModifier, b);
        QVERIFY(view.model()->fromUs() < fromBefore);
        QCOMPARE(view.model()->toUs() - view.model()->fromUs(), spanAfter);
        QCOMPARE(changed.count(), 1); // panning selects nothing

        // Home fits the whole case again; Escape clears the range.
        chart->setFocus();
        QTest::keyClick(chart, Qt::Key_Home);
        QCOMPARE(view.model()->shownTotal(), v::kEvents);
        QTest::keyClick(chart, Qt::Key_Escape);
        QVERIFY(!hub.selection().fromUs);
    }

    void selectingAnIpRecountsAndBringsItIntoView()
    {
        auto t = openLoaded();
        QVERIFY(t);
        SelectionHub &hub = t->hub;
        TimelineView &view = t->view;
        QSignalSpy &loaded = t->loaded;
        // A new selection refits the axis to its events: Paris is day 1 (00:00 to 16:30), so the
        // view no longer reaches into day 2 as the whole case did.
        hub.selectIp(QString::fromLatin1(v::kParis));
        QTRY_VERIFY(loaded.count() >= 2);
        QTRY_COMPARE(view.model()->summary()->total(), 100);
        QCOMPARE(view.model()->shownTotal(), 100);
        QVERIFY(view.model()->fromUs() <= v::kBaseUs);
        QVERIFY(view.model()->toUs() >= v::kBaseUs + 991 * v::kMinuteUs);
        QVERIFY2(view.model()->toUs() < v::kBaseUs + 1440 * v::kMinuteUs,
                 qPrintable(utcMinute(view.model()->toUs())));
        // The analyst's zoom then stays while only the time range changes.
        view.setViewRange(v::kBaseUs + 60 * v::kMinuteUs, v::kBaseUs + 240 * v::kMinuteUs);
        hub.selectTimeRange(v::kBaseUs + 90 * v::kMinuteUs, v::kBaseUs + 120 * v::kMinuteUs);
        QCOMPARE(view.model()->fromUs(), v::kBaseUs + 60 * v::kMinuteUs);
        // Another address refits again: Sydney is day 2, outside the view.
        hub.selectIp(QString::fromLatin1(v::kSydney));
        QTRY_VERIFY(loaded.count() >= 3);
        QTRY_COMPARE(view.model()->summary()->total(), 30);
        QCOMPARE(view.model()->shownTotal(), 30);
        QVERIFY(view.model()->fromUs() >= v::kBaseUs + 1380 * v::kMinuteUs);
        // The analyst looks at a day of 2001, where the case has nothing, then selects an
        // address: its events are brought into view rather than counted as "0 of 20 in view".
        const std::int64_t day = std::int64_t{86400} * 1000000;
        view.setViewRange(11323 * day, 11324 * day);
        QCOMPARE(view.model()->shownTotal(), 0);
        hub.selectIp(QString::fromLatin1(v::kNewYork));
        QTRY_VERIFY(loaded.count() >= 4);
        QTRY_COMPARE(view.model()->summary()->total(), 20);
        QCOMPARE(view.model()->shownTotal(), 20);
    }

    void selectingAFindingZoomsToItsWindowOnce()
    {
        auto t = openLoaded();
        QVERIFY(t);
        SelectionHub &hub = t->hub;
        TimelineView &view = t->view;
        QSignalSpy &loaded = t->loaded;
        const std::int64_t wholeSpan = view.model()->toUs() - view.model()->fromUs();
        // Finding 1 runs from minute 990 to minute 1440: shown with 225 minutes either side.
        hub.selectFinding(1, {}, {QString::fromLatin1(v::kParis)}, {QStringLiteral("alice")});
        QTRY_VERIFY(loaded.count() >= 2);
        QCOMPARE(view.model()->fromUs(), v::kBaseUs + 765 * v::kMinuteUs);
        QCOMPARE(view.model()->toUs(), v::kBaseUs + 1665 * v::kMinuteUs);
        QVERIFY(view.model()->toUs() - view.model()->fromUs() < wholeSpan);
        // The analyst zooms out; the same finding staying selected keeps that zoom.
        view.fitToData();
        const std::int64_t from = view.model()->fromUs();
        hub.selectTimeRange(v::kBaseUs, v::kBaseUs + 60 * v::kMinuteUs);
        QCOMPARE(view.model()->fromUs(), from);
        // A short finding (19 minutes) opens on at least the narrowest view around it.
        hub.selectFinding(2, {}, {QStringLiteral("192.0.2.44")}, {});
        QTRY_VERIFY(view.model()->fromUs() != from);
        QVERIFY(view.model()->fromUs() <= v::kBaseUs + 2160 * v::kMinuteUs);
        QVERIFY(view.model()->toUs() >= v::kBaseUs + 2179 * v::kMinuteUs);
    }

    void lanesFollowTheSelectionAndSelectOnClick()
    {
        auto t = openLoaded();
        QVERIFY(t);
        SelectionHub &hub = t->hub;
        TimelineView &view = t->view;
        QSignalSpy &loaded = t->loaded;
        TimelineLanes *lanes = view.lanes();
        // Nothing selected: every finding in view, most severe first, below the chart.
        QCOMPARE(lanes->lanes().size(), size_t(2));
        QCOMPARE(lanes->lanes()[0].id, 1);
        QVERIFY(lanes->isVisible());
        QVERIFY(lanes->geometry().top() >= view.chartView()->geometry().bottom());
        // An address: only the findings about it.
        hub.selectIp(QString::fromLatin1(v::kNewYork));
        QTRY_VERIFY(loaded.count() >= 2);
        QTRY_COMPARE(lanes->lanes().size(), size_t(1));
        QCOMPARE(lanes->lanes()[0].id, 2);
        QCOMPARE(view.lanesTotal(), 1);
        // An account: finding 1 names alice.
        hub.selectAccount(QStringLiteral("alice"));
        QTRY_VERIFY(loaded.count() >= 3);
        QTRY_COMPARE(lanes->lanes().size(), size_t(1));
        QCOMPARE(lanes->lanes()[0].id, 1);
        // Its bar lies on the chart's time axis.
        const QRectF bar = lanes->barRect(0);
        const QPoint chartLeft = view.chartView()->viewport()->mapTo(
                &view, QPoint(int(view.chartView()->xOf(v::kBaseUs + 990 * v::kMinuteUs)), 0));
        QVERIFY2(qAbs(lanes->mapTo(&view, bar.topLeft().toPoint()).x() - chartLeft.x()) <= 1,
                 qPrintable(QStringLiteral("%1 vs %2").arg(bar.left()).arg(chartLeft.x())));
        // Clicking the lane selects the finding (with its entities).
        hub.clear();
        QTRY_VERIFY(loaded.count() >= 4);
        QTRY_COMPARE(lanes->lanes().size(), size_t(2));
        const int lane2 = lanes->lanes()[0].id == 2 ? 0 : 1;
        QTest::mouseClick(lanes, Qt::LeftButton, {}, lanes->laneRect(lane2).center().toPoint());
        QCOMPARE(hub.selection().findingId, 2);
        QCOMPARE(hub.selection().ips, QStringList{QString::fromLatin1(v::kNewYork)});
    }

    void axisLabelsAreWholeAndApart_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<qint64>("spanMin");
        for (int w : {320, 560, 900, 1400})
            for (qint64 span : {10LL, 600LL, 3 * 1440LL, 60 * 1440LL, 3 * 365 * 1440LL})
                QTest::addRow("w%d-span%lld", w, span) << w << span;
    }
    void axisLabelsAreWholeAndApart()
    {
        QFETCH(int, width);
        QFETCH(qint64, spanMin);
        auto t = openLoaded();
        QVERIFY(t);
        t->view.resize(width, 300);
        t->view.setViewRange(v::kBaseUs, v::kBaseUs + spanMin * v::kMinuteUs);
        QTest::qWait(50);
        TimelineChartView *chart = t->view.chartView();
        const auto labels = chart->axisLabels();
        // A narrow plot has room for one label, a wide one for several.
        QVERIFY(!labels.empty());
        if (width >= 900)
            QVERIFY2(labels.size() >= 2, qPrintable(QString::number(labels.size())));
        const QFontMetricsF fm(chart->font());
        for (std::size_t i = 0; i < labels.size(); ++i) {
            const auto &l = labels[i];
            QVERIFY2(!l.text.contains(QChar(0x2026)), qPrintable(l.text));
            QVERIFY(l.rect.width() >= fm.horizontalAdvance(l.text));
            QVERIFY(l.rect.left() >= 0 && l.rect.right() <= chart->viewport()->width());
            QVERIFY(l.rect.top() >= chart->plotRect().bottom());
            QVERIFY(l.rect.bottom() <= chart->viewport()->height());
            if (i > 0)
                QVERIFY(labels[i - 1].rect.right() < l.rect.left());
        }
        // The count axis holds no more labels than its height keeps apart, also in a short
        // dock (1366x768 gives the timeline little height).
        for (int h : {300, 150, 110}) {
            t->view.resize(width, h);
            QTest::qWait(50);
            auto *y = qobject_cast<QValueAxis *>(chart->chart()->axes(Qt::Vertical).first());
            QVERIFY(y);
            const double room = chart->plotRect().height() / std::max(1, y->tickCount() - 1);
            QVERIFY2(room >= fm.height() || y->tickCount() == 2,
                     qPrintable(QStringLiteral("%1 labels in %2 px")
                                        .arg(y->tickCount())
                                        .arg(chart->plotRect().height())));
        }
    }

    void escapeInTheWindowClearsOnlyTheTimeRange()
    {
        QStandardPaths::setTestModeEnabled(true);
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.controller().openCase(m_path, false, true), QString());
        auto *chart = w.findChild<TimelineChartView *>();
        QVERIFY(chart);
        w.hub().selectIp(QString::fromLatin1(v::kParis));
        w.hub().selectTimeRange(v::kBaseUs, v::kBaseUs + 60 * v::kMinuteUs);
        chart->setFocus();
        QTRY_VERIFY(chart->hasFocus());
        QTest::keyClick(chart, Qt::Key_Escape);
        QVERIFY(!w.hub().selection().fromUs);
        QCOMPARE(w.hub().selection().ips, QStringList{QString::fromLatin1(v::kParis)});
    }

private:
    QString m_path;
};

QTEST_MAIN(TimelineTest)
#include "tst_timeline.moc"
