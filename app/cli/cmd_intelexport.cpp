#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/output.h"

#include "case/casefile.h"
#include "core/displaytext.h"
#include "intel/intelexport.h"
#include "report/atomicwrite.h"

#include <QIODevice>

#include <nlohmann/json.hpp>

namespace netcase::cli {

namespace {

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("intel-export", argv,
                                   {{"format", true}, {"out", true}, {"json", false}},
                                   {.required = {"format", "out"}});
    if (!args)
        return fail(args.error());
    setJsonErrors(args->has(QStringLiteral("json")));
    const QString format = args->value(QStringLiteral("format"));
    if (format != QLatin1String("stix") && format != QLatin1String("misp"))
        return fail(makeError(QStringLiteral("--format must be stix or misp, not %1").arg(format),
                              ErrorCode::Usage));
    auto c = openCase(args->positional().first(), false);
    if (!c)
        return fail(c.error());
    auto exported = intel::exportDecisions(c->db(), format == QLatin1String("stix")
                                                            ? intel::ExportFormat::Stix
                                                            : intel::ExportFormat::Misp);
    if (!exported)
        return fail(exported.error());
    const QString outPath = args->value(QStringLiteral("out"));
    const std::atomic<bool> never{false};
    const Status written = writeFileAtomically(
            outPath,
            [&](QIODevice &dev) -> Status {
                if (dev.write(exported->json) != exported->json.size())
                    return makeError(
                            QStringLiteral("cannot write %1: %2").arg(outPath, dev.errorString()));
                return {};
            },
            never);
    if (!written)
        return fail(written.error());
    if (args->has(QStringLiteral("json"))) {
        outJson({{"format", format.toStdString()},
                 {"out", outPath.toStdString()},
                 {"indicators", exported->indicators},
                 {"skipped", exported->skipped}});
        return 0;
    }
    outLine(QStringLiteral("%1 indicator(s) from block decisions written to %2 (%3)")
                    .arg(exported->indicators)
                    .arg(displaySafe(outPath), format));
    if (exported->skipped)
        outLine(QStringLiteral("%1 block decision(s) on other subjects (accounts, findings, "
                               "selections, hosts that are not domain names) were not exported")
                        .arg(exported->skipped));
    return 0;
}

} // namespace

extern const Command kIntelExportCommand = {
        "intel-export",
        "intel-export CASE --format stix|misp --out FILE [--json]",
        "export blocked addresses and domains as STIX 2.1 or MISP",
        "Writes every address (subject ip) and domain (subject host that is a domain name)\n"
        "whose latest decision has the verdict block as a STIX 2.1 bundle (one indicator each,\n"
        "created by an identity named Netcase) or a MISP event (ip-src / domain attributes with\n"
        "to_ids on). Each indicator's description cites the decision: id, key and revision,\n"
        "analyst, time, verdict, confidence and the reasoning. The case is only read; the file\n"
        "is written whole or not at all. See docs/INTEL.md.",
        AppKind::Core,
        &run};

} // namespace netcase::cli
