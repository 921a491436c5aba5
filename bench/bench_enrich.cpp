// Enrichment benchmark: N distinct addresses (default 100,000; 90% IPv4, 10% IPv6) enriched
// from City + ASN + Anonymous-IP databases, each looked up once. Reports the lookup phase alone
// (SourceSet::lookup + address class + network type) and the whole run into a case (SQL
// writes, provenance JSON, audit record).
//   bench_enrich DBDIR [N]      (bench/enrich.sh makes DBDIR)

#include "case/casefile.h"
#include "enrich/addressclass.h"
#include "enrich/enricher.h"
#include "enrich/ipkey.h"
#include "enrich/networktype.h"
#include "enrich/sourceset.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>
#include <ctime>
#include <string>
#include <unordered_set>
#include <vector>

using namespace netcase;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_enrich DBDIR [N]\n");
        return 1;
    }
    const QString dir = QString::fromLocal8Bit(argv[1]);
    const int n = argc > 2 ? std::atoi(argv[2]) : 100000;

    std::vector<std::string> ips;
    std::unordered_set<std::string> seen;
    std::uint64_t s = 42;
    auto next = [&s] {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return s;
    };
    while (int(ips.size()) < n) {
        const std::uint64_t r = next();
        char buf[64];
        if (r % 10 == 0)
            std::snprintf(buf, sizeof buf, "2a00:%x:%x::%x", unsigned(r >> 8) % 4096,
                          unsigned(r >> 24) & 0xffff, unsigned(r >> 40) & 0xffff);
        else
            std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", 1 + unsigned(r >> 8) % 223,
                          unsigned(r >> 16) & 255, unsigned(r >> 24) & 255,
                          unsigned(r >> 32) & 255);
        if (seen.insert(buf).second)
            ips.emplace_back(buf);
    }

    QElapsedTimer t;
    t.start();
    const QList<SourceSpec> specs
            = {{SourceSpec::Kind::Mmdb, dir + QStringLiteral("/city.mmdb"), {}},
               {SourceSpec::Kind::Mmdb, dir + QStringLiteral("/asn.mmdb"), {}},
               {SourceSpec::Kind::Mmdb, dir + QStringLiteral("/anon.mmdb"), {}}};
    {
        const SourceSet sources = SourceSet::load(specs);
        if (sources.sources().size() != 3) {
            std::fprintf(stderr, "databases refused: %s\n",
                         qPrintable(sources.refused().join(QLatin1String("; "))));
            return 2;
        }
        const double loadMs = t.nsecsElapsed() / 1e6;

        t.restart();
        const std::clock_t cpu0 = std::clock();
        int located = 0, withAsn = 0, flagged = 0;
        for (const std::string &ip : ips) {
            IpKey key;
            if (!parseIpKey(ip, key))
                continue;
            const QString cls = addressClass(key, ip.find(':') != std::string::npos);
            const IpRecord rec = sources.lookup(key);
            const NetworkType nt = classifyNetwork(rec, cls);
            located += rec.hasGeo();
            withAsn += rec.asn >= 0;
            flagged += rec.anonymous;
            Q_UNUSED(nt);
        }
        const double lookupS = t.nsecsElapsed() / 1e9;
        const double lookupCpu = double(std::clock() - cpu0) / CLOCKS_PER_SEC;
        std::printf("addresses            %d (each looked up once in 3 databases)\n", n);
        std::printf("open + hash 3 DBs    %.1f ms\n", loadMs);
        std::printf("lookup phase         %.3f s wall, %.3f s CPU  (%.0f addresses/s wall; %d "
                    "located, %d with ASN, %d flagged)\n",
                    lookupS, lookupCpu, n / lookupS, located, withAsn, flagged);
    }

    // The whole run into a case: the addresses as an import would have interned them.
    QTemporaryDir tmp;
    CaseInfo info;
    info.title = QStringLiteral("bench");
    auto c = CaseFile::create(tmp.filePath(QStringLiteral("bench.netcase")), info);
    if (!c) {
        std::fprintf(stderr, "%s\n", qPrintable(c.error().message));
        return 2;
    }
    {
        Transaction tx(c->db());
        Statement ins = c->db().prepare("INSERT INTO ips(ip, family) VALUES (?, ?)");
        for (const std::string &ip : ips) {
            ins.reset();
            ins.bind(1, std::string_view(ip)).bind(2, ip.find(':') != std::string::npos ? 6 : 4);
            if (!ins.exec())
                return 2;
        }
        if (!tx.commit())
            return 2;
    }
    t.restart();
    const std::clock_t cpu1 = std::clock();
    const SourceSet sources = SourceSet::load(specs);
    auto sum = enrichCase(c->db(), sources, EnrichOptions{});
    const double fullS = t.nsecsElapsed() / 1e9;
    const double fullCpu = double(std::clock() - cpu1) / CLOCKS_PER_SEC;
    if (!sum) {
        std::fprintf(stderr, "%s\n", qPrintable(sum.error().message));
        return 2;
    }
    std::printf("whole run into case  %.3f s wall, %.3f s CPU  (load, lookups, %lld ip_info "
                "rows, audit, commit)\n",
                fullS, fullCpu, static_cast<long long>(sum->ips));
    return 0;
}
