// Enrichment of a real case: several databases combine, every value names its source, stale
// databases are flagged, re-enrichment keeps the old rows, runs are audited, per-IP presence
// comes from the events, and a case without databases still gets address classes.

#include "common/enrichfixtures.h"
#include "common/testutil.h"

#include "audit/auditlog.h"
#include "case/casefile.h"
#include "enrich/caveats.h"
#include "enrich/enricher.h"
#include "enrich/ipinfo.h"
#include "enrich/sourceset.h"
#include "ingest/importjob.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestEnrichCase : public QObject
{
    Q_OBJECT

private:
    int m_n = 0;

    CaseFile newCase()
    {
        const QString path = tempPath(QStringLiteral("case%1.netcase").arg(++m_n));
        CaseInfo info;
        info.title = QStringLiteral("enrich");
        auto c = CaseFile::create(path, info);
        if (!c)
            qFatal("cannot create case: %s", qPrintable(c.error().message));
        std::atomic<bool> cancel{false};
        auto rep = ImportJob({makeEnrichLog(QStringLiteral("e%1.log").arg(m_n))}, {})
                           .run(*c, {}, cancel);
        if (!rep || rep->events() != enrichLogIps().size() * 2)
            qFatal("import failed");
        return std::move(*c);
    }

    static SourceSpec mmdb(const char *name)
    {
        return {SourceSpec::Kind::Mmdb, enrichFixture(QLatin1String(name)), {}};
    }

    static QString sourceName(const IpInfo &info, const char *field)
    {
        const EnrichSource *s = info.sourceFor(QLatin1String(field));
        return s ? s->name : QString();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(!enrichFixtureDir().isEmpty()); }

    void combinesSourcesWithProvenance()
    {
        CaseFile c = newCase();
        const QString tor
                = writeTextFile(QStringLiteral("tor.txt"), "# name: tor_exits\n185.220.101.0/24\n");
        const SourceSet set
                = SourceSet::load({mmdb("city.mmdb"),
                                   mmdb("flat.mmdb"),
                                   mmdb("ipinfo.mmdb"),
                                   mmdb("asn.mmdb"),
                                   mmdb("anon.mmdb"),
                                   mmdb("conn.mmdb"),
                                   {SourceSpec::Kind::List, tor, QStringLiteral("tor_exit")}});
        QVERIFY(set.refused().isEmpty());
        auto sum = enrichCase(c.db(), set, {});
        QVERIFY2(sum.ok(), qPrintable(sum ? QString() : sum.error().message));
        QCOMPARE(sum->ips, qint64(enrichLogIps().size()));
        QVERIFY(sum->geolocation);

        // City from the GeoIP2 database, ASN from the ASN database, connection type from a third.
        auto london = loadIpInfo(c.db(), QStringLiteral("81.2.69.160"));
        QVERIFY(london && london->enriched);
        QCOMPARE(london->city, QStringLiteral("London"));
        QCOMPARE(london->countryIso, QStringLiteral("GB")); // the flat database's FR loses
        QCOMPARE(london->asn, qint64(20712));
        QCOMPARE(london->networkType, QStringLiteral("residential"));
        QVERIFY(london->networkTypeReason.contains(QLatin1String("Cable/DSL")));
        QCOMPARE(sourceName(*london, "geo.city_name"), QStringLiteral("city.mmdb"));
        QCOMPARE(sourceName(*london, "as.number"), QStringLiteral("asn.mmdb"));
        QCOMPARE(sourceName(*london, "network_type"), QStringLiteral("conn.mmdb"));
        const EnrichSource *citySrc = london->sourceFor(QStringLiteral("geo.location"));
        QVERIFY(citySrc);
        QCOMPARE(citySrc->type, QStringLiteral("GeoIP2-City"));
        QCOMPARE(citySrc->sha256, fileSha256(enrichFixture(QStringLiteral("city.mmdb"))));
        QVERIFY(citySrc->buildDate.isValid());
        QVERIFY(!citySrc->stale);
        QCOMPARE(locationText(*london),
                 QStringLiteral("London, England, United Kingdom (GB) ±10 km"));
        QCOMPARE(asText(*london), QStringLiteral("AS20712 Andrews & Arnold Ltd"));

        // Presence in the case: two events, two accounts, one failure (bob).
        QCOMPARE(london->events, qint64(2));
        QCOMPARE(london->accounts, qint64(2));
        QCOMPARE(london->failures, qint64(1));
        QVERIFY(london->firstSeenUs > 0 && london->lastSeenUs > london->firstSeenUs);

        // The flat layout supplies what the GeoIP2 database lacks.
        auto se = loadIpInfo(c.db(), QStringLiteral("89.160.20.112"));
        QVERIFY(se);
        QCOMPARE(se->city, QStringLiteral("Linköping"));
        QCOMPARE(sourceName(*se, "geo.city_name"), QStringLiteral("flat.mmdb"));
        QCOMPARE(se->asOrg, QStringLiteral("Bredband2 AB"));

        auto vpn = loadIpInfo(c.db(), QStringLiteral("89.160.20.200"));
        QVERIFY(vpn && vpn->vpn && vpn->hosting);
        QCOMPARE(vpn->networkType, QStringLiteral("hosting"));
        QCOMPARE(sourceName(*vpn, "flags.vpn"), QStringLiteral("anon.mmdb"));

        auto resi = loadIpInfo(c.db(), QStringLiteral("81.2.69.200"));
        QVERIFY(resi && resi->residentialProxy);
        QVERIFY(ipCaveats(*resi).join(QLatin1Char(' ')).contains(QLatin1String("Residential")));

        // Tor: from the Anonymous-IP database and from the list, both recorded.
        auto torIp = loadIpInfo(c.db(), QStringLiteral("185.220.101.7"));
        QVERIFY(torIp && torIp->tor);
        QCOMPARE(torIp->lists.size(), 1);
        QCOMPARE(torIp->lists.first().name, QStringLiteral("tor_exits"));
        QCOMPARE(torIp->lists.first().category, QStringLiteral("tor_exit"));
        QCOMPARE(sourceName(*torIp, "flags.tor"), QStringLiteral("anon.mmdb"));

        // IPinfo Lite's "AS13335" and the name heuristic, with its reason.
        auto cf = loadIpInfo(c.db(), QStringLiteral("1.1.1.1"));
        QVERIFY(cf);
        QCOMPARE(cf->asn, qint64(13335));
        QCOMPARE(cf->networkType, QStringLiteral("hosting"));
        QVERIFY(cf->networkTypeReason.contains(QLatin1String("Cloudflare")));
        QVERIFY(ipCaveats(*cf).join(QLatin1Char(' ')).contains(QLatin1String("guess")));

        // Address classes.
        QCOMPARE(loadIpInfo(c.db(), QStringLiteral("100.64.1.2"))->addressClass,
                 QStringLiteral("cgnat"));
        QCOMPARE(loadIpInfo(c.db(), QStringLiteral("10.0.0.5"))->addressClass,
                 QStringLiteral("private"));
        QCOMPARE(loadIpInfo(c.db(), QStringLiteral("::ffff:81.2.69.161"))->city,
                 QStringLiteral("London"));
        QVERIFY(ipCaveats(*loadIpInfo(c.db(), QStringLiteral("100.64.1.2")))
                        .join(QLatin1Char(' '))
                        .contains(QLatin1String("Carrier-grade NAT")));
        // An address no database knows: no location, said plainly.
        auto unknown = loadIpInfo(c.db(), QStringLiteral("8.8.4.4"));
        QVERIFY(unknown && unknown->enriched && !unknown->hasGeo());
        QVERIFY(ipCaveats(*unknown).join(QLatin1Char(' ')).contains(QLatin1String("No location")));

        QVERIFY(!loadIpInfo(c.db(), QStringLiteral("not an ip")));
        QVERIFY(AuditLog::verify(c.db()).intact);
        QCOMPARE(c.db().scalar("SELECT count(*) FROM audit_log WHERE action = 'enrich'"), 1);
    }

    void staleDatabaseIsFlagged()
    {
        CaseFile c = newCase();
        const SourceSet set = SourceSet::load({mmdb("city-2020.mmdb")});
        auto sum = enrichCase(c.db(), set, {});
        QVERIFY(sum.ok());
        QVERIFY(sum->warnings.join(QLatin1Char(' ')).contains(QLatin1String("days before")));
        const auto sources = enrichmentSources(c.db());
        QCOMPARE(sources.size(), 1);
        QVERIFY(sources.first().stale);
        QCOMPARE(sources.first().buildDate.date(), QDate(2020, 1, 1));
        auto info = loadIpInfo(c.db(), QStringLiteral("81.2.69.160"));
        QVERIFY(info);
        QVERIFY(ipCaveats(*info).join(QLatin1Char(' ')).contains(QLatin1String("days before")));
    }

    void reEnrichmentKeepsHistory()
    {
        CaseFile c = newCase();
        QVERIFY(enrichCase(c.db(), SourceSet::load({mmdb("city-2020.mmdb")}), {}).ok());
        auto second
                = enrichCase(c.db(), SourceSet::load({mmdb("flat.mmdb"), mmdb("city.mmdb")}), {});
        QVERIFY(second.ok());
        const qint64 n = enrichLogIps().size();
        QCOMPARE(c.db().scalar("SELECT count(*) FROM ip_info WHERE current = 1"), n);
        QCOMPARE(c.db().scalar("SELECT count(*) FROM ip_info WHERE current = 0"), n);
        QCOMPARE(c.db().scalar("SELECT count(*) FROM enrich_runs"), 2);
        QCOMPARE(c.db().scalar("SELECT count(*) FROM enrich_sources"), 3);
        // Now the flat database comes first: it says France for 81.2.69.0/24.
        auto now = loadIpInfo(c.db(), QStringLiteral("81.2.69.160"));
        QCOMPARE(now->countryIso, QStringLiteral("FR"));
        QCOMPARE(now->runId, second->runId);
        const auto history = loadIpInfoHistory(c.db(), QStringLiteral("81.2.69.160"));
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first().countryIso, QStringLiteral("GB"));
        QCOMPARE(history.first().sources.first().name, QStringLiteral("city-2020.mmdb"));
        QCOMPARE(c.db().scalar("SELECT count(*) FROM audit_log WHERE action = 'enrich'"), 2);
        QVERIFY(AuditLog::verify(c.db()).intact);

        // The same database again is recorded once (same path and SHA-256).
        QVERIFY(enrichCase(c.db(), SourceSet::load({mmdb("city.mmdb")}), {}).ok());
        QCOMPARE(c.db().scalar("SELECT count(*) FROM enrich_sources"), 3);
        // Only-missing runs add nothing when every address has a current row.
        EnrichOptions opts;
        opts.onlyMissing = true;
        auto none = enrichCase(c.db(), SourceSet::load({mmdb("city.mmdb")}), opts);
        QVERIFY(none.ok());
        QCOMPARE(none->ips, qint64(0));
    }

    void withoutDatabasesSaysSo()
    {
        CaseFile c = newCase();
        auto sum = enrichCase(c.db(), SourceSet::load({}), {});
        QVERIFY(sum.ok());
        QVERIFY(!sum->geolocation);
        QVERIFY(sum->text().contains(QLatin1String("no geolocation")));
        QVERIFY(!caseHasGeolocation(c.db()));
        auto info = loadIpInfo(c.db(), QStringLiteral("81.2.69.160"));
        QVERIFY(info && info->enriched && !info->hasGeo());
        QCOMPARE(info->addressClass, QStringLiteral("public"));
        QVERIFY(ipCaveats(*info).contains(caveat::noGeolocation()));
        QCOMPARE(loadIpInfo(c.db(), QStringLiteral("100.64.1.2"))->addressClass,
                 QStringLiteral("cgnat"));
    }

    void cancelLeavesCaseUnchanged()
    {
        CaseFile c = newCase();
        std::atomic<bool> cancel{true};
        auto sum = enrichCase(c.db(), SourceSet::load({mmdb("city.mmdb")}), {}, {}, &cancel);
        QVERIFY(!sum.ok());
        QCOMPARE(sum.error().code, ErrorCode::Cancelled);
        QCOMPARE(c.db().scalar("SELECT count(*) FROM ip_info"), 0);
        QCOMPARE(c.db().scalar("SELECT count(*) FROM enrich_sources"), 0);
    }
};

QTEST_GUILESS_MAIN(TestEnrichCase)
#include "tst_enrichcase.moc"
