#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/output.h"

#include "audit/decisionstore.h"
#include "core/displaytext.h"

#include <nlohmann/json.hpp>

#include <map>

namespace netcase::cli {

namespace {

void printRevision(const Decision &d, const std::vector<Review> &reviews)
{
    outLine(QStringLiteral("  #%1 rev %2  %3 (%4 confidence)  by %5 at %6")
                    .arg(d.id)
                    .arg(d.revision)
                    .arg(decisions::verdictLabel(d.verdict), d.confidence, displaySafe(d.analyst),
                         d.createdAt));
    outLine(QStringLiteral("      reason: %1").arg(displaySafe(d.reasoning)));
    if (!d.proportionality.isEmpty())
        outLine(QStringLiteral("      proportionality: %1").arg(displaySafe(d.proportionality)));
    for (const Factor &f : d.factors) {
        QString line = QStringLiteral("      factor: %1").arg(displaySafe(f.text));
        if (!f.evidence.empty())
            line += QStringLiteral(" [%1 events]").arg(f.evidence.size());
        if (f.findingId)
            line += QStringLiteral(" [finding %1]").arg(f.findingId);
        outLine(line);
    }
    for (const Review &r : reviews) {
        if (r.decisionId == d.id)
            outLine(QStringLiteral("      review: %1 by %2 at %3%4")
                            .arg(r.verdict, displaySafe(r.reviewer), r.createdAt,
                                 r.note.isEmpty() ? QString()
                                                  : QStringLiteral(": ") + displaySafe(r.note)));
    }
}

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("decisions", argv, {{"json", false}});
    if (!args)
        return fail(args.error());
    auto c = openCase(args->positional().first(), false);
    if (!c)
        return fail(c.error());
    const std::vector<Decision> all = DecisionStore::all(c->db());
    const std::vector<Review> reviews = DecisionStore::reviews(c->db());
    // Group revisions by decision, listed by the first revision's id (oldest decision first).
    std::map<std::int64_t, std::vector<const Decision *>> byFirstId;
    std::map<QString, std::int64_t> firstIdOfKey;
    for (const Decision &d : all) {
        auto [it, inserted] = firstIdOfKey.try_emplace(d.key, d.id);
        if (!inserted && d.id < it->second)
            it->second = d.id;
    }
    for (const Decision &d : all)
        byFirstId[firstIdOfKey[d.key]].push_back(&d);

    const bool json = args->has(QStringLiteral("json"));
    if (!json && all.empty())
        outLine(QStringLiteral("no decisions recorded"));
    for (const auto &[firstId, revs] : byFirstId) {
        const Decision &latest = *revs.back();
        if (json) {
            nlohmann::json r = nlohmann::json::array();
            for (const Decision *d : revs) {
                nlohmann::json j = decisions::toJson(*d);
                j["reviews"] = nlohmann::json::array();
                for (const Review &rv : reviews) {
                    if (rv.decisionId == d->id)
                        j["reviews"].push_back(decisions::toJson(rv));
                }
                r.push_back(std::move(j));
            }
            outJson({{"decision_key", latest.key.toStdString()},
                     {"subject", latest.subject.toString().toStdString()},
                     {"latest_id", latest.id},
                     {"verdict", latest.verdict.toStdString()},
                     {"revisions", r}});
            continue;
        }
        outLine(QStringLiteral("%1  %2  (%3 revision%4)")
                        .arg(displaySafe(latest.subject.toString()),
                             decisions::verdictLabel(latest.verdict))
                        .arg(revs.size())
                        .arg(revs.size() == 1 ? QString() : QStringLiteral("s")));
        for (const Decision *d : revs)
            printRevision(*d, reviews);
    }
    return 0;
}

} // namespace

extern const Command kDecisionsCommand
        = {"decisions",
           "decisions CASE [--json]",
           "list decisions with revisions and reviews",
           "Lists every decision with all its revisions (oldest first) and the reviews of each\n"
           "revision. With --json, one object per decision and line: decision_key, subject,\n"
           "latest_id, verdict (of the latest revision) and revisions[] (id, revision, subject,\n"
           "verdict, confidence, factors[] {text, signal, finding_id, evidence, enrichment[]},\n"
           "reasoning, proportionality, analyst, created_at, reviews[]).",
           AppKind::Core,
           &run};

} // namespace netcase::cli
