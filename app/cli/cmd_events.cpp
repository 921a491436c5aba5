#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/output.h"

#include "audit/sectiondigest.h"
#include "case/eventjson.h"
#include "case/eventquery.h"
#include "core/displaytext.h"
#include "core/eventexport.h"
#include "core/ipaddr.h"
#include "core/timeutil.h"
#include "enrich/ecsdecorator.h"
#include "query/eventsearch.h"

#include <nlohmann/json.hpp>

namespace netcase::cli {

namespace {

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("events", argv,
                                   {{"ip", true},
                                    {"user", true},
                                    {"from", true},
                                    {"to", true},
                                    {"limit", true},
                                    {"query", true},
                                    {"raw", false},
                                    {"format", true}});
    if (!args)
        return fail(args.error());
    EventFilter f;
    for (const QString &ip : args->values(QStringLiteral("ip"))) {
        // The case stores canonical addresses: 2001:DB8:0::1 finds 2001:db8::1.
        std::string canonical;
        if (!normaliseIp(ip.trimmed().toStdString(), canonical))
            return fail(makeError(QStringLiteral("--ip: '%1' is not an IP address").arg(ip),
                                  ErrorCode::Usage));
        f.ips << QString::fromStdString(canonical);
    }
    f.users = args->values(QStringLiteral("user"));
    if (args->has(QStringLiteral("query"))) {
        const std::string text = args->value(QStringLiteral("query")).toStdString();
        if (auto err = query::applyQuery(text, f))
            return fail(makeError(
                    QStringLiteral("--query %1\n'netcase help query' describes the language")
                            .arg(QString::fromStdString(query::describeError(text, *err))),
                    ErrorCode::Usage));
    }
    auto from = args->time(QStringLiteral("from"));
    auto to = args->time(QStringLiteral("to"));
    auto limit = args->number(QStringLiteral("limit"), -1);
    if (!from)
        return fail(from.error());
    if (!to)
        return fail(to.error());
    if (!limit)
        return fail(limit.error());
    if (args->has(QStringLiteral("limit")) && *limit < 0)
        return fail(makeError(QStringLiteral("--limit expects a count of 0 or more"),
                              ErrorCode::Usage));
    const std::string format
            = args->value(QStringLiteral("format"), QStringLiteral("ecs")).toStdString();
    if (!std::count(eventExportFormats().begin(), eventExportFormats().end(), format))
        return fail(makeError(QStringLiteral("--format: one of ecs, timesketch, ecs-bulk"),
                              ErrorCode::Usage));
    f.fromUs = *from;
    f.toUs = *to;
    f.limit = *limit;

    auto c = openCase(args->positional().first(), false);
    if (!c)
        return fail(c.error());
    // The stored events are checked against the hashes their import recorded (it reads and
    // hashes the blocks, postings and dictionaries: 0.6 s for 1,000,000 events in a debug
    // build): damaged blocks are named, and what is printed is then marked as not to be trusted
    // instead of passing as the imported events.
    const digest::Coverage stored
            = digest::check(c->db(), {"event_blocks", "event_postings", "raw_blocks", "strs", "ips",
                                      "event_deleted", "ip_info"});
    const bool raw = args->has(QStringLiteral("raw"));
    EventQuery q(c->db());
    EcsDecorator decorator(c->db());
    q.forEach(f, [&](const EventRow &row) {
        nlohmann::json doc = eventToEcs(row);
        decorator.decorate(doc);
        if (raw) {
            if (auto text = q.raw(row))
                doc["event"]["original"] = *text;
        }
        for (const nlohmann::json &line : exportLines(doc, format))
            outJson(line);
        return true;
    });
    if (!stored.problems.isEmpty()) {
        errLine(QStringLiteral("netcase: the case's stored events are damaged (%1); events printed "
                               "from there are not what was imported and cannot be trusted; "
                               "'netcase verify' checks the whole case")
                        .arg(displaySafe(stored.problems.join(QStringLiteral("; ")))));
        return 2;
    }
    return 0;
}

} // namespace

extern const Command kEventsCommand = {
        "events",
        "events CASE [--query Q] [--ip IP] [--user NAME] [--from T] [--to T] [--limit N] [--raw] "
        "[--format ecs|timesketch|ecs-bulk]",
        "print normalised events as JSON lines (Elastic Common Schema)",
        "Prints one JSON object per event in time order, with Elastic Common Schema names\n"
        "nested as in ECS documents: @timestamp, event.{category,action,outcome},\n"
        "source.{ip,port,geo,as}, user.name, user_agent.original, http.*, url.original, ...\n"
        "Netcase's own fields are under netcase.* (event id, source, line). --ip and --user\n"
        "may repeat. --from is inclusive and --to exclusive; both take ISO 8601 times, dates\n"
        "or epoch seconds. --raw adds the original record as event.original.\n"
        "--query selects events with the query language ('netcase help query'), for\n"
        "example --query 'ip:10.0.0.0/8 status>=400 NOT ua:/curl/'; the other options\n"
        "narrow it further. A query that does not parse exits 1 with the position marked.\n"
        "--format timesketch writes Timesketch's JSON lines (message, datetime,\n"
        "timestamp_desc and the fields by dotted name); --format ecs-bulk the\n"
        "Elasticsearch/OpenSearch _bulk body (an index action, then the document).",
        AppKind::Core,
        &run};

} // namespace netcase::cli
