// Report sections about the case itself: what it is (3), its sources (4), the enrichment data
// behind every address (5), its integrity (7) and the feedback on the rules (8).

#include "htmlout.h"

#include "report/reportdata.h"

#include "core/shownzone.h"
#include "core/timeutil.h"

#include <QLocale>

namespace netcase {

namespace {

QString num(std::int64_t n)
{
    return QLocale::c().toString(qlonglong(n));
}

QString orNone(const QString &s, const QString &none = QStringLiteral("not recorded"))
{
    return s.trimmed().isEmpty() ? none : s;
}

QString bytes(std::int64_t n)
{
    if (n < 1024)
        return QStringLiteral("%1 B").arg(n);
    if (n < 1024 * 1024)
        return QStringLiteral("%1 KiB").arg(double(n) / 1024.0, 0, 'f', 1);
    return QStringLiteral("%1 MiB").arg(double(n) / 1048576.0, 0, 'f', 1);
}

QString span(std::int64_t from, std::int64_t to)
{
    return shownStamp(from) + QStringLiteral(" to ") + shownStamp(to);
}

} // namespace

void htmlCaseSection(HtmlOut &out, const ReportData &d)
{
    const CaseSummary &c = d.summary;
    out.section("case", QStringLiteral("3. Case"));
    out.kvStart();
    out.kv(QStringLiteral("Title"), orNone(c.info.title));
    out.kv(QStringLiteral("Authorisation reference"), authorisationText(c.info));
    out.kv(QStringLiteral("Scope"), orNone(c.info.scope));
    out.kv(QStringLiteral("Times shown in"),
           ShownZone::isUtc() ? QStringLiteral("UTC")
                              : QStringLiteral("%1, the case's chosen zone (stored times and the "
                                               "JSON report are UTC)")
                                        .arg(ShownZone::name()));
    out.kv(QStringLiteral("Retention date"),
           orNone(c.info.retentionDate, QStringLiteral("not set")));
    if (!c.info.preserveReason.isEmpty())
        out.kv(QStringLiteral("Preserved for incident"),
               c.info.preserveReason + QStringLiteral(" (purging refused)"));
    if (!c.info.purgedAt.isEmpty())
        out.kv(QStringLiteral("Purged"),
               c.info.purgedAt
                       + QStringLiteral(": events, raw records and rejects removed after the "
                                        "retention date; findings keep their summaries"));
    out.kv(QStringLiteral("Analysts"), orNone(d.analysts.join(QStringLiteral(", "))));
    out.kv(QStringLiteral("Reviewers"),
           orNone(d.reviewers.join(QStringLiteral(", ")), QStringLiteral("none yet")));
    out.kv(QStringLiteral("Created"),
           QStringLiteral("%1 by %2 (Netcase %3)")
                   .arg(c.info.createdAt, orNone(c.info.createdBy), c.info.netcaseVersion));
    out.kv(QStringLiteral("Events"),
           c.events > 0
                   ? QStringLiteral("%1, from %2").arg(num(c.events), span(c.firstTs, c.lastTs))
                   : QStringLiteral("none"));
    out.kv(QStringLiteral("Rejected records"), num(c.rejects));
    out.kv(QStringLiteral("Distinct addresses / accounts"),
           QStringLiteral("%1 / %2").arg(num(c.distinctIps), num(c.distinctUsers)));
    out.kv(QStringLiteral("Last import"), orNone(d.lastImportAt, QStringLiteral("none")));
    out.kv(QStringLiteral("Last analysis"), orNone(d.lastAnalysisAt, QStringLiteral("none")));
    out.kv(QStringLiteral("State as of"), orNone(d.asOf, QStringLiteral("empty audit trail")));
    out.tableEnd();
}

void htmlSourcesSection(HtmlOut &out, const ReportData &d)
{
    out.section("sources", QStringLiteral("4. Sources"));
    const auto &sources = d.summary.sources;
    if (sources.empty()) {
        out.paragraph(QStringLiteral("No log file has been imported into this case."));
        return;
    }
    out.paragraph(QStringLiteral("Every file imported, as it was read: its SHA-256 identifies the "
                                 "exact bytes. Times were read in the time zone shown when the "
                                 "file did not state one."));
    out.tableStart({QStringLiteral("#"), QStringLiteral("File"), QStringLiteral("Format"),
                    QStringLiteral("Time zone"), QStringLiteral("Size"), QStringLiteral("Events"),
                    QStringLiteral("Rejects"), QStringLiteral("Imported")});
    for (const SourceSummary &s : sources) {
        const QString file = s.member.isEmpty()
                                     ? s.name
                                     : s.name + QStringLiteral(" (") + s.member + QLatin1Char(')');
        out.row({QString::number(s.id), file, s.format, s.timezone, bytes(s.size), num(s.events),
                 num(s.rejects), s.importedAt + QStringLiteral(" by ") + orNone(s.importedBy)});
    }
    out.tableEnd();
    out.tableStart({QStringLiteral("#"), QStringLiteral("SHA-256"),
                    QStringLiteral("Rejected records by reason")});
    for (const SourceSummary &s : sources) {
        QStringList reasons;
        const int shown = 6;
        for (std::size_t i = 0; i < s.rejectReasons.size() && i < shown; ++i)
            reasons << QStringLiteral("%1 × %2").arg(num(s.rejectReasons[i].second),
                                                     s.rejectReasons[i].first);
        if (s.rejectReasons.size() > shown)
            reasons << QStringLiteral("and %1 other reasons").arg(s.rejectReasons.size() - shown);
        QString reasonsHtml = reasons.isEmpty() ? esc(QStringLiteral("none")) : QString();
        for (const QString &r : reasons)
            reasonsHtml += (reasonsHtml.isEmpty() ? QString() : QStringLiteral("<br>")) + esc(r);
        out.rowHtml({QString::number(s.id),
                     QStringLiteral("<span class=\"hash\">") + esc(s.sha256)
                             + QStringLiteral("</span>"),
                     reasonsHtml});
    }
    out.tableEnd();
}

namespace {

/// The threat intelligence files imported (netcase intel), with their provenance.
void htmlIntelSources(HtmlOut &out, const ReportData &d)
{
    if (d.intelSources.empty())
        return;
    out.heading(3, QStringLiteral("Threat intelligence"));
    out.paragraph(QStringLiteral("Indicators imported from STIX 2.1 bundles and MISP events; "
                                 "matches are findings of kind intel. What a file held that "
                                 "Netcase cannot use is counted under Not used."));
    out.tableStart({QStringLiteral("#"), QStringLiteral("File"), QStringLiteral("Format"),
                    QStringLiteral("Producer"), QStringLiteral("Indicators"),
                    QStringLiteral("Not used"), QStringLiteral("Imported"),
                    QStringLiteral("SHA-256")});
    for (const intel::IntelSource &s : d.intelSources)
        out.rowHtml({QString::number(s.id), esc(s.name), esc(s.format.toUpper()),
                     esc(orNone(s.producer, QStringLiteral("not named"))), esc(num(s.indicators)),
                     esc(num(std::int64_t(s.unsupported.size()))),
                     esc(s.importedAt + QStringLiteral(" by ") + s.actor),
                     QStringLiteral("<span class=\"hash\">") + esc(s.sha256)
                             + QStringLiteral("</span>")});
    out.tableEnd();
}

} // namespace

void htmlEnrichmentSection(HtmlOut &out, const ReportData &d)
{
    out.section("enrichment", QStringLiteral("5. Enrichment"));
    if (d.enrichSources.isEmpty()) {
        out.box("warn", QStringLiteral("No geolocation, ASN or anonymiser database and no list "
                                       "was used: addresses carry only what the address itself "
                                       "tells (its class). Locations and networks are unknown."));
    } else {
        out.paragraph(QStringLiteral("Every database and list that produced a value, with the "
                                     "SHA-256 of the file used and when it was built."));
        out.tableStart({QStringLiteral("#"), QStringLiteral("Name"), QStringLiteral("Type"),
                        QStringLiteral("Built"), QStringLiteral("Entries"),
                        QStringLiteral("SHA-256"), QStringLiteral("Status")});
        for (const EnrichSource &s : d.enrichSources) {
            const QString type = s.kind + QStringLiteral(": ")
                                 + (s.type.isEmpty() ? s.category : s.type)
                                 + (s.note.isEmpty() ? QString() : QStringLiteral(" — ") + s.note);
            out.rowHtml({QString::number(s.id), esc(s.name), esc(type),
                         esc(s.buildDate.isValid()
                                     ? s.buildDate.toUTC().toString(QStringLiteral("yyyy-MM-dd"))
                                     : QStringLiteral("unknown")),
                         esc(s.entries >= 0 ? num(s.entries) : QStringLiteral("—")),
                         QStringLiteral("<span class=\"hash\">") + esc(s.sha256)
                                 + QStringLiteral("</span>"),
                         esc(s.stale ? QStringLiteral("STALE") : QStringLiteral("current"))});
        }
        out.tableEnd();
        for (const EnrichSource &s : d.enrichSources)
            if (s.stale)
                out.box("warn", s.staleness);
        const QStringList credits = attributions(d.enrichSources);
        if (!credits.isEmpty())
            out.paragraph(QStringLiteral("Data credits: ") + credits.join(QStringLiteral("; "))
                          + QLatin1Char('.'));
    }
    htmlIntelSources(out, d);
    out.heading(3, QStringLiteral("Fields collected and why"));
    out.paragraph(QStringLiteral("%1 addresses are enriched. An address's network and location "
                                 "describe where traffic came from, not who sent it.")
                          .arg(num(d.enrichedAddresses)));
    out.tableStart({QStringLiteral("Field"), QStringLiteral("Why it is collected"),
                    QStringLiteral("Addresses")},
                   nullptr, {30, 58, 12});
    for (const EnrichFieldDoc &f : d.enrichFields)
        out.rowHtml({QStringLiteral("<b>") + esc(f.label)
                             + QStringLiteral("</b><br><span "
                                              "class=\"note\">")
                             + esc(f.field) + QStringLiteral("</span>"),
                     esc(f.why), esc(num(f.addresses))});
    out.tableEnd();
}

void htmlIntegritySection(HtmlOut &out, const ReportData &d, const ReportOptions &options)
{
    const TrailCheck &t = d.trail;
    out.section("integrity", QStringLiteral("7. Integrity"));
    out.box(t.intact() ? "ok" : "bad", t.summary());
    out.kvStart();
    out.kv(QStringLiteral("Audit records"), num(t.chain.records));
    out.kvHtml(QStringLiteral("Head hash"),
               QStringLiteral("<span class=\"hash\">")
                       + esc(orNone(t.chain.headHash, QStringLiteral("(empty)")))
                       + QStringLiteral("</span>"));
    if (d.headSignature.isEmpty()) {
        out.kv(QStringLiteral("Head signature"),
               QStringLiteral("not signed: %1").arg(d.signatureError));
    } else {
        out.kvHtml(QStringLiteral("Head signature"), QStringLiteral("<span class=\"hash\">")
                                                             + esc(d.headSignature)
                                                             + QStringLiteral("</span>"));
        out.kv(QStringLiteral("Signed by key"), d.signerFingerprint);
        out.kvHtml(QStringLiteral("Public key"), QStringLiteral("<span class=\"hash\">")
                                                         + esc(d.signerPublicKey)
                                                         + QStringLiteral("</span>"));
    }
    for (const QString &signer : t.signers)
        out.kv(QStringLiteral("Signed records"), signer);
    out.kv(QStringLiteral("Chain"), t.chain.intact ? QStringLiteral("intact")
                                                   : QStringLiteral("broken at record %1: %2")
                                                             .arg(t.chain.firstBadSeq)
                                                             .arg(t.chain.problem));
    out.kv(QStringLiteral("Tables against the log"),
           t.problems.isEmpty() ? QStringLiteral("every decision and review matches its record")
                                : t.problems.join(QStringLiteral("; ")));
    out.kv(QStringLiteral("State as of"), orNone(d.asOf, QStringLiteral("empty audit trail")));
    out.kv(QStringLiteral("Report generated"), generatedAtText(options));
    out.kv(QStringLiteral("Netcase version"), QStringLiteral(NETCASE_VERSION));
    out.tableEnd();
    out.paragraph(QStringLiteral("To check later that no record was altered or removed since this "
                                 "report: netcase verify CASE --expect-head %1")
                          .arg(t.chain.headHash),
                  "note");
}

void htmlRuleFeedbackSection(HtmlOut &out, const ReportData &d)
{
    out.section("rules", QStringLiteral("8. Rule feedback"));
    if (d.ruleStats.empty()) {
        out.paragraph(QStringLiteral("No rule has fired in this case."));
    } else {
        out.paragraph(QStringLiteral("How often each rule fired and what analysts decided about "
                                     "its findings; a high benign ratio marks a noisy rule."));
        out.tableStart({QStringLiteral("Rule"), QStringLiteral("Findings"),
                        QStringLiteral("Escalated"), QStringLiteral("Benign"),
                        QStringLiteral("Benign ratio")});
        for (const RuleStats &r : d.ruleStats) {
            const std::int64_t reviewed = r.escalated + r.benign;
            out.row({r.rule, num(r.hits), num(r.escalated), num(r.benign),
                     reviewed ? QStringLiteral("%1 %").arg(
                             100.0 * double(r.benign) / double(reviewed), 0, 'f', 0)
                              : QStringLiteral("—")});
        }
        out.tableEnd();
    }
    out.heading(3, QStringLiteral("Tuning entries"));
    if (d.tuning.empty()) {
        out.paragraph(QStringLiteral("No rule was tuned in this case."));
        return;
    }
    out.tableStart({QStringLiteral("#"), QStringLiteral("Rule"), QStringLiteral("Change"),
                    QStringLiteral("Reason"), QStringLiteral("By"), QStringLiteral("Expires")});
    for (const TuningEntry &e : d.tuning) {
        QString expires = e.expiresAt.isEmpty() ? QStringLiteral("never") : e.expiresAt;
        if (e.expired(d.asOf))
            expires += QStringLiteral(" (expired)");
        QString by = e.createdBy + QStringLiteral(", ") + e.createdAt;
        if (e.decisionId)
            by += QStringLiteral(", decision #%1").arg(e.decisionId);
        out.row({QString::number(e.id), e.rule,
                 TuningEntry::kindName(e.kind) + QStringLiteral(": ") + e.value, e.reason, by,
                 expires});
    }
    out.tableEnd();
}

} // namespace netcase
