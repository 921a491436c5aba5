// Each enrichment source on its own: context lists in their three formats, ASN range CSV, and
// MaxMind DB files of every layout, including the refusal of corrupt, truncated and unrelated
// databases (generated fixtures, plus MaxMind's own test databases when ../shared is present).

#include "common/enrichfixtures.h"
#include "common/testutil.h"

#include "enrich/asnranges.h"
#include "enrich/contextlist.h"
#include "enrich/ipkey.h"
#include "enrich/mmdbreader.h"
#include "enrich/sourceset.h"

#include <QFile>
#include <QTest>

using namespace netcase;
using namespace netcase::test;

namespace {

IpKey key(const char *ip)
{
    IpKey k;
    if (!parseIpKey(ip, k))
        qFatal("bad test address %s", ip);
    return k;
}

} // namespace

class TestSources : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainListWithComments()
    {
        const QString path = writeTextFile(
                QStringLiteral("scanners.txt"),
                "# name: known_scanners\n# category: scanner\n# date: 2026-10-01\n"
                "; another comment style\n\n192.0.2.0/28  # a subnet\n198.51.100.7\n"
                "2001:db8:1::/48\nnot-an-address\n");
        auto list = ContextList::load(path);
        QVERIFY2(list.ok(), qPrintable(list ? QString() : list.error().message));
        QCOMPARE(list->name(), QStringLiteral("known_scanners"));
        QCOMPARE(list->category(), QStringLiteral("scanner"));
        QCOMPARE(list->format(), QStringLiteral("plain"));
        QCOMPARE(list->date().date(), QDate(2026, 10, 1));
        QVERIFY(!list->dateFromFile());
        QCOMPARE(list->entries(), std::size_t(3));
        QCOMPARE(list->skippedLines(), 1);
        QVERIFY(list->find(key("192.0.2.15")));
        QVERIFY(!list->find(key("192.0.2.16")));
        QVERIFY(list->find(key("198.51.100.7")));
        QVERIFY(!list->find(key("198.51.100.8")));
        QVERIFY(list->find(key("2001:db8:1:ffff::1")));
        QVERIFY(!list->find(key("2001:db8:2::1")));
    }

    void csvListWithLabels()
    {
        const QString path = writeTextFile(QStringLiteral("vpn.csv"),
                                           "ip,label\n203.0.113.0/24,\"Example VPN, Inc.\"\n"
                                           "198.51.100.9,OtherVPN\n");
        auto list = ContextList::load(path, QStringLiteral("vpn"));
        QVERIFY(list.ok());
        QCOMPARE(list->format(), QStringLiteral("csv"));
        QCOMPARE(list->category(), QStringLiteral("vpn"));
        QCOMPARE(list->skippedLines(), 0); // the header is not an error
        const auto *r = list->find(key("203.0.113.200"));
        QVERIFY(r);
        QCOMPARE(list->label(*r), std::string("Example VPN, Inc."));
        r = list->find(key("198.51.100.9"));
        QVERIFY(r);
        QCOMPARE(list->label(*r), std::string("OtherVPN"));
        QVERIFY(list->dateFromFile()); // no header date: the file's time is used and said
    }

    void fireholNetset()
    {
        const QString path = writeTextFile(
                QStringLiteral("tor.netset"),
                "#\n# tor_exits\n#\n# ipv4 hash:ip ipset\n#\n# [tor] list of all current TOR "
                "exit points\n#\n# Maintainer      : TorProject.org\n"
                "# Source File Date: Sat Nov 21 10:24:17 UTC 2026\n#\n"
                "# Category        : anonymizers\n# Version         : 1234\n#\n"
                "185.220.101.1\n185.220.101.0/24\n171.25.193.77\n");
        auto list = ContextList::load(path);
        QVERIFY2(list.ok(), qPrintable(list ? QString() : list.error().message));
        QCOMPARE(list->format(), QStringLiteral("netset"));
        QCOMPARE(list->name(), QStringLiteral("tor_exits"));
        QCOMPARE(list->category(), QStringLiteral("tor_exit"));
        QCOMPARE(list->date().date(), QDate(2026, 11, 21));
        QVERIFY(list->find(key("185.220.101.250")));
        QVERIFY(list->find(key("171.25.193.77")));
        QVERIFY(!list->find(key("171.25.193.78")));
    }

    void listWithoutCategoryIsRefused()
    {
        const QString path = writeTextFile(QStringLiteral("mystery.txt"), "1.2.3.4\n");
        auto list = ContextList::load(path);
        QVERIFY(!list.ok());
        QVERIFY(list.error().message.contains(QLatin1String("CATEGORY=PATH")));
        QString cat, p;
        ContextList::splitSpec(QStringLiteral("allow=") + path, cat, p);
        QCOMPARE(cat, QStringLiteral("allow"));
        QCOMPARE(p, path);
        auto allowed = ContextList::load(p, cat);
        QVERIFY(allowed.ok());
        QCOMPARE(allowed->category(), QStringLiteral("allow"));
        // An unknown prefix is part of the path, not a category.
        ContextList::splitSpec(QStringLiteral("C:=x"), cat, p);
        QVERIFY(cat.isEmpty());
    }

    void emptyListIsRefused()
    {
        const QString path = writeTextFile(QStringLiteral("empty.txt"), "# category: abuse\n");
        QVERIFY(!ContextList::load(path).ok());
    }

    void asnCsv()
    {
        const QString v4 = writeTextFile(QStringLiteral("asn-ipv4.csv"),
                                         "1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"\n"
                                         "1.0.4.0,1.0.7.255,38803,Gtelecom Pty Ltd\n"
                                         "1.0.8.0,1.0.8.255,64500,Net \"Big\" Ltd\n"
                                         "garbage line\n");
        const QString v6 = writeTextFile(
                QStringLiteral("asn-ipv6.csv"),
                "2001::,2001::ffff:ffff:ffff:ffff:ffff:ffff,6939,Hurricane Electric LLC\n");
        const QString num = writeTextFile(QStringLiteral("asn-ipv4-num.csv"),
                                          "16778240,16779263,38803,Gtelecom Pty Ltd\n"
                                          "134744064,134744319,15169,Google LLC\n");
        AsnRanges t;
        QVERIFY(t.load(v4).ok());
        QVERIFY(t.load(v6).ok());
        QVERIFY(t.load(num).ok());
        t.finish();
        QCOMPARE(t.skippedLines(), 1);
        const auto *r = t.find(key("1.0.0.77"));
        QVERIFY(r);
        QCOMPARE(r->asn, std::int64_t(13335));
        QCOMPARE(t.organisation(*r), std::string("Cloudflare, Inc."));
        QVERIFY(!t.find(key("1.0.1.0")));
        r = t.find(key("1.0.5.5"));
        QVERIFY(r);
        QCOMPARE(r->asn, std::int64_t(38803));
        // A quote inside an unquoted field is text (RFC 4180 readers keep it; core/csv.h).
        r = t.find(key("1.0.8.1"));
        QVERIFY(r);
        QCOMPARE(t.organisation(*r), std::string("Net \"Big\" Ltd"));
        r = t.find(key("8.8.8.8")); // 134744064 = 8.8.8.0 in the numeric file
        QVERIFY(r);
        QCOMPARE(r->asn, std::int64_t(15169));
        r = t.find(key("2001::1234"));
        QVERIFY(r);
        QCOMPARE(t.organisation(*r), std::string("Hurricane Electric LLC"));
        QVERIFY(!t.find(key("2002::1")));

        AsnRanges bad;
        QVERIFY(!bad.load(writeTextFile(QStringLiteral("notasn.csv"), "a,b\nc,d\n")).ok());
    }

    void layoutsAreRecognisedFromContent()
    {
        QVERIFY(!enrichFixtureDir().isEmpty());
        struct Row
        {
            const char *file;
            const char *layout;
            unsigned caps;
        };
        // The file names carry no meaning: copy each under a neutral name first.
        const Row rows[] = {
                {"city.mmdb", "geoip2", MmdbReader::Geo},
                {"flat.mmdb", "flat", MmdbReader::Geo},
                {"ipinfo.mmdb", "ipinfo", MmdbReader::Geo | MmdbReader::Asn},
                {"asn.mmdb", "geoip2", MmdbReader::Asn},
                {"anon.mmdb", "geoip2", MmdbReader::Anonymous},
                {"conn.mmdb", "geoip2", MmdbReader::ConnectionType},
        };
        int n = 0;
        for (const Row &row : rows) {
            const QString copy = tempPath(QStringLiteral("db%1.bin").arg(n++));
            QFile::remove(copy);
            QVERIFY(QFile::copy(enrichFixture(QLatin1String(row.file)), copy));
            auto r = MmdbReader::open(copy);
            QVERIFY2(r.ok(), qPrintable(r ? QString() : r.error().message));
            QCOMPARE((*r)->layout(), QLatin1String(row.layout));
            QCOMPARE((*r)->capabilities(), row.caps);
        }
    }

    void recordsDecode()
    {
        auto city = MmdbReader::open(enrichFixture(QStringLiteral("city.mmdb")));
        QVERIFY(city.ok());
        const IpRecord *rec = (*city)->find(key("81.2.69.160"));
        QVERIFY(rec);
        QCOMPARE(rec->city, std::string("London"));
        QCOMPARE(rec->region, std::string("England"));
        QCOMPARE(rec->countryIso, std::string("GB"));
        QCOMPARE(rec->timeZone, std::string("Europe/London"));
        QCOMPARE(rec->accuracyKm, 10);
        QVERIFY(rec->latitude && qAbs(*rec->latitude - 51.5142) < 1e-6);
        QVERIFY((*city)->find(key("2a02:c7f::99")));
        QVERIFY(!(*city)->find(key("8.8.8.8")));

        auto flat = MmdbReader::open(enrichFixture(QStringLiteral("flat.mmdb")));
        QVERIFY(flat.ok());
        rec = (*flat)->find(key("89.160.20.1"));
        QVERIFY(rec);
        QCOMPARE(QString::fromStdString(rec->city), QStringLiteral("Linköping"));
        QCOMPARE(rec->countryIso, std::string("SE"));
        QVERIFY(rec->longitude && qAbs(*rec->longitude - 15.6167) < 1e-4);

        auto ipinfo = MmdbReader::open(enrichFixture(QStringLiteral("ipinfo.mmdb")));
        QVERIFY(ipinfo.ok());
        rec = (*ipinfo)->find(key("1.1.1.1"));
        QVERIFY(rec);
        QCOMPARE(rec->asn, std::int64_t(13335)); // "AS13335"
        QCOMPARE(rec->asOrg, std::string("Cloudflare, Inc."));

        auto anon = MmdbReader::open(enrichFixture(QStringLiteral("anon.mmdb")));
        QVERIFY(anon.ok());
        rec = (*anon)->find(key("185.220.101.4"));
        QVERIFY(rec && rec->tor && rec->anonymous && !rec->vpn);
        rec = (*anon)->find(key("81.2.69.200"));
        QVERIFY(rec && rec->residentialProxy);
    }

    void aDatabaseTruncatedWhileOpenIsNotRead()
    {
        // libmaxminddb maps the file; reading a page past the end of a file truncated under
        // the mapping is SIGBUS. The reader maps a private copy, so lookups go on.
        const QString copy = writeTextFile(QStringLiteral("live-city.mmdb"), [] {
            QFile f(enrichFixture(QStringLiteral("city.mmdb")));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }());
        auto city = MmdbReader::open(copy);
        QVERIFY2(city.ok(), qPrintable(city ? QString() : city.error().message));
        QFile live(copy);
        QVERIFY(live.resize(0));
        QVERIFY(live.open(QIODevice::WriteOnly | QIODevice::Truncate));
        live.write(QByteArray(100, 'x'));
        live.close();
        const IpRecord *rec = (*city)->find(key("81.2.69.160"));
        QVERIFY(rec);
        QCOMPARE(rec->city, std::string("London"));
        QVERIFY((*city)->find(key("2a02:c7f::99")));
    }

    void brokenDatabasesAreRefused_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("says");
        QTest::newRow("corrupt") << QStringLiteral("corrupt.mmdb") << QStringLiteral("corrupt");
        QTest::newRow("truncated")
                << QStringLiteral("truncated.mmdb") << QStringLiteral("not a usable MaxMind DB");
        QTest::newRow("wrong type")
                << QStringLiteral("other.mmdb") << QStringLiteral("none of the fields");
        QTest::newRow("missing") << QStringLiteral("absent.mmdb")
                                 << QStringLiteral("no such database");
    }

    void brokenDatabasesAreRefused()
    {
        QFETCH(QString, file);
        QFETCH(QString, says);
        auto r = MmdbReader::open(enrichFixture(file));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(says), qPrintable(r.error().message));
    }

    void sourceSetKeepsTheUsableOnes()
    {
        const SourceSet set = SourceSet::load(
                {{SourceSpec::Kind::Mmdb, enrichFixture(QStringLiteral("corrupt.mmdb")), {}},
                 {SourceSpec::Kind::Mmdb, enrichFixture(QStringLiteral("asn.mmdb")), {}},
                 {SourceSpec::Kind::Mmdb, enrichFixture(QStringLiteral("other.mmdb")), {}}});
        QCOMPARE(set.sources().size(), 1);
        QCOMPARE(set.refused().size(), 2);
        QVERIFY(!set.hasGeolocation());
        QCOMPARE(set.sources().first().sha256.size(), 64);
        QCOMPARE(set.sources().first().type, QStringLiteral("GeoLite2-ASN"));
        QVERIFY(set.sources().first().buildDate.isValid());
        const IpRecord rec = set.lookup(key("35.190.1.1"));
        QCOMPARE(rec.asn, std::int64_t(15169));
        QCOMPARE(rec.provenance.at("as.number"), 0);
    }

    void maxmindTestDatabases()
    {
        const QString dir = sharedSample(QStringLiteral("mmdb/maxmind_test-data"));
        if (dir.isEmpty())
            QSKIP("../shared/samples/mmdb is not present");
        auto city = MmdbReader::open(dir + QStringLiteral("/GeoIP2-City-Test.mmdb"));
        QVERIFY(city.ok());
        QCOMPARE((*city)->databaseType(), QStringLiteral("GeoIP2-City"));
        const IpRecord *rec = (*city)->find(key("81.2.69.160"));
        QVERIFY(rec);
        QCOMPARE(rec->city, std::string("London"));
        auto anon = MmdbReader::open(dir + QStringLiteral("/GeoIP2-Anonymous-IP-Test.mmdb"));
        QVERIFY(anon.ok());
        QVERIFY((*anon)->capabilities() & MmdbReader::Anonymous);
        auto resi = MmdbReader::open(dir + QStringLiteral("/GeoIP-Residential-Proxy-Test.mmdb"));
        QVERIFY(resi.ok());
        rec = (*resi)->find(key("6.0.42.17"));
        QVERIFY(rec && rec->residentialProxy);
        auto asn = MmdbReader::open(dir + QStringLiteral("/GeoLite2-ASN-Test.mmdb"));
        QVERIFY(asn.ok());
        QCOMPARE((*asn)->capabilities(), unsigned(MmdbReader::Asn));
        for (const char *broken : {"MaxMind-DB-test-broken-search-tree-24.mmdb",
                                   "MaxMind-DB-test-broken-pointers-24.mmdb",
                                   "GeoIP2-City-Test-Invalid-Node-Count.mmdb"}) {
            auto r = MmdbReader::open(dir + QLatin1Char('/') + QLatin1String(broken));
            QVERIFY2(!r.ok(), broken);
        }
        // The decoder test database holds none of the fields Netcase reads.
        QVERIFY(!MmdbReader::open(dir + QStringLiteral("/MaxMind-DB-test-decoder.mmdb")).ok());
    }
};

QTEST_GUILESS_MAIN(TestSources)
#include "tst_sources.moc"
