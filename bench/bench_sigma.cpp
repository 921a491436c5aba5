// Sigma rules over a large case: the time to load and compile a rules folder, and to evaluate
// every loaded rule over every event of the case in one pass (sigma::evaluate, as
// `netcase analyze --sigma` runs it), best and median of 3, beside the time of the same pass
// reading the events without rules (the floor), and the peak memory.
//   bench_sigma CASE RULES_DIR [--import LOG]...
// --import first creates CASE from the logs (so the benchmark needs only this program built).

#include "case/casefile.h"
#include "case/eventquery.h"
#include "ingest/importjob.h"
#include "sigma/sigmaload.h"
#include "sigma/sigmarun.h"

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

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_sigma CASE RULES_DIR [--import LOG]...\n");
        return 1;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    QStringList logs;
    for (int i = 3; i + 1 < argc; i += 2)
        if (std::string(argv[i]) == "--import")
            logs << QString::fromLocal8Bit(argv[i + 1]);
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

    std::vector<Run> floor, full;
    std::int64_t events = 0;
    for (int i = 0; i < 3; ++i) {
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
    for (int i = 0; i < 3; ++i) {
        t.restart();
        const double cpu = cpuSeconds();
        auto run = sigma::evaluate(c->db(), set);
        full.push_back({seconds(t), cpuSeconds() - cpu});
        if (!run) {
            std::fprintf(stderr, "%s\n", qPrintable(run.error().message));
            return 2;
        }
        findings = run->findings.size();
        matches = run->matched;
    }
    std::printf("%lld events, %lld rule matches, %zu findings\n", (long long)events,
                (long long)matches, findings);
    report("read every event (no rules)", floor);
    report("evaluate every rule (one pass)", full);
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("peak memory %.0f MB\n", double(ru.ru_maxrss) / 1024.0);
    return 0;
}
