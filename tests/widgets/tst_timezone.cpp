// Case → Time zone… (issue 23, "times in UTC or a zone chosen per case"): the zone typed into
// the dialog is stored in the case and audited; the event table shows its times in it and names
// it in the header; reopening the case keeps it, closing it goes back to UTC; the report names
// it; `netcase timezone` reads and refuses what is not a zone; `verify` catches a zone changed
// behind the audit log.

#include "common/testutil.h"

#include "case/casesession.h"
#include "core/shownzone.h"
#include "core/timeutil.h"
#include "events/eventsview.h"
#include "items/eventtablemodel.h"
#include "mainwindow/casecontroller.h"
#include "mainwindow/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QInputDialog>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace netcase;

namespace {

QString timeHeader(EventsView *events)
{
    return events->model()->headerData(EventTableModel::Time, Qt::Horizontal).toString();
}

QString firstTime(EventsView *events)
{
    return events->model()->index(0, EventTableModel::Time).data().toString();
}

} // namespace

class TestTimeZone : public QObject
{
    Q_OBJECT
    QString m_case;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_case = test::tempPath(QStringLiteral("zone.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-23")})
                         .exitCode,
                 0);
        const QString log = test::makeAccessLog(QStringLiteral("zone.log"), 200, 20);
        QCOMPARE(test::netcase({QStringLiteral("import"), m_case, log}).exitCode, 0);
    }

    void chooseAZoneWithRealInput()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.controller().openCase(m_case, false, true), QString());
        auto *events = w.findChild<EventsView *>();
        QVERIFY(events);
        QTRY_VERIFY(events->model()->rowCount() > 0);
        QVERIFY2(timeHeader(events).endsWith(QStringLiteral("(UTC)")),
                 qPrintable(timeHeader(events)));
        const QString utcText = firstTime(events);
        auto *action = w.findChild<QAction *>(QStringLiteral("caseTimeZone"));
        QVERIFY(action && action->isEnabled());

        QTimer::singleShot(0, [] {
            QTRY_VERIFY(qobject_cast<QInputDialog *>(QApplication::activeModalWidget()));
            auto *combo = QApplication::activeModalWidget()->findChild<QComboBox *>();
            QVERIFY(combo && combo->lineEdit());
            combo->lineEdit()->selectAll();
            QTest::keyClicks(combo->lineEdit(), QStringLiteral("Asia/Tokyo"));
            if (const QString shots = qEnvironmentVariable("NETCASE_SCREENSHOTS"); !shots.isEmpty())
                QVERIFY(QApplication::activeModalWidget()->grab().save(
                        shots + QStringLiteral("/time-zone-dialog.png")));
            QTest::keyClick(combo->lineEdit(), Qt::Key_Return);
        });
        action->trigger();
        QCOMPARE(ShownZone::name(), QStringLiteral("Asia/Tokyo"));
        QTRY_VERIFY2(timeHeader(events).endsWith(QStringLiteral("(Asia/Tokyo)")),
                     qPrintable(timeHeader(events)));
        // The same event, nine hours later on the clock (Tokyo keeps no daylight saving time).
        const auto before = parseIso(utcText.toStdString());
        const auto after = parseIso(firstTime(events).toStdString());
        QVERIFY(before && after);
        QCOMPARE(*after - *before, std::int64_t(9) * 3600 * 1'000'000);

        // Closing the case goes back to UTC; reopening it shows its zone again.
        w.controller().closeCase();
        QVERIFY(ShownZone::isUtc());
        QCOMPARE(w.controller().openCase(m_case, false, true), QString());
        QCOMPARE(ShownZone::name(), QStringLiteral("Asia/Tokyo"));
        w.controller().closeCase();
    }

    void commandLineReportAndAudit()
    {
        auto shown = test::netcase({QStringLiteral("timezone"), m_case});
        QCOMPARE(shown.exitCode, 0);
        QVERIFY2(shown.out.contains("times are shown in Asia/Tokyo"), shown.out.constData());
        auto wrong
                = test::netcase({QStringLiteral("timezone"), m_case, QStringLiteral("Mars/Base")});
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY2(wrong.err.contains("unknown time zone"), wrong.err.constData());

        const QString html = test::tempPath(QStringLiteral("zone.html"));
        QCOMPARE(test::netcase({QStringLiteral("report"), m_case, QStringLiteral("-o"), html})
                         .exitCode,
                 0);
        QFile f(html);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray report = f.readAll();
        QVERIFY(report.contains("Times shown in"));
        QVERIFY(report.contains("Asia/Tokyo, the case"));
        QVERIFY(report.contains("+09:00"));

        const auto audit = test::netcase({QStringLiteral("audit"), m_case});
        QVERIFY2(audit.out.contains("case.time_zone"), audit.out.constData());
        QCOMPARE(test::netcase({QStringLiteral("verify"), m_case}).exitCode, 0);
        auto back = test::netcase({QStringLiteral("timezone"), m_case, QStringLiteral("UTC"),
                                   QStringLiteral("--json")});
        QCOMPARE(back.exitCode, 0);
        QVERIFY2(back.out.contains("\"changed\":true"), back.out.constData());
        QCOMPARE(test::netcase({QStringLiteral("verify"), m_case}).exitCode, 0);
    }
};

QTEST_MAIN(TestTimeZone)
#include "tst_timezone.moc"
