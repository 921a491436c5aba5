#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/interrupt.h"
#include "cli/output.h"

#include "core/displaytext.h"
#include "enrich/contextlist.h"
#include "enrich/enricher.h"
#include "enrich/geodatasettings.h"
#include "enrich/sourceset.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace netcase::cli {

namespace {

QList<SourceSpec> explicitSources(const Args &args)
{
    QList<SourceSpec> specs;
    for (const QString &p : args.values(QStringLiteral("mmdb")))
        specs << SourceSpec{SourceSpec::Kind::Mmdb, p, {}};
    for (const QString &p : args.values(QStringLiteral("asn-csv")))
        specs << SourceSpec{SourceSpec::Kind::AsnCsv, p, {}};
    for (const QString &spec : args.values(QStringLiteral("list"))) {
        SourceSpec s{SourceSpec::Kind::List, {}, {}};
        ContextList::splitSpec(spec, s.category, s.path);
        specs << s;
    }
    return specs;
}

nlohmann::json sourceJson(const EnrichSource &s)
{
    nlohmann::json j = {{"kind", s.kind.toStdString()},     {"type", s.type.toStdString()},
                        {"name", s.name.toStdString()},     {"path", s.path.toStdString()},
                        {"sha256", s.sha256.toStdString()}, {"note", s.note.toStdString()}};
    if (!s.layout.isEmpty())
        j["layout"] = s.layout.toStdString();
    if (s.buildDate.isValid())
        j["build_date"] = s.buildDate.toString(Qt::ISODate).toStdString();
    if (!s.category.isEmpty())
        j["category"] = s.category.toStdString();
    if (s.entries >= 0)
        j["entries"] = s.entries;
    return j;
}

int run(const QStringList &argv)
{
    auto args = Args::parseCommand(
            "enrich", argv, {{"mmdb", true}, {"list", true}, {"asn-csv", true}, {"json", false}});
    if (!args)
        return fail(args.error());
    QList<SourceSpec> specs = explicitSources(*args);
    const bool explicitGiven = !specs.isEmpty();
    if (!explicitGiven)
        specs = configuredSources();
    const SourceSet sources = SourceSet::load(specs);
    for (const QString &r : sources.refused())
        errLine(displaySafe(r));
    if (explicitGiven && sources.empty())
        return fail(makeError(QStringLiteral("none of the given databases or lists could be "
                                             "used; the case was not changed")));

    auto c = openCase(args->positional().first(), true);
    if (!c)
        return fail(c.error());
    std::atomic<bool> cancel{false};
    const CancelOnInterrupt interrupt(cancel);
    const auto sum = [&] {
        const ProgressLine progress;
        return enrichCase(
                c->db(), sources, EnrichOptions{},
                [&](qint64 done, qint64 total) {
                    if (total > 0)
                        progress.show(int(100 * done / total),
                                      QStringLiteral("%1 addresses").arg(total));
                },
                &cancel);
    }();
    if (!sum)
        return fail(sum.error());

    if (args->has(QStringLiteral("json"))) {
        nlohmann::json j = {{"run", sum->runId},
                            {"ips", sum->ips},
                            {"located", sum->located},
                            {"with_asn", sum->withAsn},
                            {"flagged", sum->flagged},
                            {"geolocation", sum->geolocation},
                            {"sources", nlohmann::json::array()},
                            {"warnings", nlohmann::json::array()},
                            {"refused", nlohmann::json::array()}};
        for (const EnrichSource &s : sources.sources())
            j["sources"].push_back(sourceJson(s));
        for (const QString &w : sum->warnings)
            if (!sources.refused().contains(w))
                j["warnings"].push_back(w.toStdString());
        for (const QString &r : sources.refused())
            j["refused"].push_back(r.toStdString());
        if (!sources.refused().isEmpty())
            j["error"] = errorObject(makeError(QStringLiteral("%1 databases or lists were refused")
                                                       .arg(sources.refused().size())));
        outJson(j);
    } else {
        for (const EnrichSource &s : sources.sources())
            outLine(QStringLiteral("%1  %2  %3  sha256 %4")
                            .arg(s.kind, -7)
                            .arg(displaySafe(s.label()), displaySafe(s.path), s.sha256.left(16)));
        for (const QString &w : sum->warnings)
            if (!sources.refused().contains(w))
                errLine(QStringLiteral("warning: %1").arg(displaySafe(w)));
        outLine(sum->text());
    }
    // A refused database is an input error even though the rest was used.
    return sources.refused().isEmpty() ? 0 : 2;
}

} // namespace

extern const Command kEnrichCommand = {
        "enrich",
        "enrich CASE [--mmdb PATH]... [--list [CATEGORY=]PATH]... [--asn-csv PATH]... "
        "[--json]",
        "(re-)enrich every IP of the case",
        "Looks up every address of the case in MaxMind DB files (GeoIP2/GeoLite2 City, Country,\n"
        "ASN, ISP, Connection-Type, Anonymous-IP; DB-IP Lite, ip-location-db, IPinfo Lite),\n"
        "ASN range CSV files (start,end,asn,organisation) and context lists (IP/CIDR lines,\n"
        "CSV with a label column, FireHOL .netset). A list's category (tor_exit, vpn, proxy,\n"
        "hosting, scanner, abuse, allow) comes from its header or from CATEGORY=PATH.\n"
        "Several databases combine: the first one given that has a value supplies it.\n"
        "Without options, the sources configured in the settings and the databases found in\n"
        "/usr/share/GeoIP, /var/lib/GeoIP and the user data directory's geoip/ are used\n"
        "(scripts/fetch-geodata.sh fetches free ones there). The case records every source\n"
        "with its SHA-256 and build date; earlier results are kept for audit. A database built\n"
        "more than six months before the case's latest event is reported as stale.\n"
        "Exit 2 when a database or list was refused (corrupt, truncated or of the wrong type);\n"
        "the others are still used.",
        AppKind::Core,
        &run};

} // namespace netcase::cli
