// Sigma rules over a large case: the time to load and compile a rules folder, and to evaluate
// every loaded rule over every event of the case in one pass (sigma::evaluate, as
// `netcase analyze --sigma` runs it), best and median of 3, beside the time of the same pass
// reading the events without rules (the floor), and the peak memory.
//   bench_sigma CASE RULES_DIR [--import LOG]... [--reference | --check] [--no-floor]
// --import first creates CASE from the logs (so the benchmark needs only this program built).
// --reference times the evaluator as it was before it read events as stored: every event
// resolved by EventQuery::forEach and given to Evaluator::add in time order, each keyword
// searched for on its own. --check runs both
// once and compares the set of (rule, event) matches and the findings (SHA-256 of each, sorted);
// it exits with 3 when they differ.

#include "case/casefile.h"
#include "case/eventquery.h"
#include "case/sourcestore.h"
#include "ingest/importjob.h"
#include "sigma/sigmaload.h"
#include "sigma/sigmarun.h"

#include <QCryptographicHash>
#include <QElapsedTimer>

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <vector>

using namespace netcase;

namespace {

double seconds(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e9;
}

/// This process's CPU time (user and system), so a figure taken on a busy machine still says
/// what the work costs.
double cpuSeconds()
{
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec)
           + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

struct Run
{
    double wall = 0;
    double cpu = 0;
};

void report(const char *what, std::vector<Run> runs)
{
    std::sort(runs.begin(), runs.end(), [](const Run &a, const Run &b) { return a.wall < b.wall; });
    std::vector<double> cpu;
    for (const Run &r : runs)
        cpu.push_back(r.cpu);
    std::sort(cpu.begin(), cpu.end());
    std::printf("%-34s wall best %6.2f s  median %6.2f s;  CPU best %6.2f s  median %6.2f s\n",
                what, runs.front().wall, runs[runs.size() / 2].wall, cpu.front(),
                cpu[cpu.size() / 2]);
}

/// The rule set with every keyword and field value tested on its own (no one-pass search of
/// raw records for keywords and needles).
sigma::RuleSet withoutNeedles(const sigma::RuleSet &set)
{
    sigma::RuleSet plain = set;
    plain.needles.clear();
    for (sigma::Rule &r : plain.rules)
        for (sigma::Selection &sel : r.selections) {
            for (sigma::ValueTest &k : sel.keywords) {
                k.needle = -1;
                k.hint = -1;
            }
            for (auto &map : sel.maps)
                for (sigma::FieldTest &t : map)
                    t.needles.clear();
        }
    return plain;
}

/// The pass as sigma::evaluate made it before it read events as stored (and searched raw
/// records for one keyword at a time): set must come from withoutNeedles().
sigma::SigmaRun reference(const Database &db,
                          const sigma::RuleSet &set,
                          std::vector<std::pair<int, std::int64_t>> *trace)
{
    std::map<std::int64_t, std::string> formatText;
    for (const auto &[id, f] : SourceStore::formats(db))
        formatText[id] = f.toStdString();
    sigma::Evaluator ev(set);
    ev.trace(trace);
    sigma::SigmaRun run;
    EventQuery query(db);
    query.forEach(EventFilter{}, [&](const EventRow &row) {
        ++run.events;
        ev.add(row, formatText[row.sourceId], [&] { return query.raw(row); });
        return true;
    });
    run.findings = ev.finish();
    for (std::int64_t n : ev.matchCounts())
        run.matched += n;
    return run;
}

std::string sha256(const std::vector<std::string> &lines)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (const std::string &l : lines) {
        h.addData(QByteArrayView(l.data(), qsizetype(l.size())));
        h.addData(QByteArrayView("\n", 1));
    }
    return h.result().toHex().left(16).toStdString();
}

std::string matchDigest(const sigma::RuleSet &set, std::vector<std::pair<int, std::int64_t>> m)
{
    std::sort(m.begin(), m.end());
    std::vector<std::string> lines;
    for (const auto &[rule, id] : m)
        lines.push_back(set.rules[std::size_t(rule)].meta.id + ' ' + std::to_string(id));
    return sha256(lines);
}

