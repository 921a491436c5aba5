// Report section 2, the findings: those at or above the report's minimum severity, and every
// finding a decision cites, in full (signals, caveats, evidence lines); the others as one table
// row each. Addresses refer to the Addresses appendix [A…] instead of repeating enrichment.

#include "htmlout.h"

#include "analysis/findingmembers.h"
#include "core/severity.h"
#include "core/shownzone.h"
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

/// Accounts a finding card names; the rest are counted (netcase findings --json lists all).
constexpr int kAccountsShown = 12;

QString num(std::int64_t n)
{
    return QLocale::c().toString(qlonglong(n));
}

/// "203.0.113.7 [A3], 198.51.100.2 [A4] and 12 more": the addresses the appendix describes.
QString addressesText(const QStringList &ips, const QHash<QString, QString> &refs)
{
    if (ips.isEmpty())
        return QStringLiteral("—");
    QStringList parts;
    for (qsizetype i = 0; i < ips.size() && i < kReportAddressesPerFinding; ++i) {
        const QString ref = refs.value(ips.at(i));
        parts << (ref.isEmpty() ? ips.at(i) : QStringLiteral("%1 [%2]").arg(ips.at(i), ref));
    }
    QString text = parts.join(QStringLiteral(", "));
    if (ips.size() > kReportAddressesPerFinding)
        text += QStringLiteral(" and %1 more (netcase findings --json lists them)")
                        .arg(ips.size() - kReportAddressesPerFinding);
    return text;
}

/// "2026-11-14 22:55:49 to 22:57:07 UTC": the day once when both ends share it, the zone once.
QString windowText(std::int64_t from, std::int64_t to)
{
    const QString a = shownSecond(from), b = shownStamp(to);
    return a + QStringLiteral(" to ") + (a.left(11) == b.left(11) ? b.mid(11) : b);
}

/// "maria.k, bob and 3 more"
QString someOf(const QStringList &list, int shown)
{
    if (list.isEmpty())
        return QString();
    QString text = list.mid(0, shown).join(QStringLiteral(", "));
    if (list.size() > shown)
        text += QStringLiteral(" and %1 more").arg(list.size() - shown);
    return text;
}

