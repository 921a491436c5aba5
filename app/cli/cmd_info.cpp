#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/output.h"

#include "case/caseinfo.h"
#include "case/casesummary.h"
#include "case/encryptedcase.h"
#include "core/displaytext.h"
#include "core/timeutil.h"

#include <nlohmann/json.hpp>

namespace netcase::cli {

namespace {

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("info", argv, {{"json", false}});
    if (!args)
        return fail(args.error());
    auto c = openCase(args->positional().first(), false);
    if (!c)
        return fail(c.error());
    const CaseSummary s = CaseSummary::read(*c);
    QString cipher;
    if (c->encrypted()) {
        auto d = crypt::cipherDescription();
        cipher = d ? *d : QStringLiteral("SQLCipher");
    }
    if (args->has(QStringLiteral("json"))) {
        nlohmann::json j = s.toJson();
        j["encrypted"] = c->encrypted();
        if (c->encrypted())
            j["encryption"] = cipher.toStdString();
        outJson(j);
        return 0;
    }
    const CaseInfo &i = s.info;
    outLine(QStringLiteral("title          %1").arg(displaySafe(i.title)));
    outLine(QStringLiteral("authorization  %1").arg(displaySafe(authorisationText(i))));
    if (!i.scope.isEmpty())
        outLine(QStringLiteral("scope          %1").arg(displaySafe(i.scope)));
    if (!i.retentionDate.isEmpty())
        outLine(QStringLiteral("retention      %1").arg(i.retentionDate));
    if (!i.preserveReason.isEmpty())
        outLine(QStringLiteral("preserved      for an incident: %1 (purge refused)")
                        .arg(displaySafe(i.preserveReason)));
    if (!i.purgedAt.isEmpty())
        outLine(QStringLiteral("purged         %1 (events and raw records removed)")
                        .arg(i.purgedAt));
    outLine(QStringLiteral("encrypted      %1")
                    .arg(c->encrypted() ? QStringLiteral("yes (%1)").arg(cipher)
                                        : QStringLiteral("no")));
    outLine(QStringLiteral("created        %1 by %2").arg(i.createdAt, displaySafe(i.createdBy)));
    outLine(QStringLiteral("events         %1").arg(s.events));
    outLine(QStringLiteral("rejects        %1").arg(s.rejects));
    if (s.events > 0)
        outLine(QStringLiteral("time span      %1 .. %2").arg(utcIso(s.firstTs), utcIso(s.lastTs)));
    outLine(QStringLiteral("sources        %1").arg(s.sources.size()));
    for (const SourceSummary &src : s.sources) {
        outLine(QStringLiteral("  %1  %2  %3 events  %4 rejects  sha256 %5")
                        .arg(displaySafe(src.name), src.format)
                        .arg(src.events)
                        .arg(src.rejects)
                        .arg(src.sha256.left(16)));
        for (const auto &[reason, count] : src.rejectReasons)
            outLine(QStringLiteral("      %1 x %2").arg(count).arg(displaySafe(reason)));
    }
    outLine(QStringLiteral("audit head     %1").arg(s.auditHead));
    return 0;
}

} // namespace

extern const Command kInfoCommand
        = {"info",
           "info CASE [--json]",
           "show a case: title, sources, counts, time span",
           "Prints the case's title and authorisation, each source with its SHA-256, format and\n"
           "event and reject counts (with reject reasons), totals and the time span. With\n"
           "--json, one JSON object with at least: title, events, rejects, sources[] (name,\n"
           "sha256, format, events, rejects), time_span {from, to}, encrypted (and encryption:\n"
           "\"SQLCipher 3.4.1, AES-256-CBC\" for an encrypted case).",
           AppKind::Core,
           &run};

} // namespace netcase::cli
