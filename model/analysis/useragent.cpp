#include "useragent.h"

#include <re2/re2.h>
#include <re2/set.h>
#include <yaml-cpp/yaml.h>

#include <QtGlobal>

#include <cstdlib>
#include <vector>

namespace netcase {

namespace {

struct Pattern
{
    std::unique_ptr<RE2> re;
    std::string familyReplacement;
    std::string v1Replacement;
    std::string osReplacement;
};

struct PatternList
{
    std::vector<Pattern> patterns;
    std::unique_ptr<RE2::Set> set;
    int skipped = 0;

    void load(const YAML::Node &list, bool os)
    {
        if (!list || !list.IsSequence())
            return;
        set = std::make_unique<RE2::Set>(RE2::Options(), RE2::UNANCHORED);
        for (const YAML::Node &n : list) {
            const std::string regex = n["regex"] ? n["regex"].as<std::string>() : std::string();
            RE2::Options opt;
            opt.set_log_errors(false);
            if (n["regex_flag"] && n["regex_flag"].as<std::string>() == "i")
                opt.set_case_sensitive(false);
            auto re = std::make_unique<RE2>(regex, opt);
            // Patterns RE2 cannot express (look-arounds, back references) are left out.
            if (!re->ok() || set->Add(opt.case_sensitive() ? regex : "(?i)" + regex, nullptr) < 0) {
                ++skipped;
                continue;
            }
            Pattern p;
            p.re = std::move(re);
            auto str = [&](const char *key) {
                return n[key] ? n[key].as<std::string>() : std::string();
            };
            p.familyReplacement = str(os ? "os_replacement" : "family_replacement");
            p.v1Replacement = str("v1_replacement");
            patterns.push_back(std::move(p));
        }
        if (!set->Compile())
            set.reset();
    }

    /// Index of the first pattern that matches, or -1.
    int first(std::string_view s) const
    {
        if (set) {
            std::vector<int> hits;
            if (!set->Match(s, &hits))
                return -1;
            int best = -1;
            for (int h : hits)
                if (best < 0 || h < best)
                    best = h;
            return best;
        }
        for (std::size_t i = 0; i < patterns.size(); ++i)
            if (RE2::PartialMatch(s, *patterns[i].re))
                return int(i);
        return -1;
    }
};

std::string substitute(const std::string &replacement, const std::string *groups, int n)
{
    std::string out;
    for (std::size_t i = 0; i < replacement.size(); ++i) {
        if (replacement[i] == '$' && i + 1 < replacement.size() && replacement[i + 1] >= '1'
            && replacement[i + 1] <= '9') {
            const int g = replacement[i + 1] - '1';
            if (g < n)
                out += groups[g];
            ++i;
        } else {
            out += replacement[i];
        }
    }
    return out;
}

/// Runs a pattern and returns up to four capture groups.
int captures(const RE2 &re, std::string_view s, std::string *groups)
{
    const int n = std::min(re.NumberOfCapturingGroups(), 4);
    RE2::Arg args[4] = {&groups[0], &groups[1], &groups[2], &groups[3]};
    const RE2::Arg *ptrs[4] = {&args[0], &args[1], &args[2], &args[3]};
    if (!RE2::PartialMatchN(s, re, ptrs, n))
        return -1;
    return n;
}

} // namespace

struct UserAgentParser::Impl
{
    PatternList agents;
    PatternList oses;
    bool ok = false;
};

UserAgentParser::UserAgentParser(const std::string &yamlPath)
    : d(std::make_unique<Impl>())
{
    try {
        const YAML::Node root = YAML::LoadFile(yamlPath);
        d->agents.load(root["user_agent_parsers"], false);
        d->oses.load(root["os_parsers"], true);
        d->ok = !d->agents.patterns.empty();
    } catch (const std::exception &) {
        d->ok = false; // missing or unreadable: agents stay "Other"
    }
}

UserAgentParser::~UserAgentParser() = default;

const UserAgentParser &UserAgentParser::instance()
{
    static const UserAgentParser parser([] {
        const char *env = std::getenv("NETCASE_UAP_REGEXES");
        return std::string(env && *env ? env : "/usr/share/uap-core/regexes.yaml");
    }());
    return parser;
}

bool UserAgentParser::available() const
{
    return d->ok;
}

int UserAgentParser::patterns() const
{
    return int(d->agents.patterns.size() + d->oses.patterns.size());
}

int UserAgentParser::skipped() const
{
    return d->agents.skipped + d->oses.skipped;
}

UserAgentInfo UserAgentParser::parse(std::string_view agent) const
{
    UserAgentInfo info;
    if (!d->ok || agent.empty() || agent == "-")
        return info;
    std::string g[4];
    const int a = d->agents.first(agent);
    if (a >= 0) {
        const Pattern &p = d->agents.patterns[std::size_t(a)];
        const int n = captures(*p.re, agent, g);
        if (n >= 0) {
            info.family
                    = p.familyReplacement.empty() ? g[0] : substitute(p.familyReplacement, g, n);
            const std::string v1 = p.v1Replacement.empty() ? g[1] : p.v1Replacement;
            info.major = v1.empty() ? -1 : std::atoi(v1.c_str());
            if (info.family.empty())
                info.family = "Other";
        }
    }
    const int o = d->oses.first(agent);
    if (o >= 0) {
        const Pattern &p = d->oses.patterns[std::size_t(o)];
        std::string og[4];
        const int n = captures(*p.re, agent, og);
        if (n >= 0) {
            info.os = p.familyReplacement.empty() ? og[0] : substitute(p.familyReplacement, og, n);
            if (info.os.empty())
                info.os = "Other";
        }
    }
    return info;
}

const UserAgentInfo &UserAgentCache::get(std::int32_t id, const std::string &agent)
{
    auto it = m_cache.find(id);
    if (it == m_cache.end())
        it = m_cache.emplace(id, UserAgentParser::instance().parse(agent)).first;
    return it->second;
}

} // namespace netcase