/// What a finding is about, in one cell: its accounts, else its addresses, else its hosts.
QString subjectText(const StoredFinding &f)
{
    QStringList parts;
    if (!f.accounts.isEmpty())
        parts << someOf(f.accounts, 2);
    if (!f.ips.isEmpty())
        parts << someOf(f.ips, 2);
    if (parts.isEmpty() && !f.hosts.isEmpty())
        parts << someOf(f.hosts, 2);
    return parts.isEmpty() ? QStringLiteral("—") : parts.join(QStringLiteral("; "));
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

/// Sources a campaign finding shows in its card; the rest are counted.
constexpr int kMembersShown = 25;

/// A campaign finding's sources, one row each with the counts its detection recorded.
void campaignMembers(HtmlOut &out,
                     const nlohmann::json &details,
                     const QHash<QString, QString> &refs)
{
    const FindingMembers members = findingMembers(details);
    if (members.rows.empty())
        return;
    const auto shown = std::min<std::size_t>(members.rows.size(), kMembersShown);
    out.element("h4",
                shown < std::size_t(members.total)
                        ? QStringLiteral("Sources: the %1 busiest of %2 (netcase findings --json "
                                         "lists every one the case keeps)")
                                  .arg(shown)
                                  .arg(members.total)
                        : QStringLiteral("Sources (%1)").arg(members.total));
    QStringList head = {QStringLiteral("Address"), QStringLiteral("Attempts")};
    if (members.anyFailures)
        head << QStringLiteral("Failures");
    if (members.anyAccounts)
        head << QStringLiteral("Accounts");
    head << QStringLiteral("Window (%1)").arg(ShownZone::name());
    out.tableStart(head, "small");
    const auto n = [](std::int64_t v) {
        return v < 0 ? QStringLiteral("—") : num(v);
    };
    for (std::size_t i = 0; i < shown; ++i) {
        const FindingMember &m = members.rows[i];
        const QString ref = refs.value(m.ip);
        QStringList row
                = {ref.isEmpty() ? m.ip : QStringLiteral("%1 [%2]").arg(m.ip, ref), n(m.attempts)};
        if (members.anyFailures)
            row << n(m.failures);
        if (members.anyAccounts)
            row << n(m.accounts);
        row << QStringLiteral("%1 to %2").arg(shownSecond(m.firstUs), shownSecond(m.lastUs));
        out.row(row);
    }
    out.tableEnd();
}

/// "Label value · Label value" (labels in bold) as one compact paragraph; values are markup.
void facts(HtmlOut &out, const QList<QPair<QString, QString>> &items)
{
    QStringList parts;
    for (const auto &[label, html] : items)
        parts << QStringLiteral("<span class=\"k\">") + esc(label) + QStringLiteral("</span> ")
                         + html;
    out.raw(QStringLiteral("<p class=\"facts\">") + parts.join(QStringLiteral(" · "))
            + QStringLiteral("</p>\n"));
}

void findingCard(HtmlOut &out,
                 const ReportFinding &rf,
                 int maxEvidence,
                 const QHash<QString, QString> &refs)
{
    const StoredFinding &f = rf.finding;
    out.raw(out.forQt() ? QString() : QStringLiteral("<div class=\"card\">\n"));
    out.heading(3, QStringLiteral("#%1 %2").arg(f.id).arg(f.title),
                QStringLiteral("finding-%1").arg(f.id));
    QList<QPair<QString, QString>> first = {
            {QStringLiteral("Severity"), out.severityBadge(f.severity)},
            {QStringLiteral("Kind"),
             esc(f.rule == f.kind ? f.kind : QStringLiteral("%1 (rule %2)").arg(f.kind, f.rule))},
            {QStringLiteral("Window"), esc(windowText(f.firstTs, f.lastTs))}};
    if (!rf.decisionState.isEmpty())
        first.append(
                {QStringLiteral("Decision"), esc(rf.decisionState.join(QStringLiteral("; ")))});
    if (f.suppressedBy)
        first.append({QStringLiteral("Status"),
                      esc(QStringLiteral("suppressed by tuning entry #%1").arg(f.suppressedBy))});
    if (rf.citedOnly)
        first.append({QStringLiteral("Status"),
                      esc(QStringLiteral("no longer produced by the latest analysis; listed "
                                         "because a decision cites it"))});
    facts(out, first);
    QList<QPair<QString, QString>> who
            = {{QStringLiteral("Addresses"), esc(addressesText(f.ips, refs))}};
    if (!f.accounts.isEmpty())
        who.append({QStringLiteral("Accounts"), esc(someOf(f.accounts, kAccountsShown))});
    if (!f.hosts.isEmpty())
        who.append({QStringLiteral("Hosts"), esc(joined(f.hosts))});
    if (!f.asns.isEmpty())
        who.append({QStringLiteral("Networks"), esc(joined(f.asns))});
    facts(out, who);
    if (f.signalList.is_array() && !f.signalList.empty()) {
        QStringList lines;
        for (const auto &sig : f.signalList)
            lines << esc(QStringLiteral("%1 (%2): %3")
                                 .arg(jsonText(sig, "name"), jsonText(sig, "weight"),
                                      jsonText(sig, "detail")));
        facts(out, {{QStringLiteral("Signals (weight)"), lines.join(QStringLiteral("; "))}});
    }
    if (const auto covers = f.details.find("covers");
        covers != f.details.end() && covers->is_array() && !covers->empty()) {
        QStringList titles;
        for (const auto &c : *covers)
            titles << jsonText(c, "title");
        facts(out, {{QStringLiteral("Also fired within this evidence"),
                     esc(titles.join(QStringLiteral("; ")))}});
    }
    if (f.caveats.is_array() && !f.caveats.empty()) {
        QStringList lines;
        for (const auto &c : f.caveats)
            lines << esc(jsonText(c, "text") + QStringLiteral(" (") + jsonText(c, "code")
                         + QLatin1Char(')'));
        facts(out, {{QStringLiteral("Caveats"), lines.join(QStringLiteral("; "))}});
    }
    const auto shown = std::int64_t(rf.evidence.size());
    QString evidence;
    if (shown == 0 && rf.evidenceStored > 0)
        evidence = QStringLiteral("%1 events in total; the case keeps %2 evidence ids (netcase "
                                  "findings --json lists them). No raw line is shown: the report "
                                  "shows at most %3 per finding, or the events were purged after "
                                  "the case's retention date.")
                           .arg(f.evidenceCount)
                           .arg(rf.evidenceStored)
                           .arg(maxEvidence);
    else if (shown == 0)
        evidence = QStringLiteral("The case keeps no evidence events for this finding.");
    else if (rf.evidenceStored > shown || f.evidenceCount > shown)
        evidence = QStringLiteral("%1 events in total, the first %2 by event id below (at most "
                                  "%3 per finding; the case keeps %4 evidence ids, netcase "
                                  "findings --json lists them).")
                           .arg(f.evidenceCount)
                           .arg(shown)
                           .arg(maxEvidence)
                           .arg(rf.evidenceStored);
    else
        evidence = QStringLiteral("%1 events below.").arg(f.evidenceCount);
    facts(out, {{QStringLiteral("Evidence"), esc(evidence)}});
    if (f.kind == QLatin1String("intel"))
        intelIndicators(out, f.details);
    campaignMembers(out, f.details, refs);
    if (shown > 0) {
        // No header row: the Evidence line above says what the columns are.
        out.tableStart({}, "evidence", {24, 76});
        for (const ReportEvidence &e : rf.evidence) {
            // Date and time each stay on one line (a browser would otherwise break the date at
            // its hyphens in a narrow column).
            const QStringList when = shownSecond(e.timestampUs).split(QLatin1Char(' '));
            out.rowHtml({QStringLiteral("<span class=\"nobr\">%1</span> "
                                        "<span class=\"nobr\">%2</span><br>%3")
                                 .arg(esc(when.value(0)), esc(when.value(1)),
                                      esc(QStringLiteral("%1:%2").arg(e.source).arg(e.line))),
                         e.rawMissing ? esc(QStringLiteral("(raw record not kept)"))
                                      : out.rawLine(e.raw)});
        }
        out.tableEnd();
    }
    out.raw(out.forQt() ? QString() : QStringLiteral("</div>\n"));
}

/// One row per finding below the threshold: kind, severity, subject, counts, state.
void tableOnlyFindings(HtmlOut &out,
                       const ReportData &d,
                       const std::vector<const ReportFinding *> &ordered)
{
    out.heading(3, QStringLiteral("Findings below severity %1 (table only)").arg(d.minSeverity),
                QStringLiteral("findings-table"));
    out.paragraph(QStringLiteral("%1 findings below severity %2 that no decision cites, one row "
                                 "each, without signals, caveats or evidence lines. The JSON "
                                 "report, the HTML report and netcase findings --json give every "
                                 "detail; --min-severity 0 prints them all in full.")
                          .arg(d.tableOnlyFindings)
                          .arg(d.minSeverity),
                  "note");
    out.tableStart({QStringLiteral("#"), QStringLiteral("Severity"), QStringLiteral("Kind"),
                    QStringLiteral("Subject"), QStringLiteral("Events, addr., accounts"),
                    QStringLiteral("Decision / status")},
                   "small", {6, 13, 18, 39, 10, 14});
    for (const ReportFinding *rf : ordered) {
        if (!rf->tableOnly)
            continue;
        const StoredFinding &f = rf->finding;
        QString status = QStringLiteral("undecided");
        if (f.suppressedBy)
            status = QStringLiteral("suppressed by tuning entry #%1").arg(f.suppressedBy);
        out.rowHtml(
                {esc(QString::number(f.id)), out.severityBadge(f.severity), esc(f.kind),
                 esc(subjectText(f)),
                 esc(QStringLiteral("%1, %2, %3")
                             .arg(num(f.evidenceCount), num(f.ips.size()), num(f.accounts.size()))),
                 esc(status)});
    }
    out.tableEnd();
}

} // namespace

