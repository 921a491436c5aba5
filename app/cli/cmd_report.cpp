#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/interrupt.h"
#include "cli/output.h"

#include "core/severity.h"
#include "report/report.h"

#include <QFileInfo>

#include <atomic>
#include <cstdio>

namespace netcase::cli {

namespace {

int run(const QStringList &argv)
{
    // "-o FILE" is stored as "output" by the parser; --output FILE is the long form.
    auto args = Args::parse(argv, {{"output", true},
                                   {"page", true},
                                   {"max-evidence", true},
                                   {"min-severity", true},
                                   {"redact", false}});
    if (!args)
        return fail(args.error());
    const QString out = args->value(QStringLiteral("output"));
    if (args->positional().size() != 1 || out.isEmpty())
        return fail(makeError(QStringLiteral("usage: netcase report CASE -o FILE.html|FILE.pdf|"
                                             "FILE.json [--page a4|letter] [--max-evidence N] "
                                             "[--min-severity N|low|medium|high] [--redact]"),
                              ErrorCode::Usage));
    if (auto format = reportFormatForPath(out); !format)
        return fail(format.error());
    ReportOptions options;
    if (args->has(QStringLiteral("page"))) {
        auto page = reportPageFromName(args->value(QStringLiteral("page")));
        if (!page)
            return fail(page.error());
        options.page = *page;
    }
    if (args->has(QStringLiteral("max-evidence"))) {
        auto maxEvidence = args->number(QStringLiteral("max-evidence"), 0);
        if (!maxEvidence)
            return fail(maxEvidence.error());
        if (*maxEvidence < 0 || *maxEvidence > 10000)
            return fail(makeError(QStringLiteral("--max-evidence must be between 0 and 10000"),
                                  ErrorCode::Usage));
        options.maxEvidencePerFinding = int(*maxEvidence);
    }
    if (args->has(QStringLiteral("min-severity"))) {
        const auto min = severityThreshold(args->value(QStringLiteral("min-severity")));
        if (!min)
            return fail(
                    makeError(QStringLiteral("--min-severity must be 0..100 or low, medium "
                                             "or high (%1)")
                                      .arg(severityWithRange(kSeverityHigh) + QStringLiteral(", ")
                                           + severityWithRange(kSeverityMedium)
                                           + QStringLiteral(", ") + severityWithRange(0)),
                              ErrorCode::Usage));
        options.minSeverity = *min;
    }
    options.redact = args->has(QStringLiteral("redact"));

    auto c = openCase(args->positional().first(), false);
    if (!c)
        return fail(c.error());
    std::atomic<bool> cancel{false};
    const CancelOnInterrupt interrupt(cancel);
    const Status written = [&] {
        const ProgressLine progress;
        return writeReport(
                *c, out, options,
                [&](int percent, const QString &stage) { progress.show(percent, stage); }, cancel);
    }();
    if (!written)
        return fail(written.error());
    outLine(QFileInfo(out).absoluteFilePath());
    return 0;
}

} // namespace

extern const Command kReportCommand = {
        "report",
        "report CASE -o FILE.html|FILE.pdf|FILE.json [--page a4|letter] [--max-evidence N] "
        "[--min-severity N|low|medium|high] [--redact]",
        "write a report (format from the extension)",
        "Writes a report for reviewers and auditors: a summary first (case, authorisation,\n"
        "retention, sources, decisions and reviews, the most severe findings), then the\n"
        "decisions with their revisions, factors and reviews, the findings with their evidence\n"
        "lines, the case and its sources with their SHA-256, the enrichment data used, the\n"
        "timeline and map, the audit chain's verification and head hash, the feedback on the\n"
        "rules, and an appendix describing each address once. The format follows the extension:\n"
        "  .html  one self-contained file (no scripts, no external requests), printable\n"
        "  .pdf   A4 (default) or Letter pages (--page), with page numbers\n"
        "  .json  schema netcase-report/1 (docs/REPORT-SCHEMA.md): the same case always gives\n"
        "         the same bytes\n"
        "--max-evidence N shows at most N raw lines per finding (default 10, in a PDF 3; 0\n"
        "shows none).\n"
        "--min-severity N|low|medium|high lists findings below it that no decision cites as one\n"
        "table row each (kind, severity, subject, counts, status), without detail or evidence;\n"
        "a finding a decision cites is always in full. Default for HTML and JSON: 0 (all in\n"
        "full); for PDF: medium (40), raised until at most 10 undecided findings are in full,\n"
        "so the PDF of a large case stays short. The report says which threshold it used.\n"
        "In a PDF, a raw line longer than 400 characters is cut (and says so).\n"
        "--redact leaves out every raw line and replaces account names and addresses that are\n"
        "not the subject of a decision by pseudonyms (account-7f3a9c, ip-19c2e0): the same\n"
        "value gets the same pseudonym within the report, from a keyed hash whose key is drawn\n"
        "at random per report and not kept, so it cannot be reversed by hashing guesses (nor\n"
        "two redacted reports joined). Subjects of decisions stay named. The file is\n"
        "written to a temporary name and renamed, so it is never left half written.",
        AppKind::Gui,
        &run};

} // namespace netcase::cli
