// greatCircleKm, the one distance the map's arcs and the impossible-travel rule both use.

#include "core/geo.h"

#include <QTest>

using namespace netcase;

class TestGeo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void knownDistances()
    {
        QCOMPARE(greatCircleKm(52.52, 13.405, 52.52, 13.405), 0.0);
        // Half the circumference of a 6371 km sphere; antipodes must not make asin() NaN.
        QVERIFY(qAbs(greatCircleKm(0, 0, 0, 180) - M_PI * 6371.0) < 1e-6);
        // Berlin - Paris, about 878 km.
        const double km = greatCircleKm(52.52, 13.405, 48.8566, 2.3522);
        QVERIFY2(km > 875 && km < 880, QByteArray::number(km).constData());
        QCOMPARE(greatCircleKm(48.8566, 2.3522, 52.52, 13.405), km);
    }
};

QTEST_GUILESS_MAIN(TestGeo)
#include "tst_geo.moc"
