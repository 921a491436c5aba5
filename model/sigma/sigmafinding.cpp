#include "sigmarun.h"

#include <algorithm>
#include <map>
#include <set>

namespace netcase::sigma {

namespace {

int levelWeight(const std::string &level)
{
    if (level == "critical")
        return 90;
    if (level == "high")
        return 70;
    if (level == "medium")
        return 50;
    if (level == "low")
        return 30;
    return 10; // informational or none
}

nlohmann::json metaJson(const RuleMeta &m)
{
    std::vector<std::string> attack;
    for (const std::string &t : m.tags)
        if (t.starts_with("attack."))
            attack.push_back(t.substr(7));
    return {{"title", m.title},
            {"id", m.id},
            {"level", m.level},
            {"status", m.status},
            {"author", m.author},
            {"description", m.description},
            {"references", m.references},
            {"tags", m.tags},
            {"attack", attack},
            {"falsepositives", m.falsepositives},
            {"file", m.path},
            {"logsource",
             {{"category", m.category}, {"product", m.product}, {"service", m.service}}}};
}

Finding baseFinding(const RuleMeta &meta, const std::string &key)
{
    Finding f;
    f.kind = "sigma";
    f.rule = "sigma:" + (meta.id.empty() ? meta.title : meta.id);
    f.key = key;
    f.title = "Sigma: " + attribution(meta) + (key.empty() ? std::string() : " — " + key);
    f.details["sigma"] = metaJson(meta);
    f.details["author"] = meta.author.empty() ? std::string("unknown") : meta.author;
    int n = 0;
    for (const std::string &fp : meta.falsepositives) {
        if (fp.empty() || fp == "Unknown" || fp == "unknown")
            continue;
        f.caveats.push_back(Caveat{"sigma_falsepositive_" + std::to_string(++n),
                                   "False positive named by the rule's author ("
                                           + (meta.author.empty() ? "unknown" : meta.author)
                                           + "): " + fp});
    }
    if (meta.category == "proxy")
        f.caveats.push_back(Caveat{"sigma_proxy_rule",
                                   "A rule for forward-proxy logs, evaluated on a web server's "
                                   "access log: it describes clients' outbound traffic, and "
                                   "its user agents and hosts can be ordinary visitors here"});
    return f;
}

bool compare(ValueTest::Op op, double v, double threshold)
{
    using Op = ValueTest::Op;
    switch (op) {
    case Op::Gt:
        return v > threshold;
    case Op::Gte:
        return v >= threshold;
    case Op::Lt:
        return v < threshold;
    case Op::Lte:
        return v <= threshold;
    default:
        return v == threshold;
    }
}

} // namespace

std::string attribution(const RuleMeta &meta)
{
    const std::string title = meta.title.empty() ? meta.path : meta.title;
    return title + " (rule by " + (meta.author.empty() ? "an unnamed author" : meta.author) + ")";
}

Finding ruleFinding(const RuleMeta &meta, const std::string &key, std::int64_t matches)
{
    Finding f = baseFinding(meta, key);
    f.addSignal("sigma_" + (meta.level.empty() ? std::string("unleveled") : meta.level),
                levelWeight(meta.level),
                "Sigma rule " + (meta.id.empty() ? meta.title : meta.id) + " matched "
                        + std::to_string(matches) + " event(s)");
    f.details["matches"] = matches;
    return f;
}

void Evaluator::correlate(const Correlation &k, std::vector<Finding> &out) const
{
    const std::size_t c = std::size_t(&k - m_set.correlations.data());
    std::vector<Hit> hits = m_hits[c];
    std::stable_sort(hits.begin(), hits.end(), [](const Hit &a, const Hit &b) {
        return a.group != b.group ? a.group < b.group : a.ts < b.ts;
    });
    const std::size_t refs = k.ruleIndexes.size();
    for (std::size_t begin = 0; begin < hits.size();) {
        std::size_t end = begin;
        while (end < hits.size() && hits[end].group == hits[begin].group)
            ++end;
        // Slide a window of `timespan` over the group's hits (by time); every window that
        // meets the condition adds its hits to the group's finding.
        std::vector<char> inHit(end - begin, 0);
        std::map<std::string, int> values;
        std::vector<int> perRef(refs, 0);
        double best = 0;
        std::size_t lo = begin;
        for (std::size_t hi = begin; hi < end; ++hi) {
            ++values[hits[hi].value];
            ++perRef[std::size_t(hits[hi].ref)];
            while (hits[hi].ts - hits[lo].ts > k.timespanUs) {
                if (--values[hits[lo].value] == 0)
                    values.erase(hits[lo].value);
                --perRef[std::size_t(hits[lo].ref)];
                ++lo;
            }
            bool met = false;
            double measure = 0;
            if (k.type == Correlation::Type::EventCount) {
                measure = double(hi - lo + 1);
                met = compare(k.op, measure, k.threshold);
            } else if (k.type == Correlation::Type::ValueCount) {
                measure = double(values.size() - (values.count(std::string()) ? 1 : 0));
                met = compare(k.op, measure, k.threshold);
            } else {
                met = std::all_of(perRef.begin(), perRef.end(), [](int n) { return n > 0; });
                measure = double(refs);
            }
            if (met) {
                best = std::max(best, measure);
                std::fill(inHit.begin() + std::ptrdiff_t(lo - begin),
                          inHit.begin() + std::ptrdiff_t(hi - begin + 1), 1);
            }
        }
        if (best > 0) {
            std::string key = hits[begin].group;
            std::replace(key.begin(), key.end(), '\x1f', ' ');
            while (!key.empty() && key.back() == ' ')
                key.pop_back();
            Finding f = baseFinding(k.meta, key);
            static const char *types[]
                    = {"event_count", "value_count", "temporal", "temporal_ordered"};
            const std::string type = types[int(k.type)];
            f.addSignal("sigma_correlation_" + (k.meta.level.empty() ? "unleveled" : k.meta.level),
                        levelWeight(k.meta.level),
                        "Sigma correlation (" + type + ") reached " + std::to_string(int(best))
                                + " within " + std::to_string(k.timespanUs / 1'000'000) + " s");
            f.details["correlation"] = {{"type", type},
                                        {"rules", k.rules},
                                        {"group_by", k.groupBy},
                                        {"timespan_s", k.timespanUs / 1'000'000},
                                        {"measure", best}};
            for (std::size_t i = begin; i < end; ++i) {
                if (!inHit[i - begin])
                    continue;
                const Hit &h = hits[i];
                if (f.evidence.size() < m_maxEvidence)
                    f.addEvidence(h.id, h.ts);
                if (!h.ip.empty() && f.ips.size() < 100)
                    f.ips.insert(h.ip);
                if (!h.user.empty() && f.accounts.size() < 100)
                    f.accounts.insert(h.user);
            }
            out.push_back(std::move(f));
        }
        begin = end;
    }
}

} // namespace netcase::sigma
