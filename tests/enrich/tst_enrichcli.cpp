// The command line end to end: `netcase enrich` with explicit databases and lists (JSON
// summary, refusal of a corrupt database with exit 2), ECS enrichment in `netcase events`, and
// automatic enrichment on import from the user data directory's geoip folder.

#include "common/enrichfixtures.h"
#include "common/testutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace netcase::test;

class TestEnrichCli : public QObject
{
    Q_OBJECT

private:
    static QString newImportedCase(const QString &name, QByteArray *importOut = nullptr)
    {
        const QString path = tempPath(name);
        Run r = netcase::test::netcase({QStringLiteral("new"), path,
                                        QStringLiteral("--authorization"), QStringLiteral("TEST-1"),
                                        QStringLiteral("--title"), name});
        if (r.exitCode != 0)
            return {};
        r = netcase::test::netcase({QStringLiteral("import"), path,
                                    makeEnrichLog(name + QStringLiteral(".log")),
                                    QStringLiteral("--json")});
        if (importOut)
            *importOut = r.out;
        return r.exitCode == 0 ? path : QString();
    }

    static nlohmann::json eventFor(const QString &casePath, const char *ip)
    {
        Run r = netcase::test::netcase({QStringLiteral("events"), casePath, QStringLiteral("--ip"),
                                        QLatin1String(ip), QStringLiteral("--limit"),
                                        QStringLiteral("1")});
        if (r.exitCode != 0 || r.out.isEmpty())
            return {};
        return nlohmann::json::parse(r.out.split('\n').first().toStdString(), nullptr, false);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(QStringLiteral(NETCASE_BINARY_DIR "/bin/netcase")),
                 "build the netcase target first");
        QVERIFY(!enrichFixtureDir().isEmpty());
        // Settings and the user data directory live in the test's temporary directory.
        qputenv("XDG_DATA_HOME", tempPath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_CONFIG_HOME", tempPath(QStringLiteral("config")).toUtf8());
    }