std::string findingDigest(const std::vector<Finding> &findings)
{
    std::vector<std::string> lines;
    for (const Finding &f : findings) {
        std::string l = f.kind + '|' + f.rule + '|' + f.key + '|' + f.title + '|'
                        + std::to_string(f.firstTs) + '|' + std::to_string(f.lastTs) + '|'
                        + f.details.dump() + '|';
        for (std::int64_t id : f.evidence)
            l += std::to_string(id) + ',';
        for (const auto *set : {&f.ips, &f.accounts, &f.hosts})
            for (const std::string &v : *set)
                l += '|' + v;
        for (const auto &c : f.caveats)
            l += '|' + c.code + ':' + c.text;
        lines.push_back(std::move(l));
    }
    std::sort(lines.begin(), lines.end());
    return sha256(lines);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_sigma CASE RULES_DIR [--import LOG]...\n");
        return 1;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    QStringList logs;
    bool useReference = false, check = false, floorToo = true;
    for (int i = 3; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--import" && i + 1 < argc)
            logs << QString::fromLocal8Bit(argv[++i]);
        else if (arg == "--reference")
            useReference = true;
        else if (arg == "--check")
            check = true;
        else if (arg == "--no-floor")
            floorToo = false;
    }
    if (!logs.isEmpty()) {
        if (!CaseFile::create(path, CaseInfo{QStringLiteral("bench")}).ok())
            return 2;
        auto created = CaseFile::open(path);
        if (!created)
            return 2;
        std::atomic<bool> cancel{false};
        QElapsedTimer t;
        t.start();
        if (!ImportJob(logs, ImportOptions{}).run(*created, {}, cancel).ok())
            return 2;
        std::printf("imported in %.1f s\n", seconds(t));
    }
    CaseFile::OpenOptions options;
    options.readOnly = true;
    auto c = CaseFile::open(path, options);
    if (!c) {
        std::fprintf(stderr, "%s\n", qPrintable(c.error().message));
        return 2;
    }
    QElapsedTimer t;
    t.start();
    const sigma::RuleSet set = sigma::loadFolders({QString::fromLocal8Bit(argv[2])});
    std::printf("%zu rule files: %zu rules, %zu correlations, %zu unsupported; loaded in %.3f s\n",
                set.files.size(), set.rules.size(), set.correlations.size(), set.unsupported.size(),
                seconds(t));

    const sigma::RuleSet plain = withoutNeedles(set);
    if (check) {
        std::vector<std::pair<int, std::int64_t>> oldMatches, newMatches;
        const sigma::SigmaRun old = reference(c->db(), plain, &oldMatches);
        auto now = sigma::evaluate(c->db(), set, nullptr, &newMatches);
        if (!now) {
            std::fprintf(stderr, "%s\n", qPrintable(now.error().message));
            return 2;
        }
        const std::string m1 = matchDigest(set, oldMatches), m2 = matchDigest(set, newMatches);
        const std::string f1 = findingDigest(old.findings), f2 = findingDigest(now->findings);
        std::printf("reference: %lld events, %zu matches (sha256 %s), %zu findings (sha256 %s)\n",
                    (long long)old.events, oldMatches.size(), m1.c_str(), old.findings.size(),
                    f1.c_str());
        std::printf("evaluate:  %lld events, %zu matches (sha256 %s), %zu findings (sha256 %s)\n",
                    (long long)now->events, newMatches.size(), m2.c_str(), now->findings.size(),
                    f2.c_str());
        const bool same = m1 == m2 && f1 == f2 && old.matched == now->matched;
        std::printf("%s\n", same ? "identical" : "DIFFERENT");
        return same ? 0 : 3;
    }

    std::vector<Run> floor, full;
    std::int64_t events = 0;
    for (int i = 0; i < (floorToo ? 3 : 0); ++i) {
        t.restart();
        double cpu = cpuSeconds();
        EventQuery q(c->db());
        events = 0;
        q.forEach({}, [&](const EventRow &) {
            ++events;
            return true;
        });
        floor.push_back({seconds(t), cpuSeconds() - cpu});
    }
    std::size_t findings = 0;
    std::int64_t matches = 0;
    std::string digest;
    for (int i = 0; i < 3; ++i) {
        t.restart();
        const double cpu = cpuSeconds();
        auto run = useReference ? Result<sigma::SigmaRun>(reference(c->db(), plain, nullptr))
                                : sigma::evaluate(c->db(), set);
        full.push_back({seconds(t), cpuSeconds() - cpu});
        if (!run) {
            std::fprintf(stderr, "%s\n", qPrintable(run.error().message));
            return 2;
        }
        findings = run->findings.size();
        matches = run->matched;
        digest = findingDigest(run->findings);
    }
    std::printf("%lld events, %lld rule matches, %zu findings (sha256 %s)\n", (long long)events,
                (long long)matches, findings, digest.c_str());
    if (floorToo)
        report("read every event (no rules)", floor);
    report(useReference ? "reference pass (EventRow, add)" : "evaluate every rule (one pass)",
           full);
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("peak memory %.0f MB\n", double(ru.ru_maxrss) / 1024.0);
    return 0;
}
