// Report sections about what was found and decided: findings with their signals, caveats and
// evidence lines (4), and decisions with their factors, revisions and reviews (5).

#include "htmlout.h"

#include "core/timeutil.h"
#include "report/reportdata.h"

#include <QLocale>

#include <algorithm>

namespace netcase {

namespace {

QString jsonText(const nlohmann::json &j, const char *key)
{
    if (!j.is_object() || !j.contains(key))
        return {};
    const nlohmann::json &v = j[key];
    if (v.is_string())
        return QString::fromStdString(v.get<std::string>());
    if (v.is_number() || v.is_boolean())
        return QString::fromStdString(v.dump());
    return {};
}

QString joined(const QStringList &list)
{
    return list.isEmpty() ? QStringLiteral("—") : list.join(QStringLiteral(", "));
}

/// Findings in reading order: most severe first, then by id.
std::vector<const ReportFinding *> bySeverity(const std::vector<ReportFinding> &findings)
{
    std::vector<const ReportFinding *> out;
    for (const ReportFinding &f : findings)
        out.push_back(&f);
    std::stable_sort(out.begin(), out.end(), [](const ReportFinding *a, const ReportFinding *b) {
        return a->finding.severity > b->finding.severity;
    });
    return out;
}

/// An intel finding's indicators: who named the value, in which file, how sure, and how many
/// of the events fall inside the indicator's validity window.
void intelIndicators(HtmlOut &out, const nlohmann::json &details)
{
    const auto it = details.find("indicators");
    if (it == details.end() || !it->is_array() || it->empty())
        return;
    out.element("h4", QStringLiteral("Indicators"));
    out.tableStart({QStringLiteral("Indicator"), QStringLiteral("Producer and file"),
                    QStringLiteral("Confidence"), QStringLiteral("Valid"),
                    QStringLiteral("Events inside / outside the window")});
    for (const auto &i : *it) {
        const auto ev = i.value("events", nlohmann::json::object());
        const std::int64_t outside
                = ev.value("not_yet_valid", std::int64_t(0)) + ev.value("expired", std::int64_t(0));
        const QString from = jsonText(i, "valid_from"), until = jsonText(i, "valid_until");
        out.row({jsonText(i, "kind") + QStringLiteral(" ") + jsonText(i, "value"),
                 jsonText(i, "producer") + QStringLiteral(" — ") + jsonText(i, "source")
                         + QStringLiteral(" (") + jsonText(i, "format").toUpper()
                         + QStringLiteral(", SHA-256 ") + jsonText(i, "source_sha256").left(16)
                         + QStringLiteral("…)"),
                 i.contains("confidence") && i["confidence"].is_number()
                         ? jsonText(i, "confidence")
                         : QStringLiteral("not given"),
                 (from.isEmpty() ? QStringLiteral("open") : from) + QStringLiteral(" to ")
                         + (until.isEmpty() ? QStringLiteral("open") : until),
                 QStringLiteral("%1 / %2").arg(ev.value("valid", std::int64_t(0))).arg(outside)});
    }
    out.tableEnd();
}

void findingCard(HtmlOut &out, const ReportFinding &rf, int maxEvidence)
{
    const StoredFinding &f = rf.finding;
    out.raw(out.forQt() ? QString() : QStringLiteral("<div class=\"card\">\n"));
    out.heading(3, QStringLiteral("#%1 %2").arg(f.id).arg(f.title),
                QStringLiteral("finding-%1").arg(f.id));
    out.kvStart();
    out.kvHtml(QStringLiteral("Severity"), out.severityBadge(f.severity));
    out.kv(QStringLiteral("Kind / rule"), f.kind + QStringLiteral(" / ") + f.rule);
    out.kv(QStringLiteral("Time window"),
           utcStamp(f.firstTs) + QStringLiteral(" to ") + utcStamp(f.lastTs));
    out.kv(QStringLiteral("Addresses"), joined(f.ips));
    out.kv(QStringLiteral("Accounts"), joined(f.accounts));
    if (!f.hosts.isEmpty())
        out.kv(QStringLiteral("Hosts"), joined(f.hosts));
    if (!f.asns.isEmpty())
        out.kv(QStringLiteral("Networks (AS)"), joined(f.asns));
    if (f.suppressedBy)
        out.kv(QStringLiteral("Status"),
               QStringLiteral("suppressed by tuning entry #%1").arg(f.suppressedBy));
    if (rf.citedOnly)
        out.kv(QStringLiteral("Status"), QStringLiteral("no longer produced by the latest "
                                                        "analysis; listed because a decision "
                                                        "cites it"));
    out.tableEnd();

    if (f.signalList.is_array() && !f.signalList.empty()) {
        out.tableStart(
                {QStringLiteral("Signal"), QStringLiteral("Weight"), QStringLiteral("Detail")});
        for (const auto &s : f.signalList)
            out.row({jsonText(s, "name"), jsonText(s, "weight"), jsonText(s, "detail")});
        out.tableEnd();
    }
    if (f.kind == QLatin1String("intel"))
        intelIndicators(out, f.details);
    if (f.caveats.is_array() && !f.caveats.empty()) {
        out.element("h4", QStringLiteral("Caveats"));
        QStringList items;
        for (const auto &c : f.caveats)
            items << jsonText(c, "text") + QStringLiteral(" (") + jsonText(c, "code")
                             + QLatin1Char(')');
        out.list(items);
    }
    out.element("h4", QStringLiteral("Evidence"));
    const auto shown = std::int64_t(rf.evidence.size());
    if (shown == 0 && rf.evidenceStored > 0) {
        out.paragraph(QStringLiteral("%1 evidence events in total; the case keeps %2 evidence ids "
                                     "(netcase findings --json lists them). No raw line is shown: "
                                     "the report shows at most %3 per finding, or the events "
                                     "were purged after the case's retention date.")
                              .arg(f.evidenceCount)
                              .arg(rf.evidenceStored)
                              .arg(maxEvidence));
    } else if (shown == 0) {
        out.paragraph(QStringLiteral("The case keeps no evidence events for this finding."));
    } else {
        QString note = QStringLiteral("%1 evidence events in total; the first %2 by event id are "
                                      "shown as logged (a tab is shown as →).")
                               .arg(f.evidenceCount)
                               .arg(shown);
        if (rf.evidenceStored > shown || f.evidenceCount > shown)
            note += QStringLiteral(" The report shows at most %1 lines per finding; the case "
                                   "keeps %2 evidence ids (netcase findings --json lists them).")
                            .arg(maxEvidence)
                            .arg(rf.evidenceStored);
        out.paragraph(note, "note");
        out.tableStart({QStringLiteral("Time (UTC)"), QStringLiteral("Source:line"),
                        QStringLiteral("Raw line")},
                       "evidence", {21, 20, 59});
        for (const ReportEvidence &e : rf.evidence) {
            // The header says UTC. Date and time each stay on one line (a browser would
            // otherwise break the date at its hyphens in a narrow column).
            const QStringList when = utcSecond(e.timestampUs).split(QLatin1Char(' '));
            out.rowHtml({QStringLiteral("<span class=\"nobr\">%1</span> "
                                        "<span class=\"nobr\">%2</span>")
                                 .arg(esc(when.value(0)), esc(when.value(1))),
                         esc(QStringLiteral("%1:%2").arg(e.source).arg(e.line)),
                         e.rawMissing ? esc(QStringLiteral("(raw record not kept)"))
                                      : out.rawLine(e.raw)});
        }
        out.tableEnd();
    }
    out.raw(out.forQt() ? QString() : QStringLiteral("</div>\n"));
}

QString evidenceText(const std::vector<std::int64_t> &ids)
{
    if (ids.empty())
        return QStringLiteral("—");
    QStringList parts;
    const std::size_t shown = std::min<std::size_t>(ids.size(), 12);
    for (std::size_t i = 0; i < shown; ++i)
        parts << QString::number(ids[i]);
    QString text = QStringLiteral("events ") + parts.join(QStringLiteral(", "));
    if (ids.size() > shown)
        text += QStringLiteral(" and %1 more").arg(ids.size() - shown);
    return text;
}

void factorsTable(HtmlOut &out, const std::vector<Factor> &factors)
{
    if (factors.empty()) {
        out.paragraph(QStringLiteral("No factors were recorded."));
        return;
    }
    out.tableStart({QStringLiteral("Factor"), QStringLiteral("From"), QStringLiteral("Evidence"),
                    QStringLiteral("Enrichment shown")});
    for (const Factor &f : factors) {
        QString from = f.signal.isEmpty() ? QStringLiteral("analyst") : f.signal;
        if (f.findingId)
            from += QStringLiteral(" (finding #%1)").arg(f.findingId);
        QString enrichment;
        for (const EnrichmentValue &e : f.enrichment)
            enrichment += (enrichment.isEmpty() ? QString() : QStringLiteral("<br>"))
                          + esc(QStringLiteral("%1 %2 = %3").arg(e.ip, e.field, e.value)
                                + (e.source.isEmpty()
                                           ? QString()
                                           : QStringLiteral(" (") + e.source + QLatin1Char(')')));
        out.rowHtml({esc(f.text), esc(from), esc(evidenceText(f.evidence)),
                     enrichment.isEmpty() ? esc(QStringLiteral("—")) : enrichment});
    }
    out.tableEnd();
}

void revisionBlock(HtmlOut &out, const ReportDecision &rd, const Decision &d)
{
    out.element("h4", QStringLiteral("Revision %1: %2, %3 confidence")
                              .arg(d.revision)
                              .arg(decisions::verdictLabel(d.verdict), d.confidence));
    out.kvStart();
    out.kv(QStringLiteral("Subject"), d.subject.toString());
    out.kv(QStringLiteral("Recorded"),
           QStringLiteral("%1 by %2 (record #%3)").arg(d.createdAt, d.analyst).arg(d.id));
    out.kv(QStringLiteral("Reasoning"), d.reasoning);
    if (!d.proportionality.isEmpty())
        out.kv(QStringLiteral("Proportionality"), d.proportionality);
    out.tableEnd();
    factorsTable(out, d.factors);
    const auto it = rd.reviews.find(d.id);
    if (it == rd.reviews.end() || it->second.empty()) {
        out.paragraph(QStringLiteral("Not reviewed."), "note");
        return;
    }
    out.tableStart({QStringLiteral("Review"), QStringLiteral("Reviewer"), QStringLiteral("Note"),
                    QStringLiteral("At")});
    for (const Review &r : it->second)
        out.row({r.verdict == QLatin1String("agree") ? QStringLiteral("agrees")
                                                     : QStringLiteral("challenges"),
                 r.selfReview ? r.reviewer + QStringLiteral(" (self-review)") : r.reviewer, r.note,
                 r.createdAt});
    out.tableEnd();
}

} // namespace

void htmlFindingsSection(HtmlOut &out, const ReportData &d)
{
    out.section("findings", QStringLiteral("4. Findings"), true);
    if (d.findings.empty()) {
        out.paragraph(QStringLiteral("The analysis produced no findings."));
        return;
    }
    const auto ordered = bySeverity(d.findings);
    out.paragraph(QStringLiteral("%1 findings, most severe first. Severity (0–100) is the sum of "
                                 "the weighted signals; caveats say why the evidence may mislead. "
                                 "Evidence lines are shown exactly as logged, at most %2 per "
                                 "finding.")
                          .arg(d.findings.size())
                          .arg(d.maxEvidence));
    if (d.inactiveFindings > 0)
        out.paragraph(QStringLiteral("%1 earlier findings that the latest analysis no longer "
                                     "produces and no decision cites are not listed.")
                              .arg(d.inactiveFindings),
                      "note");
    out.tableStart({QStringLiteral("#"), QStringLiteral("Severity"), QStringLiteral("Kind"),
                    QStringLiteral("Title"), QStringLiteral("Events")});
    for (const ReportFinding *rf : ordered) {
        const StoredFinding &f = rf->finding;
        out.rowHtml({esc(QString::number(f.id)), out.severityBadge(f.severity), esc(f.kind),
                     esc(f.title), esc(QLocale::c().toString(qlonglong(f.evidenceCount)))});
    }
    out.tableEnd();
    for (const ReportFinding *rf : ordered)
        findingCard(out, *rf, d.maxEvidence);
}

void htmlDecisionsSection(HtmlOut &out, const ReportData &d)
{
    out.section("decisions", QStringLiteral("5. Decisions"), true);
    if (d.decisions.empty()) {
        out.paragraph(QStringLiteral("No decision has been recorded in this case."));
        return;
    }
    out.paragraph(QStringLiteral("Decisions are never edited: a change is a new revision, so the "
                                 "reasoning at each point in time is kept. Reviews agree with or "
                                 "challenge one revision."));
    for (const ReportDecision &rd : d.decisions) {
        const Decision &latest = rd.latest();
        out.raw(out.forQt() ? QString() : QStringLiteral("<div class=\"card\">\n"));
        out.heading(3,
                    QStringLiteral("%1 on %2 (%3 revision%4)")
                            .arg(decisions::verdictLabel(latest.verdict), latest.subject.toString())
                            .arg(rd.revisions.size())
                            .arg(rd.revisions.size() == 1 ? QString() : QStringLiteral("s")));
        for (auto it = rd.revisions.rbegin(); it != rd.revisions.rend(); ++it)
            revisionBlock(out, rd, *it);
        out.raw(out.forQt() ? QString() : QStringLiteral("</div>\n"));
    }
}

} // namespace netcase
