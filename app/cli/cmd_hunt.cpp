#include "cli/args.h"
#include "cli/clusterargs.h"
#include "cli/command.h"
#include "cli/output.h"

#include "analysis/rules.h"
#include "cluster/chhunt.h"
#include "cluster/chschema.h"
#include "cluster/chwhere.h"
#include "core/displaytext.h"
#include "core/timeutil.h"

#include <nlohmann/json.hpp>

namespace netcase::cli {

namespace {

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("hunt", argv,
                                   {{"rule", true},
                                    {"case", true},
                                    {"from", true},
                                    {"to", true},
                                    {"query", true},
                                    {"password-file", true},
                                    {"password-keyring", true},
                                    {"ca-file", true},
                                    {"tls-no-verify", false},
                                    {"json", false}},
                                   {.minPositional = 0, .maxPositional = 1, .required = {"rule"}});
    if (!args)
        return fail(args.error());
    setJsonErrors(args->has(QStringLiteral("json")));
    auto range = timeRange(*args);
    if (!range)
        return fail(range.error());
    std::optional<cluster::ChSettings> stored;
    if (args->has(QStringLiteral("case"))) {
        auto st = storedSettings(args->value(QStringLiteral("case")));
        if (!st)
            return fail(st.error());
        stored = *st;
    }
    auto conn = clusterConnection(args->positional().value(0), *args, stored);
    if (!conn)
        return fail(conn.error());
    if (Status s = cluster::checkSchema(*conn); !s)
        return fail(s.error());
    auto rules = Rules::defaults();
    if (!rules)
        return fail(rules.error());
    auto filter = cluster::optionFilter(range->first, range->second, {}, {});
    if (filter && args->has(QStringLiteral("query")))
        filter = cluster::withQuery(*filter, args->value(QStringLiteral("query")));
    if (!filter)
        return fail(filter.error());
    auto found = cluster::hunt(*conn, args->value(QStringLiteral("rule")), *rules, *filter);
    if (!found)
        return fail(found.error());
    if (args->has(QStringLiteral("json"))) {
        nlohmann::json j = {{"rule", found->rule.toStdString()},
                            {"window_s", found->windowS},
                            {"candidates", nlohmann::json::array()}};
        for (const auto &h : found->candidates) {
            nlohmann::json o
                    = {{"entity", h.entity}, {"events", h.events}, {"failures", h.failures}};
            if (found->windowS > 0)
                o["window_start"] = formatIsoUs(h.windowStartUs);
            if (!found->distinctName.isEmpty())
                o[found->distinctName.toStdString()] = h.distinct;
            j["candidates"].push_back(o);
        }
        outJson(j);
        return 0;
    }
    for (const auto &h : found->candidates) {
        QString line
                = QStringLiteral("%1  %2  %3 events  %4 failures")
                          .arg(displaySafe(QString::fromStdString(h.entity)),
                               found->windowS > 0 ? utcIso(h.windowStartUs) : QStringLiteral("-"))
                          .arg(h.events)
                          .arg(h.failures);
        if (!found->distinctName.isEmpty())
            line += QStringLiteral("  %1 %2").arg(h.distinct).arg(found->distinctName);
        outLine(line);
    }
    outLine(QStringLiteral("%1 candidates for %2").arg(found->candidates.size()).arg(found->rule));
    return 0;
}

} // namespace

extern const Command kHuntCommand
        = {"hunt",
           "hunt [clickhouse://HOST:PORT/DB] [--case CASE] --rule "
           "credential_stuffing|password_spraying|"
           "ssh_bruteforce|ddos|beaconing [--from T] [--to T] [--query Q] [--password-file "
           "FILE|--password-keyring NAME] "
           "[--ca-file PEM] [--tls-no-verify] "
           "[--json]",
           "run a detection's first stage on a ClickHouse cluster",
           "Runs the aggregating first stage of the rule as SQL on the cluster: per entity\n"
           "(source address; target for ddos; source, destination and port for beaconing) and\n"
           "fixed window of the rule's window_s, the counts its thresholds are about, with the\n"
           "case's default thresholds and sign-in classification. Lists the candidates with\n"
           "their counts; pull their events into a case ('netcase pull --ip') for the full\n"
           "detection. --from is inclusive and --to exclusive (ISO 8601, dates or epoch\n"
           "seconds). --query narrows the events hunted with the case query language's field\n"
           "terms, as for 'netcase pull' (e.g. --query 'src:203.0.113.0/24'). Without a URL,\n"
           "--case CASE takes the connection settings stored in that case.",
           AppKind::Core,
           &run};

} // namespace netcase::cli
