#include "core/ipaddr.h"
#include "core/shownzone.h"
#include "core/timeutil.h"

#include <QTest>

using namespace netcase;

class TestTimeUtil : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void isoRoundTrip()
    {
        const std::int64_t t = toEpochUs(2024, 2, 29, 23, 59, 58, 123456);
        QCOMPARE(QString::fromStdString(formatIsoUs(t)),
                 QStringLiteral("2024-02-29T23:59:58.123456Z"));
        QCOMPARE(parseIso(formatIsoUs(t)).value_or(0), t);
        QCOMPARE(formatIsoUs(0), std::string("1970-01-01T00:00:00.000000Z"));
        QCOMPARE(formatIsoUs(-1), std::string("1969-12-31T23:59:59.999999Z"));
    }
    void shownForms()
    {
        // One instant in every form the views, reports and commands show.
        const std::int64_t t = toEpochUs(2024, 3, 1, 12, 34, 56, 789012);
        QCOMPARE(utcIso(t), QStringLiteral("2024-03-01T12:34:56.789012Z"));
        QCOMPARE(isoSeconds(t), std::string("2024-03-01T12:34:56Z"));
        QCOMPARE(utcDay(t), QStringLiteral("2024-03-01"));
        QCOMPARE(utcMinute(t), QStringLiteral("2024-03-01 12:34"));
        QCOMPARE(utcSecond(t), QStringLiteral("2024-03-01 12:34:56"));
        QCOMPARE(utcMillis(t), QStringLiteral("2024-03-01 12:34:56.789"));
        QCOMPARE(utcStamp(t), QStringLiteral("2024-03-01 12:34:56 UTC"));
        const std::int64_t hour = 3600LL * 1000000;
        QCOMPARE(utcAxisLabel(t, hour), QStringLiteral("03-01 12:34"));
        QCOMPARE(utcAxisLabel(t, 24 * hour), QStringLiteral("2024-03-01"));
        QCOMPARE(utcAxisLabel(t, 24 * hour - 1), QStringLiteral("03-01 12:34"));
    }
    void shownInTheCaseZone()
    {
        // Winter and summer in Berlin: the offset of each instant, not of today.
        const std::int64_t winter = *parseIso("2024-03-01T12:00:00.250Z");
        const std::int64_t summer = *parseIso("2024-07-01T23:30:00Z");
        QCOMPARE(shownSecond(winter), QStringLiteral("2024-03-01 12:00:00"));
        QCOMPARE(shownStamp(winter), QStringLiteral("2024-03-01 12:00:00 UTC"));
        ShownZone::set(QTimeZone("Europe/Berlin"));
        QCOMPARE(ShownZone::name(), QStringLiteral("Europe/Berlin"));
        QCOMPARE(shownMillis(winter), QStringLiteral("2024-03-01 13:00:00.250"));
        QCOMPARE(shownStamp(winter), QStringLiteral("2024-03-01 13:00:00 +01:00"));
        QCOMPARE(shownSecond(summer), QStringLiteral("2024-07-02 01:30:00"));
        QCOMPARE(shownDay(summer), QStringLiteral("2024-07-02"));
        QCOMPARE(shownStamp(summer), QStringLiteral("2024-07-02 01:30:00 +02:00"));
        ShownZone::set(QTimeZone("America/St_Johns")); // a half-hour zone, behind UTC
        QCOMPARE(shownStamp(winter), QStringLiteral("2024-03-01 08:30:00 -03:30"));
        // Data forms never move.
        QCOMPARE(utcIso(winter), QStringLiteral("2024-03-01T12:00:00.250000Z"));
        ShownZone::set(QTimeZone());
        QVERIFY(ShownZone::isUtc());
        QCOMPARE(shownStamp(summer), QStringLiteral("2024-07-01 23:30:00 UTC"));
    }

    void isoOffsets()
    {
        int off = 0;
        QCOMPARE(parseIso("2024-03-01T12:00:00+02:00", &off).value_or(0),
                 toEpochUs(2024, 3, 1, 10, 0, 0));
        QCOMPARE(off, 120);
        QCOMPARE(parseIso("2024-03-01 12:00:00.5Z").value_or(0),
                 toEpochUs(2024, 3, 1, 12, 0, 0, 500000));
        QCOMPARE(parseIso("2024-03-01").value_or(0), toEpochUs(2024, 3, 1, 0, 0, 0));
        QVERIFY(!parseIso("2024-13-01"));
        QVERIFY(!parseIso("yesterday"));
        QVERIFY(!parseIso("2024-03-01T25:00:00Z"));
    }
    void userTime()
    {
        QCOMPARE(parseUserTime(QStringLiteral("1700000000")).value_or(0),
                 std::int64_t(1700000000) * 1000000);
        QVERIFY(!parseUserTime(QStringLiteral("soon")));
    }
    void months()
    {
        QCOMPARE(monthFromAbbrev("Jan"), 1);
        QCOMPARE(monthFromAbbrev("dec"), 12);
        QCOMPARE(monthFromAbbrev("Foo"), 0);
    }
    void addresses()
    {
        std::string out;
        QVERIFY(normaliseIp("192.0.2.1", out));
        QCOMPARE(out, std::string("192.0.2.1"));
        QVERIFY(normaliseIp("2001:0DB8:0000:0000:0000:0000:0000:0001", out));
        QCOMPARE(out, std::string("2001:db8::1"));
        QVERIFY(normaliseIp("[2001:db8::2]", out));
        QCOMPARE(out, std::string("2001:db8::2"));
        QVERIFY(normaliseIp("fe80::1%eth0", out));
        QCOMPARE(out, std::string("fe80::1"));
        QVERIFY(normaliseIp("::ffff:192.0.2.1", out));
        QVERIFY(!normaliseIp("256.1.1.1", out));
        QVERIFY(!normaliseIp("01.2.3.4", out));
        QVERIFY(!normaliseIp("host.example", out));
        QVERIFY(!normaliseIp("", out));
    }
};

QTEST_GUILESS_MAIN(TestTimeUtil)
#include "tst_timeutil.moc"
