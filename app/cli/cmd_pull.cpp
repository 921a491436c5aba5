#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/clusterargs.h"
#include "cli/command.h"
#include "cli/interrupt.h"
#include "cli/output.h"

#include "cluster/chpull.h"
#include "cluster/chschema.h"
#include "cluster/chwhere.h"
#include "core/ipaddr.h"
#include "core/timeutil.h"
#include "jobs/pipeline.h"

#include <nlohmann/json.hpp>

namespace netcase::cli {

namespace {

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("pull", argv,
                                   {{"from", true},
                                    {"to", true},
                                    {"ip", true},
                                    {"user", true},
                                    {"query", true},
                                    {"count", false},
                                    {"no-analyze", false},
                                    {"password-file", true},
                                    {"password-keyring", true},
                                    {"ca-file", true},
                                    {"tls-no-verify", false},
                                    {"json", false}},
                                   {.minPositional = 1, .maxPositional = 2});
    if (!args)
        return fail(args.error());
    setJsonErrors(args->has(QStringLiteral("json")));
    auto range = timeRange(*args);
    if (!range)
        return fail(range.error());
    QStringList ips;
    for (const QString &ip : args->values(QStringLiteral("ip"))) {
        std::string canonical;
        if (!normaliseIp(ip.trimmed().toStdString(), canonical))
            return fail(makeError(QStringLiteral("--ip: '%1' is not an IP address").arg(ip),
                                  ErrorCode::Usage));
        ips << QString::fromStdString(canonical);
    }
    auto filter = cluster::optionFilter(range->first, range->second, ips,
                                        args->values(QStringLiteral("user")));
    if (!filter)
        return fail(filter.error());
    if (args->has(QStringLiteral("query"))) {
        filter = cluster::withQuery(*filter, args->value(QStringLiteral("query")));
        if (!filter)
            return fail(filter.error());
    }
    const QString url = args->positional().value(1);
    std::optional<cluster::ChSettings> stored;
    if (url.isEmpty()) {
        auto st = storedSettings(args->positional().first());
        if (!st)
            return fail(st.error());
        stored = *st;
    }
    auto conn = clusterConnection(url, *args, stored);
    if (!conn)
        return fail(conn.error());
    if (Status s = cluster::checkSchema(*conn); !s)
        return fail(s.error());
    const bool json = args->has(QStringLiteral("json"));
    if (args->has(QStringLiteral("count"))) {
        auto n = cluster::countEvents(*conn, *filter);
        if (!n)
            return fail(n.error());
        if (json)
            outJson({{"events", *n}});
        else
            outLine(QStringLiteral("%1 events match").arg(*n));
        return 0;
    }
    auto c = openCase(args->positional().first(), true);
    if (!c)
        return fail(c.error());
    std::atomic<bool> cancel{false};
    const CancelOnInterrupt interrupt(cancel);
    auto pulled = cluster::pullIntoCase(*c, *conn, *filter, cancel);
    if (!pulled)
        return fail(pulled.error());
    QList<PipelineStep> steps;
    if (!args->has(QStringLiteral("no-analyze")) && pulled->events > 0) {
        auto post = runPostImport(*c, {}, cancel);
        if (!post)
            return fail(post.error());
        steps = *post;
    }
    if (json) {
        nlohmann::json j = {{"source_id", pulled->sourceId},
                            {"events", pulled->events},
                            {"sha256", pulled->sha256.toStdString()}};
        if (pulled->events > 0) {
            j["first"] = formatIsoUs(pulled->firstUs);
            j["last"] = formatIsoUs(pulled->lastUs);
        }
        for (const PipelineStep &s : steps)
            j["steps"][s.name.toStdString()] = s.summary.toStdString();
        outJson(j);
    } else {
        outLine(QStringLiteral("pulled %1 events into source %2 (sha256 %3)")
                        .arg(pulled->events)
                        .arg(pulled->sourceId)
                        .arg(pulled->sha256));
        for (const PipelineStep &s : steps)
            outLine(QStringLiteral("%1: %2").arg(s.name, s.summary));
    }
    return 0;
}

} // namespace

extern const Command kPullCommand
        = {"pull",
           "pull CASE [clickhouse://HOST:PORT/DB] [--from T] [--to T] [--ip IP] [--user NAME] "
           "[--query Q] [--count] [--no-analyze] [--password-file FILE|--password-keyring NAME] "
           "[--ca-file PEM] "
           "[--tls-no-verify] [--json]",
           "pull events from a ClickHouse cluster into a case",
           "Pulls the events of the cluster that match into the case as one source, whose\n"
           "provenance (server, database, filter, time range, row count and the SHA-256 of the\n"
           "rows) is recorded with the source and in the audit log; then enriches and analyses\n"
           "as after an import (--no-analyze skips that). --ip (source or client address) and\n"
           "--user may repeat; --from is inclusive and --to exclusive. --query takes the case\n"
           "query language's field terms (netcase help query; no bare words: the cluster keeps\n"
           "no raw lines) and is recorded in the provenance. --count only says how\n"
           "many events match. The same slice pulled twice is refused. The user name and\n"
           "password are never written to the case. Without a URL, the case's connection\n"
           "settings ('netcase connection') are used; options given override theirs.\n"
           "--password-keyring NAME reads the password from the desktop keyring (Secret\n"
           "Service). For an HTTPS URL (?secure=1), --ca-file names the PEM CA certificates\n"
           "the server's must chain to; --tls-no-verify accepts any certificate (warned).",
           AppKind::Core,
           &run};

} // namespace netcase::cli