QString minSeverityText(const ReportData &d)
{
    if (d.minSeverity <= 0)
        return QStringLiteral("Every finding is shown in full (minimum severity 0).");
    const std::int64_t full = std::int64_t(d.findings.size()) - d.tableOnlyFindings;
    QString text = QStringLiteral("Minimum severity %1 (%2): %3 findings at or above it, or cited "
                                  "by a decision, are shown in full; %4 below it are listed in "
                                  "table form only.")
                           .arg(d.minSeverity)
                           .arg(severityWord(d.minSeverity))
                           .arg(full)
                           .arg(d.tableOnlyFindings);
    if (d.minSeverityAuto)
        text += d.minSeverity > kSeverityMedium
                        ? QStringLiteral(" The threshold was chosen for this PDF: at medium (%1) "
                                         "%2 undecided findings would be in full; it was raised "
                                         "until at most %3 are. --min-severity sets it; the HTML "
                                         "and JSON reports show every finding in full.")
                                  .arg(kSeverityMedium)
                                  .arg(d.inFullAtMedium)
                                  .arg(ReportOptions::kAutoFindingsInFull)
                        : QStringLiteral(" This is the PDF's default (medium); --min-severity "
                                         "sets it, and the HTML and JSON reports show every "
                                         "finding in full.");
    return text;
}

void htmlFindingsSection(HtmlOut &out, const ReportData &d)
{
    out.section("findings", QStringLiteral("2. Findings"));
    if (d.findings.empty()) {
        out.paragraph(QStringLiteral("The analysis produced no findings."));
        return;
    }
    const auto ordered = findingsBySeverity(d.findings);
    out.paragraph(QStringLiteral("%1 findings, most severe first. Severity (0–100) is the sum of "
                                 "the weighted signals; caveats say why the evidence may mislead. "
                                 "Evidence lines are shown exactly as logged (time in %3, "
                                 "source:line, then the line; a tab is shown as →), at most %2 "
                                 "per finding. Addresses marked [A…] are described in Appendix A; "
                                 "D1, D2… are the decisions of section 1.")
                          .arg(d.findings.size())
                          .arg(d.maxEvidence)
                          .arg(ShownZone::name()));
    out.paragraph(minSeverityText(d));
    if (d.inactiveFindings > 0)
        out.paragraph(QStringLiteral("%1 earlier findings that the latest analysis no longer "
                                     "produces and no decision cites are not listed.")
                              .arg(d.inactiveFindings),
                      "note");
    const QHash<QString, QString> refs = addressRefs(d);
    for (const ReportFinding *rf : ordered)
        if (!rf->tableOnly)
            findingCard(out, *rf, d.maxEvidence, refs);
    if (d.tableOnlyFindings > 0)
        tableOnlyFindings(out, d, ordered);
}

} // namespace netcase
