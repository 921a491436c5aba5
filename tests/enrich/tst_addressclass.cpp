// Address classes (no database needed) and the 128-bit keys and CIDR ranges every source uses.

#include "enrich/addressclass.h"
#include "enrich/caveats.h"
#include "enrich/ipkey.h"

#include <QTest>

using namespace netcase;

class TestAddressClass : public QObject
{
    Q_OBJECT

private:
    static QString cls(const char *ip)
    {
        IpKey k;
        if (!parseIpKey(ip, k))
            return QStringLiteral("<not an address>");
        return addressClass(k, QByteArray(ip).contains(':'));
    }

private Q_SLOTS:
    void classes_data()
    {
        QTest::addColumn<QString>("ip");
        QTest::addColumn<QString>("expected");
        const char *rows[][2] = {
                {"8.8.8.8", "public"},
                {"10.1.2.3", "private"},
                {"172.16.0.1", "private"},
                {"172.32.0.1", "public"},
                {"192.168.10.1", "private"},
                {"127.0.0.1", "loopback"},
                {"169.254.3.4", "link_local"},
                {"100.64.0.1", "cgnat"},
                {"100.127.255.254", "cgnat"},
                {"100.128.0.1", "public"},
                {"100.63.255.255", "public"},
                {"192.0.2.9", "documentation"},
                {"198.51.100.1", "documentation"},
                {"203.0.113.77", "documentation"},
                {"224.0.0.251", "multicast"},
                {"240.0.0.1", "reserved"},
                {"0.0.0.0", "unspecified"},
                {"::1", "loopback"},
                {"::", "unspecified"},
                {"fe80::1", "link_local"},
                {"fd12:3456::1", "private"},
                {"ff02::1", "multicast"},
                {"2001:db8::1", "documentation"},
                {"2a00:1450::1", "public"},
                {"::ffff:8.8.8.8", "ipv4_mapped"},
                {"::ffff:100.64.1.1", "cgnat"},
                {"::ffff:10.0.0.1", "private"},
        };
        for (const auto &r : rows)
            QTest::newRow(r[0]) << QString::fromLatin1(r[0]) << QString::fromLatin1(r[1]);
    }

    void classes()
    {
        QFETCH(QString, ip);
        QFETCH(QString, expected);
        QCOMPARE(cls(ip.toLatin1().constData()), expected);
    }

    void caveatsNameSharedAddresses()
    {
        QVERIFY(caveat::addressClass(QStringLiteral("cgnat")).contains(QLatin1String("shared")));
        QVERIFY(caveat::addressClass(QStringLiteral("public")).isEmpty());
    }

    void cidrRanges()
    {
        IpKey a, b, k;
        QVERIFY(parseCidr("10.0.0.0/8", a, b));
        QVERIFY(parseIpKey("10.255.255.255", k));
        QCOMPARE(b, k);
        QVERIFY(parseIpKey("10.0.0.0", k));
        QCOMPARE(a, k);
        QVERIFY(parseCidr("10.1.2.3/8", a, b)); // host bits are masked off
        QCOMPARE(a, k);
        QVERIFY(parseCidr("2001:db8::/32", a, b));
        QVERIFY(parseIpKey("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", k));
        QCOMPARE(b, k);
        QVERIFY(parseCidr("1.2.3.4", a, b));
        QCOMPARE(a, b);
        QVERIFY(parseCidr("0.0.0.0/0", a, b));
        QVERIFY(a.isV4() && b.isV4());
        QVERIFY(!parseCidr("1.2.3.4/33", a, b));
        QVERIFY(!parseCidr("1.2.3.4/x", a, b));
        QVERIFY(!parseCidr("hello", a, b));
        QVERIFY(!parseCidr("", a, b));
    }
};

QTEST_GUILESS_MAIN(TestAddressClass)
#include "tst_addressclass.moc"