    void enrichWithExplicitSources()
    {
        const QString c = newImportedCase(QStringLiteral("explicit.netcase"));
        QVERIFY(!c.isEmpty());
        const QString tor = writeTextFile(QStringLiteral("tor.netset"),
                                          "#\n# tor_exits\n#\n# Category : anonymizers\n"
                                          "185.220.101.0/24\n");
        Run r = netcase::test::netcase(
                {QStringLiteral("enrich"), c, QStringLiteral("--mmdb"),
                 enrichFixture(QStringLiteral("city.mmdb")), QStringLiteral("--mmdb"),
                 enrichFixture(QStringLiteral("asn.mmdb")), QStringLiteral("--mmdb"),
                 enrichFixture(QStringLiteral("corrupt.mmdb")), QStringLiteral("--list"), tor,
                 QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 2); // the corrupt database was refused, the rest was used
        QVERIFY2(r.err.contains("corrupt.mmdb is corrupt"), r.err.constData());
        const auto j = nlohmann::json::parse(r.out.toStdString(), nullptr, false);
        QVERIFY(j.is_object());
        QCOMPARE(j["ips"].get<int>(), enrichLogIps().size());
        QCOMPARE(j["sources"].size(), std::size_t(3));
        QCOMPARE(j["refused"].size(), std::size_t(1));
        QVERIFY2(j["sources"][0]["type"] == "GeoIP2-City", j["sources"][0]["type"].dump().c_str());
        QCOMPARE(j["sources"][0]["sha256"].get<std::string>().size(), std::size_t(64));
        QVERIFY2(j["sources"][2]["category"] == "tor_exit",
                 j["sources"][2]["category"].dump().c_str());
        QVERIFY(j["geolocation"].get<bool>());

        const auto ev = eventFor(c, "81.2.69.160");
        QVERIFY(ev.is_object());
        QVERIFY2(ev["source"]["geo"]["country_iso_code"] == "GB",
                 ev["source"]["geo"]["country_iso_code"].dump().c_str());
        QVERIFY2(ev["source"]["geo"]["city_name"] == "London",
                 ev["source"]["geo"]["city_name"].dump().c_str());
        QVERIFY2(ev["source"]["geo"]["region_name"] == "England",
                 ev["source"]["geo"]["region_name"].dump().c_str());
        QVERIFY2(ev["source"]["geo"]["timezone"] == "Europe/London",
                 ev["source"]["geo"]["timezone"].dump().c_str());
        QVERIFY(qAbs(ev["source"]["geo"]["location"]["lat"].get<double>() - 51.5142) < 1e-6);
        QVERIFY2(ev["source"]["as"]["number"] == 20712,
                 ev["source"]["as"]["number"].dump().c_str());
        QVERIFY2(ev["source"]["as"]["organization"]["name"] == "Andrews & Arnold Ltd",
                 ev["source"]["as"]["organization"]["name"].dump().c_str());
        QVERIFY2(ev["netcase"]["ip"]["address_class"] == "public",
                 ev["netcase"]["ip"]["address_class"].dump().c_str());
        QVERIFY2(ev["netcase"]["ip"]["sources"] == nlohmann::json({"city.mmdb", "asn.mmdb"}),
                 ev["netcase"]["ip"]["sources"].dump().c_str());

        const auto torEv = eventFor(c, "185.220.101.7");
        QVERIFY(torEv["netcase"]["ip"]["tor"].get<bool>());
        QVERIFY2(torEv["netcase"]["ip"]["lists"] == nlohmann::json({"tor_exits"}),
                 torEv["netcase"]["ip"]["lists"].dump().c_str());
        QVERIFY(!torEv["source"].contains("geo"));

        const auto cgnat = eventFor(c, "100.64.1.2");
        QVERIFY2(cgnat["netcase"]["ip"]["address_class"] == "cgnat",
                 cgnat["netcase"]["ip"]["address_class"].dump().c_str());
        QVERIFY2(cgnat["netcase"]["ip"]["network_type"] == "unknown",
                 cgnat["netcase"]["ip"]["network_type"].dump().c_str());

        QCOMPARE(netcase::test::netcase({QStringLiteral("verify"), c}).exitCode, 0);
    }

    void onlyBrokenSourcesLeaveTheCaseAlone()
    {
        const QString c = newImportedCase(QStringLiteral("broken.netcase"));
        Run r = netcase::test::netcase({QStringLiteral("enrich"), c, QStringLiteral("--mmdb"),
                                        enrichFixture(QStringLiteral("truncated.mmdb"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("truncated.mmdb"));
        QVERIFY(r.err.contains("not changed"));
        Run bad = netcase::test::netcase({QStringLiteral("enrich"), c, QStringLiteral("--list"),
                                          writeTextFile(QStringLiteral("nocat.txt"), "1.2.3.4\n")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains("CATEGORY=PATH"));
    }

    void importEnrichesFromTheUserDataDir()
    {
        // No database anywhere yet: the import still works and says there is no geolocation.
        QByteArray out;
        const QString bare = newImportedCase(QStringLiteral("bare.netcase"), &out);
        QVERIFY(!bare.isEmpty());
        QVERIFY2(out.contains("no geolocation"), out.constData());
        QVERIFY2(eventFor(bare, "100.64.1.2")["netcase"]["ip"]["address_class"] == "cgnat",
                 eventFor(bare, "100.64.1.2")["netcase"]["ip"]["address_class"].dump().c_str());

        const QString geo
                = tempPath(QStringLiteral("data")) + QStringLiteral("/Netcase/netcase/geoip");
        QVERIFY(QDir().mkpath(geo));
        QVERIFY(QFile::copy(enrichFixture(QStringLiteral("city.mmdb")),
                            geo + QStringLiteral("/a.mmdb")));
        QVERIFY(QFile::copy(enrichFixture(QStringLiteral("corrupt.mmdb")),
                            geo + QStringLiteral("/b.mmdb")));
        QVERIFY(!writeTextFile(QStringLiteral("data/Netcase/netcase/geoip/asn-ipv4.csv"),
                               "81.2.69.0,81.2.69.255,20712,Andrews & Arnold Ltd\n")
                         .isEmpty());
        const QString c = newImportedCase(QStringLiteral("auto.netcase"), &out);
        QVERIFY2(!c.isEmpty(), out.constData()); // the corrupt file does not fail the import
        QVERIFY2(out.contains("b.mmdb is corrupt"), out.constData());
        const auto ev = eventFor(c, "81.2.69.160");
        QVERIFY2(ev["source"]["geo"]["city_name"] == "London",
                 ev["source"]["geo"]["city_name"].dump().c_str());
        QVERIFY2(ev["source"]["as"]["number"] == 20712,
                 ev["source"]["as"]["number"].dump().c_str());
    }
};

QTEST_GUILESS_MAIN(TestEnrichCli)
#include "tst_enrichcli.moc"
