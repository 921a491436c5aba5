#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/importreport.h"
#include "cli/interrupt.h"
#include "cli/output.h"

#include "api/registry.h"
#include "core/displaytext.h"
#include "core/timeutil.h"
#include "ingest/importjob.h"
#include "ingest/sourcesummary.h"
#include "jobs/pipeline.h"

#include <QElapsedTimer>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <limits>
#include <optional>

namespace netcase::cli {

namespace {

/// What makes the import exit 2 although it committed, said in --json output as "error".
std::optional<Error> importProblem(const ImportReport &report, bool postCancelled)
{
    if (postCancelled)
        return makeError(QStringLiteral("enrichment and analysis cancelled; the imported events "
                                        "are kept"));
    if (const int failed = report.failed(); failed > 0)
        return makeError(QStringLiteral("%1 of %2 files could not be imported")
                                 .arg(failed)
                                 .arg(report.sources.size()));
    return std::nullopt;
}

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("import", argv,
                                   {{"format", true},
                                    {"timezone", true},
                                    {"year", true},
                                    {"mapping", true},
                                    {"max-expansion", true},
                                    {"max-expanded-size", true},
                                    {"follow-links", false},
                                    {"no-analyze", false},
                                    {"json", false}},
                                   {.minPositional = 2, .maxPositional = -1});
    if (!args)
        return fail(args.error());
    auto opts = readingOptions(*args);
    if (!opts)
        return fail(opts.error());

    auto c = openCase(args->positional().first(), true);
    if (!c)
        return fail(c.error());
    ImportJob job(args->positional().mid(1), *opts);
    QElapsedTimer clock;
    clock.start();
    std::atomic<bool> cancel{false};
    const CancelOnInterrupt interrupt(cancel);
    const auto report = [&] {
        const ProgressLine progress;
        return job.run(*c, progressShower(progress, clock), cancel);
    }();
    if (!report)
        return fail(report.error());

    QList<PipelineStep> steps;
    bool postCancelled = false;
    // Enrichment and analysis only change when events came in.
    if (!args->has(QStringLiteral("no-analyze")) && report->events() > 0) {
        auto post = runPostImport(*c, {}, cancel);
        // Cancelled after the import committed: the events stay, and the report below says so.
        postCancelled = !post && post.error().code == ErrorCode::Cancelled;
        if (!post && !postCancelled)
            return fail(post.error());
        if (post)
            steps = *post;
    }

    const double secs = clock.elapsed() / 1000.0;
    if (args->has(QStringLiteral("json"))) {
        nlohmann::json j = reportJson(report.value(), secs);
        for (const PipelineStep &s : steps)
            j["steps"][s.name.toStdString()] = s.summary.toStdString();
        if (const auto e = importProblem(report.value(), postCancelled))
            j["error"] = errorObject(*e);
        outJson(j);
    } else {
        printSources(report.value(), QStringLiteral("not imported"));
        for (const PipelineStep &s : steps)
            outLine(QStringLiteral("%1: %2").arg(s.name, s.summary));
        printTotal(report.value(), secs);
    }
    if (postCancelled) {
        errLine(QStringLiteral("enrichment and analysis cancelled; the imported events are kept "
                               "(run 'netcase enrich' and 'netcase analyze' later)"));
        return 2;
    }
    // Exit 2 when a file could not be imported at all, so scripts notice.
    return report->failed() > 0 ? 2 : 0;
}

} // namespace

extern const Command kImportCommand
        = {"import",
           "import CASE FILE_OR_DIR... [--format NAME] [--timezone TZ] [--year YYYY] "
           "[--mapping FILE_OR_JSON] [--no-analyze] [--max-expansion RATIO] "
           "[--max-expanded-size SIZE] [--follow-links] [--json]",
           "import log files into a case",
           "Imports each file, detecting its format from its content unless --format is given.\n"
           "Folders import every file in them. A file already in the case (same SHA-256) is\n"
           "refused. Malformed records are kept as rejects with their line number and reason.\n"
           "The whole import is one transaction: if it fails or is interrupted (Ctrl-C) the\n"
           "case is unchanged. --timezone applies to timestamps without a zone (default\n"
           "UTC); --year to syslog lines without a year. Each source's line gives the time\n"
           "span of its events (UTC), and indented notes say how a year or zone the file\n"
           "did not carry was chosen. --json gives the same as 'first', 'last' (ISO 8601\n"
           "UTC, with events only) and 'notes' per source. --no-analyze skips enrichment and\n"
           "analysis. Exit 2 when a file could not be imported. The formats are listed below.\n"
           "\n"
           "Compressed files (.gz .bz2 .xz .zst .lz4 .Z) and archives (.zip .tar .tar.gz .7z)\n"
           "are recognised by content and each member imported. A member that expands to more\n"
           "than 1000 times its compressed size, or an import that expands to more than 64G in\n"
           "all, is refused as a likely decompression bomb: --max-expansion RATIO and\n"
           "--max-expanded-size SIZE (512M, 64G, 1T) raise the limits. Only regular files and\n"
           "folders are read (a FIFO or device is refused). A link in a folder that leads out\n"
           "of it is skipped and listed; --follow-links imports what such links point to.",
           AppKind::Core,
           &run};

} // namespace netcase::cli
