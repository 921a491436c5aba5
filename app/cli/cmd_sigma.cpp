#include "cli/args.h"
#include "cli/command.h"
#include "cli/output.h"

#include "core/displaytext.h"
#include "sigma/sigmaload.h"

#include <nlohmann/json.hpp>

#include <map>

namespace netcase::cli {

namespace {

QString text(const std::string &s)
{
    return displaySafe(QString::fromStdString(s));
}

/// A reason without the rule's own names in it ("field 'x' ..." → "field ... "), for counting.
std::string reasonKind(const std::string &reason)
{
    std::string out;
    bool quoted = false;
    for (char c : reason) {
        if (c == '\'') {
            if (!quoted)
                out += "...";
            quoted = !quoted;
        } else if (!quoted) {
            out += c;
        }
    }
    const std::size_t colon = out.find(": ");
    return out.starts_with("regular expression") && colon != std::string::npos
                   ? out.substr(0, colon)
                   : out;
}

int check(const Args &args)
{
    const QStringList folders = args.positional().mid(1);
    const sigma::RuleSet set = sigma::loadFolders(folders);
    for (const sigma::Unsupported &u : set.unsupported)
        if (u.reason == "not a folder")
            return fail(makeError(QStringLiteral("%1: not a folder").arg(text(u.path)),
                                  ErrorCode::Usage));
    std::map<std::string, int> reasons;
    for (const sigma::Unsupported &u : set.unsupported)
        ++reasons[reasonKind(u.reason)];
    if (args.has(QStringLiteral("json"))) {
        nlohmann::json loaded = nlohmann::json::array(), skipped = nlohmann::json::array(),
                       corr = nlohmann::json::array();
        for (const sigma::Rule &r : set.rules)
            loaded.push_back({{"file", r.meta.path},
                              {"title", r.meta.title},
                              {"id", r.meta.id},
                              {"level", r.meta.level},
                              {"author", r.meta.author},
                              {"formats", r.scope.formats}});
        for (const sigma::Correlation &k : set.correlations)
            corr.push_back({{"file", k.meta.path},
                            {"title", k.meta.title},
                            {"id", k.meta.id},
                            {"rules", k.rules}});
        for (const sigma::Unsupported &u : set.unsupported)
            skipped.push_back(
                    {{"file", u.path}, {"title", u.title}, {"id", u.id}, {"reason", u.reason}});
        outJson({{"files", set.files.size()},
                 {"loaded", loaded},
                 {"correlations", corr},
                 {"unsupported", skipped},
                 {"reasons", reasons}});
        return 0;
    }
    for (const sigma::Rule &r : set.rules)
        outLine(QStringLiteral("loaded       %1  %2  [%3]")
                        .arg(text(r.meta.level), -13)
                        .arg(text(r.meta.title), text(r.meta.path)));
    for (const sigma::Correlation &k : set.correlations)
        outLine(QStringLiteral("correlation  %1  %2  [%3]")
                        .arg(text(k.meta.level), -13)
                        .arg(text(k.meta.title), text(k.meta.path)));
    for (const sigma::Unsupported &u : set.unsupported)
        outLine(QStringLiteral("unsupported  %1  [%2]: %3")
                        .arg(text(u.title), text(u.path), text(u.reason)));
    outLine(QStringLiteral("%1 files: %2 rules loaded, %3 correlations, %4 unsupported")
                    .arg(set.files.size())
                    .arg(set.rules.size())
                    .arg(set.correlations.size())
                    .arg(set.unsupported.size()));
    for (const auto &[reason, n] : reasons)
        outLine(QStringLiteral("  %1  %2").arg(n, 4).arg(text(reason)));
    return 0;
}

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("sigma", argv, {{"json", false}}, {2, -1});
    if (!args)
        return fail(args.error());
    setJsonErrors(args->has(QStringLiteral("json")));
    if (args->positional().first() != QLatin1String("check"))
        return fail(makeError(QStringLiteral("unknown sigma command '%1' (expected: check)")
                                      .arg(args->positional().first()),
                              ErrorCode::Usage));
    return check(*args);
}

} // namespace

extern const Command kSigmaCommand
        = {"sigma",
           "sigma check DIR... [--json]",
           "check which Sigma rules Netcase can evaluate",
           "Reads every *.yml/*.yaml rule under the folders (as 'netcase analyze --sigma' does)\n"
           "and lists each rule as loaded (with its level and the file), each correlation rule,\n"
           "and each rule that cannot be evaluated with the reason (a log source Netcase does not\n"
           "import, a field with no mapping, an unsupported modifier, ...), then the counts and\n"
           "the reasons by kind. Needs no case. docs/SIGMA.md describes the field mapping.\n"
           "With --json, one object: files, loaded [{file, title, id, level, author, formats}],\n"
           "correlations, unsupported [{file, title, id, reason}], reasons {kind: count}.",
           AppKind::Core,
           &run};

} // namespace netcase::cli
