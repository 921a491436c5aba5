// IP details: enrichment with the provenance of each value and the caveats that apply, read
// from the case, its item model, and the dock following the hub.

#include "common/testutil.h"
#include "common/views1fixture.h"

#include "case/casesession.h"
#include "enrich/ipdetails.h"
#include "ipdetails/ipdetailsmodel.h"
#include "ipdetails/ipdetailsview.h"
#include "items/selectionhub.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QTest>

using namespace netcase;
namespace v = netcase::test::views;

namespace {

const IpField *field(const IpDetails &d, const QString &key)
{
    for (const IpField &f : d.fields)
        if (f.ecsKey == key)
            return &f;
    return nullptr;
}

} // namespace

class IpDetailsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_path = test::tempPath(QStringLiteral("ipdetails.netcase"));
        QVERIFY(v::makeViewsCase(m_path));
    }

    void valuesCarryTheirSource()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c);
        const IpDetails d = IpDetails::read(c->db(), QString::fromLatin1(v::kParis));
        QVERIFY(d.enriched);
        QCOMPARE(d.events, 100);
        QCOMPARE(d.accounts, 1);
        QCOMPARE(d.someAccounts, QStringList{QStringLiteral("alice")});
        const IpField *city = field(d, QStringLiteral("geo.city_name"));
        QVERIFY(city);
        QCOMPARE(city->value, QStringLiteral("Paris"));
        QCOMPARE(city->sourceId, 1);
        const IpSourceInfo *src = d.source(1);
        QVERIFY(src);
        QCOMPARE(src->name, QStringLiteral("GeoLite2-City.mmdb"));
        QCOMPARE(src->buildDate, QStringLiteral("2025-01-07"));
        // Built long before the case's events (measured against them, as the report does).
        QVERIFY(src->daysBeforeEvents && *src->daysBeforeEvents > 180);
        QVERIFY(src->stale);
        // Its licence asks for a credit wherever its data is shown.
        QCOMPARE(src->attribution, d.attributions.value(0));
        QVERIFY(src->attribution.contains(QLatin1String("GeoLite2 data created by MaxMind")));
        const IpField *asn = field(d, QStringLiteral("as.number"));
        QVERIFY(asn);
        QCOMPARE(asn->value, QStringLiteral("AS64500"));
        QCOMPARE(asn->sourceId, 2);
        // The city database is old: a caveat says so; Paris is not hosting.
        QVERIFY(d.caveats.join(QLatin1Char('\n')).contains(QStringLiteral("days before")));
        QVERIFY(!d.caveats.join(QLatin1Char('\n')).contains(QStringLiteral("Hosting")));
    }

    void caveatsApply()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c);
        const QString ny = IpDetails::read(c->db(), QString::fromLatin1(v::kNewYork))
                                   .caveats.join(QLatin1Char('\n'));
        QVERIFY(ny.contains(QStringLiteral("Hosting")));
        QVERIFY(ny.contains(QStringLiteral("Shared by 6 accounts")));
        const IpDetails priv = IpDetails::read(c->db(), QString::fromLatin1(v::kPrivate));
        QVERIFY(priv.caveats.join(QLatin1Char('\n')).contains(QStringLiteral("Private address")));
        QVERIFY(!field(priv, QStringLiteral("geo.location")));
        const IpDetails unknown = IpDetails::read(c->db(), QStringLiteral("192.0.2.200"));
        QVERIFY(!unknown.enriched);
        QCOMPARE(unknown.events, 0);
        QVERIFY(unknown.caveats.first().startsWith(QStringLiteral("Not enriched")));
    }

    void modelUnderTester()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c);
        IpDetailsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDetails(IpDetails::read(c->db(), QString::fromLatin1(v::kSydney)));
        QVERIFY(model.rowCount() >= 6);
        bool sawSource = false;
        for (int r = 0; r < model.rowCount(); ++r) {
            if (model.index(r, IpDetailsModel::Field).data().toString() == QStringLiteral("City")) {
                QCOMPARE(model.index(r, IpDetailsModel::Value).data().toString(),
                         QStringLiteral("Sydney"));
                QVERIFY(model.index(r, IpDetailsModel::Source)
                                .data()
                                .toString()
                                .contains(QStringLiteral("GeoLite2-City")));
                QVERIFY(model.index(r, IpDetailsModel::Built)
                                .data()
                                .toString()
                                .startsWith(QStringLiteral("2025-01-07")));
                sawSource = true;
            }
        }
        QVERIFY(sawSource);
        model.setDetails({});
        QCOMPARE(model.rowCount(), 0);
    }

    void viewFollowsTheHub()
    {
        auto c = CaseFile::open(m_path);
        QVERIFY(c);
        CaseSession session(std::move(*c), false);
        SelectionHub hub;
        IpDetailsView view(hub);
        view.setSession(&session);
        view.show();
        QVERIFY(view.currentIp().isEmpty());
        hub.selectIp(QString::fromLatin1(v::kNewYork));
        QCOMPARE(view.currentIp(), QString::fromLatin1(v::kNewYork));
        QVERIFY(view.isLoading()); // read on a worker thread
        QTRY_VERIFY(!view.isLoading());
        QVERIFY(view.headline().contains(QStringLiteral("20 events")));
        QVERIFY(view.caveatsText().contains(QStringLiteral("Hosting")));
        hub.selectIps({QString::fromLatin1(v::kParis), QString::fromLatin1(v::kSydney)});
        QCOMPARE(view.currentIp(), QString::fromLatin1(v::kParis));
        QTRY_VERIFY(!view.isLoading());
        QVERIFY(view.headline().contains(QStringLiteral("1 of 2 selected")));
        auto *credit = view.findChild<QLabel *>(QStringLiteral("ipAttribution"));
        QVERIFY(credit && credit->isVisible() && credit->textFormat() == Qt::PlainText);
        QVERIFY(credit->text().contains(QLatin1String("MaxMind")));
        auto *choice = view.findChild<QComboBox *>(QStringLiteral("ipChoice"));
        QVERIFY(choice && choice->isVisible());
        choice->setFocus();
        QTest::keyClick(choice, Qt::Key_Down); // keyboard choice of the second address
        QTRY_COMPARE(view.currentIp(), QString::fromLatin1(v::kSydney));
        hub.clear();
        QVERIFY(view.currentIp().isEmpty());
    }

private:
    QString m_path;
};

QTEST_MAIN(IpDetailsTest)
#include "tst_ipdetails.moc"
