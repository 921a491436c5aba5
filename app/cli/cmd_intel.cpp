#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/interrupt.h"
#include "cli/output.h"

#include "analysis/findingstore.h"
#include "case/casefile.h"
#include "core/displaytext.h"
#include "core/identity.h"
#include "jobs/intelimport.h"

#include <nlohmann/json.hpp>

namespace netcase::cli {

namespace {

nlohmann::json fileJson(const IntelFileOutcome &o)
{
    nlohmann::json j = {{"path", o.path.toStdString()}, {"imported", o.source.has_value()}};
    if (!o.source) {
        j["error"] = o.error.toStdString();
        return j;
    }
    const intel::IntelSource &s = *o.source;
    auto unsupported = nlohmann::json::array();
    for (const intel::Unsupported &u : s.unsupported)
        unsupported.push_back({{"id", u.id.toStdString()},
                               {"what", u.what.toStdString()},
                               {"reason", u.reason.toStdString()}});
    j.update({{"source_id", s.id},
              {"format", s.format.toStdString()},
              {"name", s.name.toStdString()},
              {"sha256", s.sha256.toStdString()},
              {"producer", s.producer.toStdString()},
              {"indicators", s.indicators},
              {"unsupported", unsupported}});
    return j;
}

void printFile(const IntelFileOutcome &o)
{
    if (!o.source) {
        errLine(QStringLiteral("refused %1: %2").arg(displaySafe(o.path), displaySafe(o.error)));
        return;
    }
    const intel::IntelSource &s = *o.source;
    outLine(QStringLiteral("%1  %2  %3 indicators  producer %4  sha256 %5")
                    .arg(s.format, -4)
                    .arg(displaySafe(s.name))
                    .arg(s.indicators)
                    .arg(displaySafe(s.producer.isEmpty() ? QStringLiteral("(none named)")
                                                          : s.producer),
                         s.sha256.left(16)));
    for (const intel::Unsupported &u : s.unsupported)
        outLine(QStringLiteral("  not used: %1%2")
                        .arg(u.id.isEmpty() ? QString() : displaySafe(u.id) + QStringLiteral(": "),
                             displaySafe(u.reason)));
}

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("intel", argv, {{"json", false}},
                                   {.minPositional = 2, .maxPositional = -1});
    if (!args)
        return fail(args.error());
    const bool json = args->has(QStringLiteral("json"));
    setJsonErrors(json);
    auto c = openCase(args->positional().first(), true);
    if (!c)
        return fail(c.error());
    std::atomic<bool> cancel{false};
    const CancelOnInterrupt interrupt(cancel);
    const auto sum = [&] {
        const ProgressLine progress;
        return importIntelligence(
                c->db(), args->positional().mid(1), currentUserName(),
                [&](const QString &stage, int pct) { progress.show(pct, stage); }, &cancel);
    }();
    if (!sum)
        return fail(sum.error());
    const std::vector<StoredFinding> matches = intelFindingsOf(c->db());
    const int status = sum->refused() > 0 ? 2 : 0;
    if (json) {
        nlohmann::json j = {{"files", nlohmann::json::array()},
                            {"analysis_run", sum->runId},
                            {"matches", nlohmann::json::array()}};
        for (const IntelFileOutcome &o : sum->files)
            j["files"].push_back(fileJson(o));
        for (const StoredFinding &f : matches)
            j["matches"].push_back(f.toJson());
        if (status)
            j["error"] = errorObject(
                    makeError(QStringLiteral("%1 file(s) refused").arg(sum->refused())));
        outJson(j);
        return status;
    }
    for (const IntelFileOutcome &o : sum->files)
        printFile(o);
    if (sum->analysed)
        outLine(QStringLiteral("analysis run %1: %2").arg(sum->runId).arg(sum->analysis));
    outLine(QStringLiteral("%1 intelligence match(es)").arg(matches.size()));
    for (const StoredFinding &f : matches)
        outLine(QStringLiteral("  #%1  severity %2  %3")
                        .arg(f.id)
                        .arg(f.severity, 3)
                        .arg(displaySafe(f.title)));
    return status;
}

} // namespace

extern const Command kIntelCommand = {
        "intel",
        "intel CASE FILE... [--json]",
        "import STIX 2.1 / MISP intelligence and match the case",
        "Imports threat intelligence: STIX 2.1 bundles (indicators with STIX patterns on\n"
        "ipv4-addr, ipv6-addr, domain-name and url values), MISP event JSON exports, and MISP\n"
        "feeds (a manifest.json or the folder holding it, with one <uuid>.json per event;\n"
        "attributes ip-src, ip-dst, ip-src|port, ip-dst|port, domain, hostname, url). The\n"
        "format is told from the content. Each file is stored whole with its SHA-256, producer,\n"
        "confidence, validity, labels and tags (one audited transaction per file; a file\n"
        "already in the case or not readable is refused and leaves nothing). What a file holds\n"
        "that Netcase cannot use is listed with the reason. Then the analysis runs and the\n"
        "matches become findings of kind intel; a match outside an indicator's validity\n"
        "window is shown as such and does not raise the severity. See docs/INTEL.md.\n"
        "With --json, one object: files (imported, format, sha256, producer, indicators,\n"
        "unsupported or error), analysis_run and matches (the intel findings).\n"
        "Exit 2 when a file was refused (the others are imported).",
        AppKind::Core,
        &run};

} // namespace netcase::cli
