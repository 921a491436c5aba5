// Analysis benchmark: builds a case with N authentication events (default 1,000,000: 5,000
// accounts signing in from 20,000 addresses over 30 days, with failures and a few attacks
// mixed in), enriches every address, then times a full `Analyzer::run` (read, detect, store,
// audit) and the detections alone.
//
//   bench_analysis [--events N] [--case PATH] [--reuse] [--stages] [--dump FILE]
//
// --reuse analyses the case at PATH as it is when it exists (no rebuild); --stages prints the
// time between the detections' progress calls; --dump writes every finding of the detections
// (kind, rule, key, severity, signals, caveats, entities, window, evidence ids) as one JSON line
// each, in order, so two builds can be compared for identical results.

#include "analysis/analyzer.h"
#include "analysis/rules.h"
#include "case/casefile.h"
#include "case/sqlite.h"
#include "core/timeutil.h"
#include "store/eventwriter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <optional>
#include <random>

using namespace netcase;

namespace {

Status fill(CaseFile &c, std::int64_t n)
{
    Database &db = c.db();
    Transaction txn(db);
    Statement src = db.prepare("INSERT INTO sources(name, path, sha256, size, format, imported_at) "
                               "VALUES('bench', 'bench', 'bench', 0, 'bench', ?)");
    if (auto s = src.bind(1, nowIso()).exec(); !s)
        return s;
    EventWriter w(db, db.lastInsertId());
    std::mt19937_64 rng(42);
    const std::int64_t start = toEpochUs(2026, 10, 1, 0, 0, 0);
    const std::int64_t span = 30LL * 86400 * 1000000;
    const char *agents[]
            = {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/130.0.0.0 Safari/537.36",
               "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like "
               "Gecko) Version/18.0 Safari/605.1.15",
               "python-requests/2.31.0", "curl/8.5.0"};
    for (std::int64_t i = 0; i < n; ++i) {
        Event e;
        const std::uint64_t r = rng();
        const int user = int(r % 5000);
        // Each account mostly uses its own few addresses.
        const int ip = (user * 4 + int((r >> 20) % 4)) % 20000;
        e.timestampUs = start + std::int64_t((r >> 8) % std::uint64_t(span));
        e.line = i + 1;
        e.category = "authentication";
        e.action = "user.session.start";
        e.userName = "user" + std::to_string(user);
        e.sourceIp = std::to_string(20 + ip / 65536) + "." + std::to_string((ip / 256) % 256) + "."
                     + std::to_string(ip % 256) + ".1";
        // One account in a hundred is an integration that signs in with a script.
        e.userAgent = agents[user % 100 == 0 ? 2 + (r >> 50) % 2 : (r >> 50) % 2];
        e.outcome = (r >> 33) % 100 < 8 ? Outcome::Failure : Outcome::Success;
        if (auto s = w.add(e, {}); !s)
            return s;
    }
    if (auto s = w.finish(); !s)
        return s;
    // Enrichment for every address: an account's addresses share its country and network, so
    // the data looks like people at home (the attacks are what the scenarios test).
    if (auto s
        = db.exec("INSERT INTO enrich_runs(id, started_at, sources) VALUES(1, 'bench', '[]')");
        !s)
        return s;
    Statement ins = db.prepare(
            "INSERT INTO ip_info(ip_id, run_id, current, country_iso, latitude, longitude, "
            "accuracy_km, asn, as_org, network_type, is_hosting) VALUES(?,1,1,?,?,?,20,?,?,?,?)");
    Statement ips = db.prepare("SELECT id, ip FROM ips");
    const char *countries[] = {"DE", "GB", "US", "FR", "BR", "JP"};
    const double lat[] = {52.5, 51.5, 40.7, 48.9, -23.5, 35.7};
    const double lon[] = {13.4, -0.1, -74.0, 2.35, -46.6, 139.7};
    while (ips.step()) {
        const std::int64_t id = ips.int64(0);
        int a = 0, b = 0, c3 = 0;
        std::sscanf(std::string(ips.textView(1)).c_str(), "%d.%d.%d", &a, &b, &c3);
        const int owner = ((a - 20) * 65536 + b * 256 + c3) / 4;
        const int k = owner % 6;
        ins.bind(1, id).bind(2, countries[k]).bind(3, lat[k]).bind(4, lon[k]);
        ins.bind(5, std::int64_t(64500 + owner % 300)).bind(6, "bench network");
        ins.bind(7, id % 50 == 0 ? "hosting" : "residential").bind(8, id % 50 == 0 ? 1 : 0);
        if (auto s = ins.exec(); !s)
            return s;
    }
    return txn.commit();
}

nlohmann::json findingJson(const Finding &f)
{
    auto signalList = nlohmann::json::array();
    for (const Signal &s : f.signalList)
        signalList.push_back({s.name, s.weight, s.detail});
    auto caveats = nlohmann::json::array();
    for (const Caveat &c : f.caveats)
        caveats.push_back({c.code, c.text});
    return {{"kind", f.kind},
            {"rule", f.rule},
            {"key", f.key},
            {"title", f.title},
            {"severity", f.severity()},
            {"signals", signalList},
            {"caveats", caveats},
            {"ips", f.ips},
            {"accounts", f.accounts},
            {"hosts", f.hosts},
            {"asns", f.asns},
            {"first", f.firstTs},
            {"last", f.lastTs},
            {"evidence", f.evidence},
            {"details", f.details}};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    std::int64_t n = 1000000;
    QString path = QStringLiteral("/tmp/bench_analysis.netcase");
    QString dumpPath;
    bool reuse = false;
    bool stages = false;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const bool hasValue = i + 1 < args.size();
        if (args[i] == QLatin1String("--events") && hasValue)
            n = args[i + 1].toLongLong();
        if (args[i] == QLatin1String("--case") && hasValue)
            path = args[i + 1];
        if (args[i] == QLatin1String("--dump") && hasValue)
            dumpPath = args[i + 1];
        reuse = reuse || args[i] == QLatin1String("--reuse");
        stages = stages || args[i] == QLatin1String("--stages");
    }
    QElapsedTimer t;
    t.start();
    std::optional<CaseFile> c;
    if (reuse && QFileInfo::exists(path)) {
        auto opened = CaseFile::open(path);
        if (!opened) {
            std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
            return 2;
        }
        c.emplace(std::move(*opened));
        n = c->db().scalar("SELECT COUNT(*) FROM events");
        std::printf("events          %lld (existing case)\n", static_cast<long long>(n));
    } else {
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
        CaseInfo info;
        info.title = QStringLiteral("analysis benchmark");
        auto created = CaseFile::create(path, info);
        if (!created) {
            std::fprintf(stderr, "%s\n", qPrintable(created.error().message));
            return 2;
        }
        c.emplace(std::move(*created));
        if (auto s = fill(*c, n); !s) {
            std::fprintf(stderr, "fill: %s\n", qPrintable(s.error().message));
            return 2;
        }
        std::printf("events          %lld (written in %.1f s)\n", static_cast<long long>(n),
                    t.elapsed() / 1000.0);
    }

