// IP details shows the threat intelligence naming the selected address as plain text: the
// producer, the file, the confidence and where the validity window falls against the
// address's events (an expired indicator says so).

#include "common/intelfixtures.h"
#include "common/testutil.h"

#include "case/casefile.h"
#include "case/casesession.h"
#include "ipdetails/ipdetailsview.h"
#include "items/selectionhub.h"

#include <QComboBox>
#include <QLabel>
#include <QTest>

using namespace netcase;
using namespace Qt::StringLiterals;

class IpDetailsIntelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", test::tempPath(QStringLiteral("config")).toUtf8());
        qputenv("XDG_DATA_HOME", test::tempPath(QStringLiteral("data")).toUtf8());
        m_path = test::tempPath(QStringLiteral("ipintel.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), m_path, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        const QString log = test::accessLogFrom(
                QStringLiteral("a.log"), {u"203.0.113.7"_s, u"198.51.100.20"_s, u"192.0.2.44"_s});
        auto r = test::netcase({QStringLiteral("import"), m_path, log});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        auto bundle
                = test::stixBundle({{u"[ipv4-addr:value = '203.0.113.7']"_s,
                                     u"2024-01-01T00:00:00Z"_s,
                                     u"2024-12-31T00:00:00Z"_s,
                                     90,
                                     {u"c2"_s}},
                                    {u"[ipv4-addr:value = '198.51.100.0/24']"_s,
                                     u"2023-01-01T00:00:00Z"_s, u"2024-02-01T00:00:00Z"_s, 40}});
        // A producer name with markup and a bidi override: shown inert.
        bundle["objects"][0]["name"] = "<b>Example</b> CERT\u202e";
        r = test::netcase({QStringLiteral("intel"), m_path,
                           test::writeJson(QStringLiteral("b.json"), bundle)});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void showsMatchesAsPlainText()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c);
        CaseSession session(std::move(*c), false);
        SelectionHub hub;
        IpDetailsView view(hub);
        view.setSession(&session);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        hub.selectIps({QStringLiteral("192.0.2.44"), QStringLiteral("203.0.113.7"),
                       QStringLiteral("198.51.100.20")});
        QTRY_VERIFY(!view.isLoading());
        auto *label = view.findChild<QLabel *>(QStringLiteral("ipIntel"));
        QVERIFY(label);
        QCOMPARE(label->textFormat(), Qt::PlainText);
        QVERIFY(!label->isVisible()); // nothing names 192.0.2.44
        QVERIFY(view.intelText().isEmpty());

        auto *choice = view.findChild<QComboBox *>(QStringLiteral("ipChoice"));
        QVERIFY(choice && choice->isVisible());
        choice->setFocus();
        QTest::keyClick(choice, Qt::Key_Down);
        QTRY_COMPARE(view.currentIp(), QStringLiteral("203.0.113.7"));
        QTRY_VERIFY(!view.isLoading());
        QTRY_VERIFY(label->isVisible());
        const QString text = view.intelText();
        QVERIFY2(text.contains(QStringLiteral("203.0.113.7 named by <b>Example</b> CERT")),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("b.json (STIX")));
        QVERIFY(text.contains(QStringLiteral("confidence 90")));
        QVERIFY(text.contains(QStringLiteral("labels malicious-activity, c2"))
                || text.contains(QStringLiteral("labels c2, malicious-activity")));
        QVERIFY(text.contains(QStringLiteral("valid throughout these events")));

        QTest::keyClick(choice, Qt::Key_Down);
        QTRY_COMPARE(view.currentIp(), QStringLiteral("198.51.100.20"));
        QTRY_VERIFY(!view.isLoading());
        QTRY_VERIFY(view.intelText().contains(QStringLiteral("198.51.100.0/24")));
        QVERIFY(view.intelText().contains(QStringLiteral("expired before these events")));
    }

private:
    QString m_path;
};

QTEST_MAIN(IpDetailsIntelTest)
#include "tst_ipdetails_intel.moc"
