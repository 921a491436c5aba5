#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
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

QString progressText(const ImportProgress &p, const QElapsedTimer &clock)
{
    const double secs = std::max(0.001, clock.elapsed() / 1000.0);
    const double mb = p.bytesDone / 1e6;
    return QStringLiteral("%1 MB  %2 MB/s  %3")
            .arg(mb, 8, 'f', 1)
            .arg(mb / secs, 6, 'f', 1)
            .arg(p.currentFile);
}

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

/// "512M", "64G", "1T" or plain bytes.
Result<std::int64_t> parseSize(const QString &text)
{
    static const QString units = QStringLiteral("KMGT");
    QString digits = text.trimmed().toUpper();
    int shift = 0;
    if (!digits.isEmpty() && units.contains(digits.back())) {
        shift = 10 * (int(units.indexOf(digits.back())) + 1);
        digits.chop(1);
    }
    bool ok = false;
    const qlonglong n = digits.toLongLong(&ok);
    if (!ok || n <= 0 || n > (std::numeric_limits<std::int64_t>::max() >> shift))
        return makeError(QStringLiteral("--max-expanded-size: '%1' is not a size such as 512M, "
                                        "64G or 1T")
                                 .arg(text),
                         ErrorCode::Usage);
    return std::int64_t(n) << shift;
}

Status decompressionLimits(const Args &args, ImportOptions &opts)
{
    auto ratio = args.number(QStringLiteral("max-expansion"), opts.maxExpansionRatio);
    if (!ratio)
        return ratio.error();
    if (*ratio < 1)
        return makeError(QStringLiteral("--max-expansion: the ratio must be at least 1"),
                         ErrorCode::Usage);
    opts.maxExpansionRatio = *ratio;
    if (args.has(QStringLiteral("max-expanded-size"))) {
        auto size = parseSize(args.value(QStringLiteral("max-expanded-size")));
        if (!size)
            return size.error();
        opts.maxExpandedBytes = *size;
    }
    return {};
}

/// "NAME  FORMAT  N events  N rejects  SPAN"; the notes follow it, indented.
QString sourceLine(const SourceReport &s)
{
    QString line = QStringLiteral("%1  %2  %3 events  %4 rejects")
                           .arg(displaySafe(s.name), s.format)
                           .arg(s.events)
                           .arg(s.rejects);
    if (s.duplicates > 0)
        line += QStringLiteral(" (%1 already in the case from an overlapping file)")
                        .arg(s.duplicates);
    if (const QString span = sourceSpanText(s); !span.isEmpty())
        line += QStringLiteral("  ") + span;
    return line;
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
    ImportOptions opts;
    opts.format = args->value(QStringLiteral("format"));
    opts.timezone = args->value(QStringLiteral("timezone"), QStringLiteral("UTC"));
    auto year = args->number(QStringLiteral("year"), 0);
    if (!year)
        return fail(year.error());
    opts.year = int(*year);
    opts.mapping = args->value(QStringLiteral("mapping"));
    if (Status s = decompressionLimits(*args, opts); !s)
        return fail(s.error());
    opts.followLinks = args->has(QStringLiteral("follow-links"));

    auto c = openCase(args->positional().first(), true);
    if (!c)
        return fail(c.error());
    ImportJob job(args->positional().mid(1), opts);
    QElapsedTimer clock;
    clock.start();
    std::atomic<bool> cancel{false};
    const CancelOnInterrupt interrupt(cancel);
    const auto report = [&] {
        const ProgressLine progress;
        return job.run(
                *c,
                [&](const ImportProgress &p) {
                    progress.show(p.bytesTotal > 0 ? int(100 * p.bytesDone / p.bytesTotal) : 0,
                                  progressText(p, clock));
                },
                cancel);
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
        nlohmann::json j = {{"events", report->events()},
                            {"rejects", report->rejects()},
                            {"seconds", secs},
                            {"sources", nlohmann::json::array()}};
        for (const SourceReport &s : report->sources) {
            nlohmann::json o = {{"name", s.name.toStdString()},
                                {"format", s.format.toStdString()},
                                {"sha256", s.sha256.toStdString()},
                                {"events", s.events},
                                {"rejects", s.rejects},
                                {"duplicates", s.duplicates},
                                {"notes", nlohmann::json::array()}};
            if (s.events > 0) {
                o["first"] = formatIsoUs(s.firstUs);
                o["last"] = formatIsoUs(s.lastUs);
            }
            for (const QString &n : s.notes)
                o["notes"].push_back(n.toStdString());
            if (!s.error.isEmpty())
                o["error"] = s.error.toStdString();
            j["sources"].push_back(o);
        }
        for (const QString &s : report->skipped)
            j["skipped"].push_back(s.toStdString());
        for (const PipelineStep &s : steps)
            j["steps"][s.name.toStdString()] = s.summary.toStdString();
        if (const auto e = importProblem(report.value(), postCancelled))
            j["error"] = errorObject(*e);
        outJson(j);
    } else {
        for (const SourceReport &s : report->sources) {
            if (!s.error.isEmpty())
                outLine(QStringLiteral("%1  not imported: %2")
                                .arg(displaySafe(s.name), displaySafe(s.error)));
            else
                outLine(sourceLine(s));
            for (const QString &n : s.notes)
                outLine(QStringLiteral("  ") + displaySafe(n));
        }
        for (const QString &s : report->skipped)
            outLine(QStringLiteral("skipped  %1").arg(displaySafe(s)));
        for (const PipelineStep &s : steps)
            outLine(QStringLiteral("%1: %2").arg(s.name, s.summary));
        outLine(QStringLiteral("total  %1 events  %2 rejects  in %3 s")
                        .arg(report->events())
                        .arg(report->rejects())
                        .arg(secs, 0, 'f', 2));
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
