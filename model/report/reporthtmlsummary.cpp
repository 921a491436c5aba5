// The report's first section, for the reader who reads one page: the case, its authorisation
// and retention, the sources, the enrichment's state, every decision with its reviews, the
// findings by severity (and which are in table form only), the most severe findings one line
// each, and whether the audit trail is intact. Everything here is detailed further on.

#include "htmlout.h"

#include "core/severity.h"
#include "core/shownzone.h"
#include "core/timeutil.h"
#include "report/reportdata.h"

#include <QLocale>

namespace netcase {

namespace {

constexpr int kSummarySources = 12;

QString num(std::int64_t n)
{
    return QLocale::c().toString(qlonglong(n));
}

QString orNone(const QString &s, const QString &none)
{
    return s.trimmed().isEmpty() ? none : s;
}

void caseFacts(HtmlOut &out, const ReportData &d)
{
    const CaseSummary &c = d.summary;
    out.kvStart();
    out.kv(QStringLiteral("Case"), orNone(c.info.title, QStringLiteral("Untitled case")));
    out.kv(QStringLiteral("Authorisation"), authorisationText(c.info));
    out.kv(QStringLiteral("Scope"), orNone(c.info.scope, QStringLiteral("not recorded")));
    QString retention = orNone(c.info.retentionDate, QStringLiteral("not set"));
    if (!c.info.preserveReason.isEmpty())
        retention += QStringLiteral("; preserved for an incident: ") + c.info.preserveReason;
    if (!c.info.purgedAt.isEmpty())
        retention += QStringLiteral("; purged ") + c.info.purgedAt;
    out.kv(QStringLiteral("Retention"), retention);
    out.kv(QStringLiteral("Events"),
           c.events > 0 ? QStringLiteral("%1 from %2 files, %3 to %4")
                                  .arg(num(c.events), num(std::int64_t(c.sources.size())),
                                       shownStamp(c.firstTs), shownStamp(c.lastTs))
                        : QStringLiteral("none"));
    out.kv(QStringLiteral("Analysts / reviewers"),
           orNone(d.analysts.join(QStringLiteral(", ")), QStringLiteral("not recorded"))
                   + QStringLiteral(" / ")
                   + orNone(d.reviewers.join(QStringLiteral(", ")), QStringLiteral("none yet")));
    out.kv(QStringLiteral("Audit trail"), d.trail.summary());
    out.tableEnd();
}

void sourcesLines(HtmlOut &out, const ReportData &d)
{
    const auto &sources = d.summary.sources;
    if (sources.empty())
        return;
    out.tableStart({QStringLiteral("Source file"), QStringLiteral("Format"),
                    QStringLiteral("Events"), QStringLiteral("Rejects")},
                   nullptr, {52, 20, 14, 14});
    for (std::size_t i = 0; i < sources.size() && i < std::size_t(kSummarySources); ++i) {
        const SourceSummary &s = sources[i];
        out.row({s.member.isEmpty() ? s.name
                                    : s.name + QStringLiteral(" (") + s.member + QLatin1Char(')'),
                 s.format, num(s.events), num(s.rejects)});
    }
    out.tableEnd();
    if (sources.size() > std::size_t(kSummarySources))
        out.paragraph(QStringLiteral("and %1 more files (section 4).")
                              .arg(sources.size() - std::size_t(kSummarySources)),
                      "note");
    QStringList stale;
    for (const EnrichSource &s : d.enrichSources)
        if (s.stale)
            stale << s.name;
    out.paragraph(d.enrichSources.isEmpty()
                          ? QStringLiteral("Enrichment: no geolocation, ASN or anonymiser "
                                           "database and no list was used.")
                          : QStringLiteral("Enrichment: %1 databases and lists (section 5)%2.")
                                    .arg(d.enrichSources.size())
                                    .arg(stale.isEmpty()
                                                 ? QString()
                                                 : QStringLiteral("; STALE: ")
                                                           + stale.join(QStringLiteral(", "))));
}

/// "agrees: bob; challenges: carol (self-review)", for the latest revision.
QString reviewsText(const ReportDecision &rd)
{
    const auto it = rd.reviews.find(rd.latest().id);
    QStringList parts;
    if (it != rd.reviews.end())
        for (const Review &r : it->second)
            parts << reviewVerdictText(r) + QStringLiteral(": ") + r.reviewer
                             + (r.selfReview ? QStringLiteral(" (self-review)") : QString());
    std::size_t earlier = 0;
    for (const auto &[id, reviews] : rd.reviews)
        if (id != rd.latest().id)
            earlier += reviews.size();
    if (earlier > 0)
        parts << QStringLiteral("%1 on earlier revisions").arg(earlier);
    return parts.isEmpty() ? QStringLiteral("not reviewed") : parts.join(QStringLiteral("; "));
}

void decisionLines(HtmlOut &out, const ReportData &d)
{
    out.heading(3, QStringLiteral("Decisions and reviews"));
    if (d.decisions.empty()) {
        out.paragraph(QStringLiteral("No decision has been recorded in this case."));
        return;
    }
    out.tableStart({QStringLiteral("#"), QStringLiteral("Subject"), QStringLiteral("Verdict"),
                    QStringLiteral("Decided"), QStringLiteral("Reviews (latest revision)")},
                   nullptr, {5, 26, 18, 24, 27});
    for (std::size_t i = 0; i < d.decisions.size(); ++i) {
        const ReportDecision &rd = d.decisions[i];
        const Decision &l = rd.latest();
        out.row({decisionRef(i), l.subject.toString(),
                 QStringLiteral("%1, %2 confidence")
                         .arg(decisions::verdictLabel(l.verdict), l.confidence),
                 QStringLiteral("%1, %2 (revision %3)").arg(l.analyst, l.createdAt).arg(l.revision),
                 reviewsText(rd)});
    }
    out.tableEnd();
}

void findingLines(HtmlOut &out, const ReportData &d)
{
    out.heading(3, QStringLiteral("Findings"));
    if (d.findings.empty()) {
        out.paragraph(QStringLiteral("The analysis produced no findings."));
        return;
    }
    std::int64_t high = 0, medium = 0, low = 0;
    for (const ReportFinding &rf : d.findings)
        switch (severityLevel(rf.finding.severity)) {
        case SeverityLevel::High:
            ++high;
            break;
        case SeverityLevel::Medium:
            ++medium;
            break;
        case SeverityLevel::Low:
            ++low;
            break;
        }
    out.paragraph(QStringLiteral("%1 findings: %2 high, %3 medium, %4 low. %5")
                          .arg(num(std::int64_t(d.findings.size())), num(high), num(medium),
                               num(low), minSeverityText(d)));
    const auto ordered = findingsBySeverity(d.findings);
    const std::size_t shown
            = std::min<std::size_t>(ordered.size(), std::size_t(kReportTopFindings));
    out.paragraph(QStringLiteral("The %1 most severe:").arg(shown), "note");
    out.tableStart({QStringLiteral("#"), QStringLiteral("Severity"), QStringLiteral("Kind"),
                    QStringLiteral("Title"), QStringLiteral("Decision")},
                   nullptr, {6, 11, 21, 40, 22});
    for (std::size_t i = 0; i < shown; ++i) {
        const ReportFinding &rf = *ordered[i];
        const StoredFinding &f = rf.finding;
        out.rowHtml(
                {esc(QString::number(f.id)), out.severityBadge(f.severity), esc(f.kind),
                 esc(f.title),
                 esc(rf.decisionState.isEmpty() ? QStringLiteral("undecided")
                                                : rf.decisionState.join(QStringLiteral("; ")))});
    }
    out.tableEnd();
}

} // namespace

void htmlSummarySection(HtmlOut &out, const ReportData &d)
{
    out.section("summary", QStringLiteral("Summary"));
    caseFacts(out, d);
    sourcesLines(out, d);
    decisionLines(out, d);
    findingLines(out, d);
}

} // namespace netcase
