// Selection texts: describe() names every value (it is the subject of a decision on the
// selection), summary() names a few of each kind for captions and counts the rest.

#include "items/selectionhub.h"

#include <QTest>

using namespace netcase;

class TestSelection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void smallSelectionReadsTheSame()
    {
        Selection s;
        s.ips = {QStringLiteral("203.0.113.7")};
        s.accounts = {QStringLiteral("alice")};
        s.findingId = 4;
        QCOMPARE(s.describe(), QStringLiteral("ip 203.0.113.7, account alice, finding #4"));
        QCOMPARE(s.summary(), s.describe());
        QCOMPARE(Selection{}.summary(), QStringLiteral("nothing selected"));
    }

    void largeSelectionIsSummarisedButDescribedInFull()
    {
        Selection s;
        for (int i = 0; i < 105; ++i)
            s.accounts << QStringLiteral("cust%1").arg(i, 4, 10, QLatin1Char('0'));
        s.ips = {QStringLiteral("45.155.205.34")};
        QCOMPARE(s.summary(), QStringLiteral("ip 45.155.205.34, account cust0000, account "
                                             "cust0001, account cust0002, 102 more accounts"));
        const QString full = s.describe();
        QVERIFY(full.contains(QLatin1String("account cust0104")));
        QCOMPARE(full.count(QLatin1String("account ")), 105);
        QVERIFY(!full.contains(QLatin1String("more")));
    }
};

QTEST_GUILESS_MAIN(TestSelection)
#include "tst_selection.moc"
