#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/output.h"

#include "analysis/findingstore.h"
#include "analysis/tuning.h"
#include "core/displaytext.h"
#include "core/timeutil.h"

#include <nlohmann/json.hpp>

namespace netcase::cli {

namespace {

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("findings", argv,
                                   {{"json", false},
                                    {"all", false},
                                    {"kind", true},
                                    {"min-severity", true},
                                    {"rule-stats", false}});
    if (!args)
        return fail(args.error());
    auto minSeverity = args->number(QStringLiteral("min-severity"), 0);
    if (!minSeverity)
        return fail(minSeverity.error());
    auto c = openCase(args->positional().first(), false);
    if (!c)
        return fail(c.error());
    const bool json = args->has(QStringLiteral("json"));
    if (args->has(QStringLiteral("rule-stats"))) {
        const nlohmann::json stats = Tuning::statsJson(c->db());
        if (json) {
            for (const auto &s : stats)
                outJson(s);
            return 0;
        }
        outLine(QStringLiteral("%1  %2  %3  %4")
                        .arg(QStringLiteral("rule"), -28)
                        .arg(QStringLiteral("hits"), 6)
                        .arg(QStringLiteral("escalated"), 9)
                        .arg(QStringLiteral("benign"), 6));
        for (const auto &s : stats)
            outLine(QStringLiteral("%1  %2  %3  %4")
                            .arg(QString::fromStdString(s["rule"].get<std::string>()), -28)
                            .arg(s["hits"].get<long long>(), 6)
                            .arg(s["escalated"].get<long long>(), 9)
                            .arg(s["benign"].get<long long>(), 6));
        return 0;
    }
    const QStringList kinds = args->values(QStringLiteral("kind"));
    const auto all = FindingStore::read(c->db(), args->has(QStringLiteral("all")));
    int shown = 0;
    for (const StoredFinding &f : all) {
        if (f.severity < *minSeverity || (!kinds.isEmpty() && !kinds.contains(f.kind)))
            continue;
        ++shown;
        if (json) {
            outJson(f.toJson());
            continue;
        }
        QString entities = f.accounts.mid(0, 3).join(QLatin1Char(','));
        if (!f.ips.isEmpty())
            entities += (entities.isEmpty() ? QString() : QStringLiteral(" "))
                        + f.ips.mid(0, 3).join(QLatin1Char(','))
                        + (f.ips.size() > 3 ? QStringLiteral(" +%1").arg(f.ips.size() - 3)
                                            : QString());
        outLine(QStringLiteral("#%1  %2  %3  %4  %5 events%6")
                        .arg(f.id, 4)
                        .arg(f.severity, 3)
                        .arg(f.kind, -28)
                        .arg(displaySafe(f.title))
                        .arg(f.evidenceCount)
                        .arg(f.suppressedBy ? QStringLiteral("  (suppressed by tuning #%1)")
                                                      .arg(f.suppressedBy)
                                            : QString()));
        outLine(QStringLiteral("       %1 .. %2  %3")
                        .arg(utcIso(f.firstTs), utcIso(f.lastTs), displaySafe(entities)));
        for (const auto &cv : f.caveats)
            outLine(QStringLiteral("       caveat: %1")
                            .arg(displaySafe(
                                    QString::fromStdString(cv.value("text", std::string())))));
    }
    if (!json && shown == 0)
        outLine(QStringLiteral("no findings (run: netcase analyze %1)")
                        .arg(args->positional().first()));
    return 0;
}

} // namespace

extern const Command kFindingsCommand
        = {"findings",
           "findings CASE [--kind K]... [--min-severity N] [--all] [--rule-stats] [--json]",
           "list findings",
           "Lists the findings of the latest analysis, most severe first, with their caveats.\n"
           "--all includes findings the latest run no longer produced. --rule-stats lists the\n"
           "per-rule statistics (hits, escalated, benign) instead. With --json, one object per\n"
           "line: id, kind, rule, title, severity (0-100), entities {ips, accounts, hosts, asns},\n"
           "window {from, to}, evidence_count, signals [{name, weight, detail}], caveats [{code,\n"
           "text}].",
           AppKind::Core,
           &run};

} // namespace netcase::cli
