// Import benchmark: imports one file into a fresh case in-process (the same ImportJob the CLI
// and the GUI run) and reports wall time, CPU time, peak RSS and events/s, then checks that the
// case is queryable through its three indexes (time, IP, account).
//
//   bench_import FILE [--format NAME] [--case PATH] [--label TEXT] [--keep] [--reader]
//
// --reader keeps a second connection open on the case during the import, as the GUI's session
// does: the import then stays in WAL mode instead of using a rollback journal (BulkWriteScope).
//
// Prints one human-readable line and one JSON line (prefixed "json ") for bench/import.sh.
// Run by hand; never part of the test suite (see docs/PERFORMANCE.md).

#include "case/casefile.h"
#include "case/eventquery.h"
#include "ingest/importjob.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <sys/resource.h>

#include <cstdio>

using namespace netcase;

namespace {

double cpuSeconds(const rusage &u)
{
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
           + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

rusage usage()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u;
}

void removeCase(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", ".lock"})
        QFile::remove(path + QLatin1String(suffix));
}

/// Times one query through an index and returns {milliseconds, rows}.
std::pair<double, std::int64_t> timeQuery(const Database &db, const EventFilter &f)
{
    QElapsedTimer t;
    t.start();
    const std::int64_t n = EventQuery(db).count(f);
    return {t.nsecsElapsed() / 1e6, n};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString file, format, casePath, label;
    bool keep = false, reader = false;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        const bool hasValue = i + 1 < args.size();
        if (a == QLatin1String("--format") && hasValue)
            format = args[++i];
        else if (a == QLatin1String("--case") && hasValue)
            casePath = args[++i];
        else if (a == QLatin1String("--label") && hasValue)
            label = args[++i];
        else if (a == QLatin1String("--keep"))
            keep = true;
        else if (a == QLatin1String("--reader"))
            reader = true;
        else if (file.isEmpty() && !a.startsWith(QLatin1Char('-')))
            file = a;
        else {
            std::fprintf(stderr, "usage: bench_import FILE [--format NAME] [--case PATH] "
                                 "[--label TEXT] [--keep] [--reader]\n");
            return 1;
        }
    }
    if (file.isEmpty()) {
        std::fprintf(stderr, "usage: bench_import FILE [--format NAME] [--case PATH]\n");
        return 1;
    }
    if (casePath.isEmpty())
        casePath = QDir::temp().filePath(QStringLiteral("bench_import.netcase"));
    if (label.isEmpty())
        label = QFile(file).fileName();
    removeCase(casePath);

    auto created = CaseFile::create(casePath, CaseInfo{QStringLiteral("import benchmark")});
    if (!created) {
        std::fprintf(stderr, "%s\n", qPrintable(created.error().message));
        return 2;
    }
    Result<Database> guiLike = makeError(QString());
    if (reader) {
        guiLike = Database::open(casePath, Database::Mode::ReadOnly);
        if (!guiLike || guiLike->scalar("SELECT count(*) FROM sources", -1) < 0) {
            std::fprintf(stderr, "cannot open the second connection\n");
            return 2;
        }
    }
    ImportOptions opts;
    opts.format = format;
    ImportJob job({file}, opts);
    std::atomic<bool> cancel{false};

    const rusage before = usage();
    QElapsedTimer wall;
    wall.start();
    auto report = job.run(*created, {}, cancel);
    const double importWall = wall.nsecsElapsed() / 1e9;
    // Closing the case checkpoints the WAL into the main file: part of the import's cost.
    *created = CaseFile();
    const double totalWall = wall.nsecsElapsed() / 1e9;
    const rusage after = usage();
    if (!report) {
        std::fprintf(stderr, "import failed: %s\n", qPrintable(report.error().message));
        return 2;
    }
    for (const SourceReport &s : report->sources) {
        if (!s.error.isEmpty()) {
            std::fprintf(stderr, "%s: %s\n", qPrintable(s.name), qPrintable(s.error));
            return 2;
        }
    }

    // Queryable: reopen read-only and use each index once.
    auto reopened = CaseFile::open(casePath, {.readOnly = true});
    if (!reopened) {
        std::fprintf(stderr, "%s\n", qPrintable(reopened.error().message));
        return 2;
    }
    const Database &db = reopened->db();
    const std::int64_t stored = db.scalar("SELECT count(*) FROM events");
    Statement pick
            = db.prepare("SELECT (SELECT ip FROM ips WHERE id = e.source_ip), "
                         "(SELECT s FROM strs WHERE id = e.user), ts FROM events e WHERE id = "
                         "(SELECT max(id) / 2 FROM events)");
    EventFilter byIp, byUser, byTime;
    if (pick.step()) {
        if (!pick.isNull(0))
            byIp.ips << pick.text(0);
        if (!pick.isNull(1))
            byUser.users << pick.text(1);
        byTime.fromUs = pick.int64(2);
        byTime.toUs = pick.int64(2) + 3600LL * 1000000;
    }
    const auto qIp
            = byIp.ips.isEmpty() ? std::pair<double, std::int64_t>{0, 0} : timeQuery(db, byIp);
    const auto qUser = byUser.users.isEmpty() ? std::pair<double, std::int64_t>{0, 0}
                                              : timeQuery(db, byUser);
    const auto qTime = timeQuery(db, byTime);

    const double cpu = cpuSeconds(after) - cpuSeconds(before);
    const double rssMb = after.ru_maxrss / 1024.0;
    const std::int64_t events = report->events();
    const double fileMb = QFile(file).size() / 1e6;
    std::printf("%-12s %9lld events %7lld rejects  wall %.2f s (import %.2f + close %.2f)  "
                "cpu %.2f s  peak RSS %.0f MB  %.0f events/s  %.0f MB/s  | queries: ip %.1f ms "
                "(%lld)  user %.1f ms (%lld)  1h %.1f ms (%lld)\n",
                qPrintable(label), (long long)events, (long long)report->rejects(), totalWall,
                importWall, totalWall - importWall, cpu, rssMb, events / totalWall,
                fileMb / totalWall, qIp.first, (long long)qIp.second, qUser.first,
                (long long)qUser.second, qTime.first, (long long)qTime.second);
    nlohmann::json j = {{"label", label.toStdString()},
                        {"file_mb", fileMb},
                        {"events", events},
                        {"rejects", report->rejects()},
                        {"stored_events", stored},
                        {"wall_s", totalWall},
                        {"import_s", importWall},
                        {"cpu_s", cpu},
                        {"peak_rss_mb", rssMb},
                        {"events_per_s", events / totalWall},
                        {"query_ip_ms", qIp.first},
                        {"query_user_ms", qUser.first},
                        {"query_hour_ms", qTime.first}};
    std::printf("json %s\n", j.dump().c_str());
    std::fflush(stdout);
    if (stored != events) {
        std::fprintf(stderr, "MISMATCH: %lld events reported, %lld stored\n", (long long)events,
                     (long long)stored);
        return 2;
    }
    if (!keep) {
        *reopened = CaseFile();
        removeCase(casePath);
    }
    return 0;
}
