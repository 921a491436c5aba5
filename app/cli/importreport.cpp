#include "importreport.h"

#include "cli/args.h"
#include "cli/output.h"

#include "core/displaytext.h"
#include "core/timeutil.h"
#include "ingest/sourcesummary.h"

#include <limits>

namespace netcase::cli {

namespace {

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
    if (const std::string kinds = s.rejectKinds.summary(); !kinds.empty())
        line += QStringLiteral(" (%1)").arg(QString::fromStdString(kinds));
    if (s.duplicates > 0)
        line += QStringLiteral(" (%1 already in the case from an overlapping file)")
                        .arg(s.duplicates);
    if (const QString span = sourceSpanText(s); !span.isEmpty())
        line += QStringLiteral("  ") + span;
    return line;
}

} // namespace

Result<ImportOptions> readingOptions(const Args &args)
{
    ImportOptions opts;
    opts.format = args.value(QStringLiteral("format"));
    opts.timezone = args.value(QStringLiteral("timezone"), QStringLiteral("UTC"));
    auto year = args.number(QStringLiteral("year"), 0);
    if (!year)
        return year.error();
    opts.year = int(*year);
    opts.mapping = args.value(QStringLiteral("mapping"));
    if (Status s = decompressionLimits(args, opts); !s)
        return s.error();
    opts.followLinks = args.has(QStringLiteral("follow-links"));
    return opts;
}

ImportJob::ProgressFn progressShower(const ProgressLine &line, const QElapsedTimer &clock)
{
    return [&line, &clock](const ImportProgress &p) {
        const double secs = std::max(0.001, clock.elapsed() / 1000.0);
        const double mb = p.bytesDone / 1e6;
        line.show(p.bytesTotal > 0 ? int(100 * p.bytesDone / p.bytesTotal) : 0,
                  QStringLiteral("%1 MB  %2 MB/s  %3")
                          .arg(mb, 8, 'f', 1)
                          .arg(mb / secs, 6, 'f', 1)
                          .arg(p.currentFile));
    };
}

nlohmann::json reportJson(const ImportReport &report, double seconds)
{
    nlohmann::json j = {{"events", report.events()},
                        {"rejects", report.rejects()},
                        {"seconds", seconds},
                        {"sources", nlohmann::json::array()}};
    for (const SourceReport &s : report.sources) {
        nlohmann::json o = {{"name", s.name.toStdString()},
                            {"format", s.format.toStdString()},
                            {"sha256", s.sha256.toStdString()},
                            {"events", s.events},
                            {"rejects", s.rejects},
                            {"duplicates", s.duplicates},
                            {"notes", nlohmann::json::array()}};
        for (RejectKind k : kRejectKinds) {
            if (const std::int64_t n = s.rejectKinds.of(k); n > 0)
                o["rejects_by_kind"][std::string(rejectKindName(k))] = n;
        }
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
    for (const QString &s : report.skipped)
        j["skipped"].push_back(s.toStdString());
    return j;
}

void printSources(const ImportReport &report, const QString &notDone)
{
    for (const SourceReport &s : report.sources) {
        if (!s.error.isEmpty())
            outLine(QStringLiteral("%1  %2: %3")
                            .arg(displaySafe(s.name), notDone, displaySafe(s.error)));
        else
            outLine(sourceLine(s));
        for (const QString &n : s.notes)
            outLine(QStringLiteral("  ") + displaySafe(n));
    }
    for (const QString &s : report.skipped)
        outLine(QStringLiteral("skipped  %1").arg(displaySafe(s)));
}

void printTotal(const ImportReport &report, double seconds)
{
    outLine(QStringLiteral("total  %1 events  %2 rejects  in %3 s")
                    .arg(report.events())
                    .arg(report.rejects())
                    .arg(seconds, 0, 'f', 2));
}

} // namespace netcase::cli
