// Report section 1, the decisions: every revision with its reasoning, its factors (what the
// analyst relied on, the findings and events cited, which enrichment was shown) and its
// reviews. The enrichment values themselves are in the Addresses appendix, once per address.

#include "htmlout.h"

#include "report/reportdata.h"

#include <algorithm>

namespace netcase {

namespace {

QString evidenceText(const std::vector<std::int64_t> &ids)
{
    if (ids.empty())
        return QStringLiteral("—");
    QStringList parts;
    const std::size_t shown = std::min<std::size_t>(ids.size(), 8);
    for (std::size_t i = 0; i < shown; ++i)
        parts << QString::number(ids[i]);
    QString text = QStringLiteral("%1 event%2: ")
                           .arg(ids.size())
                           .arg(ids.size() == 1 ? QString() : QStringLiteral("s"))
                   + parts.join(QStringLiteral(", "));
    if (ids.size() > shown)
        text += QStringLiteral(" and %1 more").arg(ids.size() - shown);
    return text;
}

/// The addresses whose enrichment a factor showed, with their appendix references
/// ("203.0.113.66 [A3]"); the fields and values are in the appendix.
QStringList enrichedAddresses(const Factor &f, const QHash<QString, QString> &refs)
{
    QStringList out;
    for (const EnrichmentValue &e : f.enrichment) {
        const QString ref = refs.value(e.ip);
        const QString text = ref.isEmpty() ? e.ip : QStringLiteral("%1 [%2]").arg(e.ip, ref);
        if (!out.contains(text))
            out << text;
    }
    return out;
}

/// Consecutive factors drawn from one finding with the same evidence and addresses share a row:
/// the signals of one finding are read together.
void factorsTable(HtmlOut &out,
                  const std::vector<Factor> &factors,
                  const QHash<QString, QString> &refs)
{
    if (factors.empty()) {
        out.paragraph(QStringLiteral("No factors were recorded."));
        return;
    }
    out.tableStart({QStringLiteral("Factors"), QStringLiteral("From"), QStringLiteral("Evidence"),
                    QStringLiteral("Enrichment shown for (Appendix A)")},
                   "small", {44, 14, 20, 22});
    for (std::size_t i = 0; i < factors.size();) {
        const Factor &first = factors[i];
        const QStringList addresses = enrichedAddresses(first, refs);
        std::size_t end = i + 1;
        while (end < factors.size() && first.findingId && factors[end].findingId == first.findingId
               && factors[end].evidence == first.evidence
               && enrichedAddresses(factors[end], refs) == addresses)
            ++end;
        QStringList texts;
        for (std::size_t k = i; k < end; ++k)
            texts << esc(factors[k].signal.isEmpty()
                                 ? factors[k].text
                                 : factors[k].signal + QStringLiteral(": ") + factors[k].text);
        QString from = first.findingId ? QStringLiteral("finding #%1").arg(first.findingId)
                                       : QStringLiteral("analyst");
        out.rowHtml({texts.join(QStringLiteral("<br>")), esc(from),
                     esc(evidenceText(first.evidence)),
                     esc(addresses.isEmpty() ? QStringLiteral("—")
                                             : addresses.join(QStringLiteral(", ")))});
        i = end;
    }
    out.tableEnd();
}

void revisionBlock(HtmlOut &out,
                   const ReportDecision &rd,
                   const Decision &d,
                   const QHash<QString, QString> &refs)
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
    factorsTable(out, d.factors, refs);
    const auto it = rd.reviews.find(d.id);
    if (it == rd.reviews.end() || it->second.empty()) {
        out.paragraph(QStringLiteral("Not reviewed."), "note");
        return;
    }
    out.tableStart({QStringLiteral("Review"), QStringLiteral("Reviewer"), QStringLiteral("Note"),
                    QStringLiteral("At")});
    for (const Review &r : it->second)
        out.row({reviewVerdictText(r),
                 r.selfReview ? r.reviewer + QStringLiteral(" (self-review)") : r.reviewer, r.note,
                 r.createdAt});
    out.tableEnd();
}

} // namespace

QString reviewVerdictText(const Review &r)
{
    return r.verdict == QLatin1String("agree") ? QStringLiteral("agrees")
                                               : QStringLiteral("challenges");
}

void htmlDecisionsSection(HtmlOut &out, const ReportData &d)
{
    out.section("decisions", QStringLiteral("1. Decisions"), true);
    if (d.decisions.empty()) {
        out.paragraph(QStringLiteral("No decision has been recorded in this case."));
        return;
    }
    out.paragraph(QStringLiteral("Decisions are never edited: a change is a new revision, so the "
                                 "reasoning at each point in time is kept, newest first. Reviews "
                                 "agree with or challenge one revision. The enrichment a factor "
                                 "showed is named here and described once per address in "
                                 "Appendix A [A…]."));
    const QHash<QString, QString> refs = addressRefs(d);
    for (std::size_t i = 0; i < d.decisions.size(); ++i) {
        const ReportDecision &rd = d.decisions[i];
        const Decision &latest = rd.latest();
        out.raw(out.forQt() ? QString() : QStringLiteral("<div class=\"card\">\n"));
        out.heading(3, QStringLiteral("%1. %2 on %3 (%4 revision%5)")
                               .arg(decisionRef(i), decisions::verdictLabel(latest.verdict),
                                    latest.subject.toString())
                               .arg(rd.revisions.size())
                               .arg(rd.revisions.size() == 1 ? QString() : QStringLiteral("s")));
        for (auto it = rd.revisions.rbegin(); it != rd.revisions.rend(); ++it)
            revisionBlock(out, rd, *it, refs);
        out.raw(out.forQt() ? QString() : QStringLiteral("</div>\n"));
    }
}

} // namespace netcase
