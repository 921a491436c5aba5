#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/interrupt.h"
#include "cli/output.h"

#include "analysis/analyzer.h"
#include "analysis/egress.h"
#include "analysis/rules.h"
#include "audit/auditlog.h"
#include "case/sqlite.h"
#include "core/identity.h"
#include "core/regularfile.h"
#include "sigma/sigmaanalysis.h"
#include "sigma/sigmaload.h"

#include <QDir>

#include <nlohmann/json.hpp>

#include <cstdio>

namespace netcase::cli {

namespace {

/// "--set stuffing.min_accounts=20" -> {"rules": {"stuffing": {"min_accounts": 20}}}
Result<nlohmann::json> overridePatch(const QStringList &sets)
{
    nlohmann::json patch = nlohmann::json::object();
    for (const QString &s : sets) {
        const qsizetype eq = s.indexOf(QLatin1Char('='));
        const QString path = s.left(eq);
        const qsizetype dot = path.indexOf(QLatin1Char('.'));
        if (eq <= 0 || dot <= 0)
            return makeError(QStringLiteral("--set expects RULE.KEY=VALUE, not %1").arg(s),
                             ErrorCode::Usage);
        const std::string text = s.mid(eq + 1).toStdString();
        auto value = nlohmann::json::parse(text, nullptr, false);
        if (value.is_discarded())
            value = text;
        patch["rules"][path.left(dot).toStdString()][path.mid(dot + 1).toStdString()] = value;
    }
    return patch;
}

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("analyze", argv,
                                   {{"json", false},
                                    {"set", true},
                                    {"sigma", true},
                                    {"save-sigma", false},
                                    {"egress-file", true}});
    if (!args)
        return fail(args.error());
    auto c = openCase(args->positional().first(), true);
    if (!c)
        return fail(c.error());
    const QString actor = currentUserName();
    if (args->has(QStringLiteral("set"))) {
        auto patch = overridePatch(args->values(QStringLiteral("set")));
        if (!patch)
            return fail(patch.error());
        Transaction txn(c->db());
        if (auto s = Rules::mergeOverride(c->db(), *patch); !s)
            return fail(s.error());
        if (auto s = AuditLog::append(c->db(), actor, QStringLiteral("rules.override"), *patch); !s)
            return fail(s.error());
        if (auto s = txn.commit(); !s)
            return fail(s.error());
    }
    if (args->has(QStringLiteral("egress-file"))) {
        const QString file = args->value(QStringLiteral("egress-file"));
        auto text = readRegularFile(file);
        if (!text)
            return fail(text.error());
        auto ranges = Egress::parse(text->toStdString());
        if (!ranges)
            return fail(makeError(
                    QStringLiteral("--egress-file %1: %2").arg(file, ranges.error().message),
                    ErrorCode::Usage));
        if (auto s = Egress::store(c->db(), *ranges, actor); !s)
            return fail(s.error());
        if (!args->has(QStringLiteral("json")))
            outLine(QStringLiteral("egress: %1 known range(s) stored in the case")
                            .arg(ranges->size()));
    }
    const QStringList given = args->values(QStringLiteral("sigma"));
    if (args->has(QStringLiteral("save-sigma"))) {
        if (auto s = sigma::storeFolders(c->db(), given, actor); !s)
            return fail(s.error());
    }
    // The case's stored rule folders, then the ones given (once each).
    QStringList folders = sigma::storedFolders(c->db());
    for (const QString &f : given)
        if (!folders.contains(QDir(f).absolutePath()))
            folders << QDir(f).absolutePath();
    ExtraDetection sigmaRun;
    std::shared_ptr<sigma::RuleSet> rules;
    if (!folders.isEmpty()) {
        rules = std::make_shared<sigma::RuleSet>(sigma::loadFolders(folders));
        for (const sigma::Unsupported &u : rules->unsupported)
            if (u.reason == "not a folder")
                return fail(makeError(QStringLiteral("--sigma %1: not a folder")
                                              .arg(QString::fromStdString(u.path)),
                                      ErrorCode::Usage));
        sigmaRun = sigma::detection(rules, folders);
    }
    std::atomic<bool> cancel{false};
    const CancelOnInterrupt interrupt(cancel);
    const Result<AnalysisSummary> sum = [&] {
        const ProgressLine progress;
        return Analyzer::run(
                c->db(), actor, [&](const QString &stage, int pct) { progress.show(pct, stage); },
                &cancel, sigmaRun);
    }();
    if (!sum)
        return fail(sum.error());
    if (args->has(QStringLiteral("json"))) {
        nlohmann::json kinds = nlohmann::json::object();
        for (const auto &[k, v] : sum->byKind)
            kinds[k] = v;
        outJson({{"run_id", sum->runId},
                 {"events", sum->events},
                 {"findings", sum->findings},
                 {"high", sum->high},
                 {"suppressed", sum->suppressed},
                 {"by_kind", kinds},
                 {"entities", sum->entities},
                 {"links", sum->links},
                 {"seconds", sum->seconds},
                 {"sigma", rules ? nlohmann::json{{"rules", rules->rules.size()},
                                                  {"correlations", rules->correlations.size()},
                                                  {"unsupported", rules->unsupported.size()}}
                                 : nlohmann::json()}});
        return 0;
    }
    outLine(QStringLiteral("analysis run %1: %2").arg(sum->runId).arg(sum->text()));
    if (rules)
        outLine(QStringLiteral("sigma: %1 rules and %2 correlations evaluated, %3 unsupported "
                               "(netcase sigma check DIR lists them)")
                        .arg(rules->rules.size())
                        .arg(rules->correlations.size())
                        .arg(rules->unsupported.size()));
    for (const auto &[kind, n] : sum->byKind)
        outLine(QStringLiteral("  %1  %2").arg(n, 5).arg(QString::fromStdString(kind)));
    outLine(QStringLiteral("list them with: netcase findings %1").arg(args->positional().first()));
    return 0;
}

} // namespace

extern const Command kAnalyzeCommand = {
        "analyze",
        "analyze CASE [--set RULE.KEY=VALUE]... [--sigma DIR]... [--save-sigma] "
        "[--egress-file FILE] [--json]",
        "run the detections",
        "Runs every enabled detection over the case's events and stores the findings (updated\n"
        "in place, so finding ids stay stable across runs), the entity graph and the per-rule\n"
        "statistics. The run is audited. Thresholds come from the built-in rules with the\n"
        "case's overrides; --set stores an override first (audited), e.g.\n"
        "  --set stuffing.min_accounts=20 --set impossible_travel.max_speed_kmh=1000\n"
        "--sigma DIR (repeatable) also evaluates the Sigma rules under DIR (docs/SIGMA.md); each\n"
        "match becomes a finding of kind 'sigma' with the rule's author in its title, its\n"
        "false positives as caveats. --save-sigma stores the given folders in the case\n"
        "(setting sigma.folders, audited; none given clears them): later runs use them without\n"
        "--sigma. Rules that "
        "cannot be evaluated are counted; 'netcase sigma check DIR' lists them with reasons.\n"
        "--egress-file FILE stores the organisation's known egress ranges (office NAT,\n"
        "corporate VPN exits), one 'CIDR [label]' a line, '#' comments, replacing the case's\n"
        "list (setting analysis.egress, audited as egress.ranges; an empty file clears it).\n"
        "Sign-ins from them, and from addresses the case shows many accounts using on many\n"
        "days, score lower as impossible travel, new networks and anonymisers.\n"
        "With --json, one object: run_id, events, findings, high, suppressed, by_kind, sigma.",
        AppKind::Core,
        &run};

} // namespace netcase::cli
