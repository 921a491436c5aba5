// How fast File → Export table… writes CSV on a large case: every event (streamed from SQL,
// rendered as the ECS documents of `netcase events`, guarded and quoted), and a filtered export.
//   bench_tableexport CASE

#include "case/casefile.h"
#include "case/eventquery.h"
#include "items/tableexport.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>

using namespace netcase;

namespace {

bool run(const char *label, const Database &db, const EventFilter &filter, const QString &path)
{
    QElapsedTimer t;
    t.start();
    auto rows = tableexport::exportEvents(path, db, filter);
    const double s = double(t.nsecsElapsed()) / 1e9;
    if (!rows) {
        std::fprintf(stderr, "%s: %s\n", label, qPrintable(rows.error().message));
        return false;
    }
    const double mb = double(QFileInfo(path).size()) / 1e6;
    std::printf("%-20s %9lld rows  %7.2f s  %9.0f rows/s  %7.1f MB  %6.1f MB/s\n", label,
                static_cast<long long>(*rows), s, double(*rows) / s, mb, mb / s);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_tableexport CASE\n");
        return 1;
    }
    CaseFile::OpenOptions o;
    o.readOnly = true;
    auto c = CaseFile::open(QString::fromLocal8Bit(argv[1]), o);
    if (!c) {
        std::fprintf(stderr, "%s\n", qPrintable(c.error().message));
        return 2;
    }
    // The floor: reading the rows alone, as the export does, without rendering or writing.
    QElapsedTimer t;
    t.start();
    std::int64_t n = 0;
    EventQuery(c->db()).forEach(EventFilter{}, [&n](const EventRow &) {
        ++n;
        return true;
    });
    const double readS = double(t.nsecsElapsed()) / 1e9;
    std::printf("%-20s %9lld rows  %7.2f s  %9.0f rows/s\n", "read only (SQL)",
                static_cast<long long>(n), readS, double(n) / readS);
    QTemporaryDir dir;
    EventFilter failures;
    failures.outcome = int(Outcome::Failure);
    const bool ok
            = run("all events", c->db(), EventFilter{}, dir.filePath(QStringLiteral("a.csv")))
              && run("failures only", c->db(), failures, dir.filePath(QStringLiteral("f.csv")));
    return ok ? 0 : 2;
}