    auto rules = Rules::load(c->db());
    t.restart();
    std::clock_t cpu = std::clock();
    auto data = Dataset::load(c->db(), *rules);
    const double loadCpu = double(std::clock() - cpu) / CLOCKS_PER_SEC;
    cpu = std::clock();
    const double loadS = t.elapsed() / 1000.0;
    t.restart();
    QElapsedTimer stage;
    stage.start();
    QString last;
    const auto findings = Analyzer::detect(*data, *rules, [&](const QString &name, int) {
        if (stages && !last.isEmpty())
            std::printf("  %-34s %.3f s wall\n", qPrintable(last), stage.elapsed() / 1000.0);
        last = name;
        stage.restart();
    });
    if (stages && !last.isEmpty())
        std::printf("  %-34s %.3f s wall (with caveats and sorting)\n", qPrintable(last),
                    stage.elapsed() / 1000.0);
    const double detectS = t.elapsed() / 1000.0;
    const double detectCpu = double(std::clock() - cpu) / CLOCKS_PER_SEC;
    std::printf("load            %.2f s wall, %.2f s CPU\n", loadS, loadCpu);
    std::printf("detect          %.2f s wall, %.2f s CPU (%zu findings)\n", detectS, detectCpu,
                findings.size());

    if (!dumpPath.isEmpty()) {
        std::ofstream out(dumpPath.toStdString());
        for (const Finding &f : findings)
            out << findingJson(f).dump() << '\n';
    }

    t.restart();
    cpu = std::clock();
    last.clear();
    stage.restart();
    auto sum = Analyzer::run(c->db(), QStringLiteral("bench"), [&](const QString &name, int) {
        if (stages && !last.isEmpty())
            std::printf("  %-34s %.3f s wall\n", qPrintable(last), stage.elapsed() / 1000.0);
        last = name;
        stage.restart();
    });
    if (!sum) {
        std::fprintf(stderr, "run: %s\n", qPrintable(sum.error().message));
        return 2;
    }
    std::printf("full run        %.2f s wall, %.2f s CPU (%s)\n", t.elapsed() / 1000.0,
                double(std::clock() - cpu) / CLOCKS_PER_SEC, qPrintable(sum->text()));
    return 0;
}
