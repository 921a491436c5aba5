#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/output.h"

#include "case/casezone.h"
#include "core/identity.h"

#include <nlohmann/json.hpp>

namespace netcase::cli {

namespace {

QString nameOf(const QTimeZone &zone)
{
    return zone == QTimeZone::utc() ? QStringLiteral("UTC") : QString::fromUtf8(zone.id());
}

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("timezone", argv, {{"json", false}},
                                   {.minPositional = 1, .maxPositional = 2});
    if (!args)
        return fail(args.error());
    const bool json = args->has(QStringLiteral("json"));
    setJsonErrors(json);
    const bool change = args->positional().size() == 2;
    std::optional<QTimeZone> wanted;
    if (change) {
        auto zone = parseTimeZone(args->positional().at(1));
        if (!zone)
            return fail(zone.error());
        wanted = *zone;
    }
    auto c = openCase(args->positional().first(), change);
    if (!c)
        return fail(c.error());
    const QString before = nameOf(caseTimeZone(c->db()));
    if (wanted && nameOf(*wanted) != before) {
        if (Status s = setCaseTimeZone(c->db(), *wanted, currentUserName()); !s.ok())
            return fail(s.error());
    }
    const QString now = nameOf(caseTimeZone(c->db()));
    if (json) {
        outJson({{"time_zone", now.toStdString()}, {"changed", now != before}});
        return 0;
    }
    outLine(change && now != before
                    ? QStringLiteral("times are now shown in %1 (was %2)").arg(now, before)
                    : QStringLiteral("times are shown in %1").arg(now));
    return 0;
}

} // namespace

extern const Command kTimezoneCommand
        = {"timezone",
           "timezone CASE [ZONE] [--json]",
           "show or set the time zone the case's times are shown in",
           "Without ZONE prints the zone the case's views, reports and notes show times in (UTC\n"
           "unless one was chosen). With ZONE (UTC, an IANA name such as Europe/Berlin, or an\n"
           "offset such as UTC+02:00) stores it in the case, as an audit record\n"
           "(case.time_zone). Stored times never change: data outputs (events, --json, CSV,\n"
           "the audit log) and the query language stay in UTC. --json prints time_zone and\n"
           "changed.",
           AppKind::Core,
           &run};

} // namespace netcase::cli
