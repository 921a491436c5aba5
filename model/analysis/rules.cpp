#include "rules.h"

#include "case/settingsstore.h"
#include "core/severity.h"

#include <QFile>

#include <algorithm>

namespace netcase {

Result<Rules> Rules::defaults()
{
    QFile f(QStringLiteral(":/rules/default.json"));
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("the default rules are missing from this build"));
    const QByteArray data = f.readAll();
    auto j = nlohmann::json::parse(data.constData(), data.constData() + data.size(), nullptr,
                                   false);
    if (j.is_discarded() || !j.is_object())
        return makeError(QStringLiteral("the default rules are not valid JSON"));
    return Rules(std::move(j));
}

nlohmann::json Rules::overrides(const Database &db)
{
    const std::optional<std::string> value = SettingsStore::get(db, QLatin1String(kSettingsKey));
    if (!value)
        return nlohmann::json::object();
    auto j = nlohmann::json::parse(*value, nullptr, false);
    return j.is_object() ? j : nlohmann::json::object();
}

Result<Rules> Rules::load(const Database &db)
{
    auto r = defaults();
    if (!r)
        return r;
    nlohmann::json j = r->json();
    j.merge_patch(overrides(db));
    return Rules(std::move(j));
}

Status Rules::mergeOverride(Database &db, const nlohmann::json &patch)
{
    if (!patch.is_object())
        return makeError(QStringLiteral("a rule override must be a JSON object"), ErrorCode::Usage);
    nlohmann::json current = overrides(db);
    current.merge_patch(patch);
    return SettingsStore::put(db, QLatin1String(kSettingsKey), current.dump());
}

bool Rules::enabled(const char *rule) const
{
    const auto rules = m_json.find("rules");
    if (rules == m_json.end() || !rules->contains(rule))
        return false;
    return (*rules)[rule].value("enabled", true);
}

double Rules::num(const char *rule, const char *key, double fallback) const
{
    const auto rules = m_json.find("rules");
    if (rules == m_json.end() || !rules->contains(rule))
        return fallback;
    const auto &r = (*rules)[rule];
    const auto it = r.find(key);
    return (it != r.end() && it->is_number()) ? it->get<double>() : fallback;
}

std::vector<std::string> Rules::strings(const char *rule, const char *key) const
{
    std::vector<std::string> out;
    const auto rules = m_json.find("rules");
    if (rules == m_json.end() || !rules->contains(rule))
        return out;
    const auto &r = (*rules)[rule];
    const auto it = r.find(key);
    if (it == r.end() || !it->is_array())
        return out;
    for (const auto &v : *it) {
        if (v.is_string())
            out.push_back(v.get<std::string>());
        else if (v.is_number())
            out.push_back(std::to_string(v.get<long long>()));
    }
    return out;
}

std::vector<std::string> Rules::classify(const char *key) const
{
    std::vector<std::string> out;
    const auto c = m_json.find("classify");
    if (c == m_json.end() || !c->contains(key) || !(*c)[key].is_array())
        return out;
    for (const auto &v : (*c)[key]) {
        if (!v.is_string())
            continue;
        std::string s = v.get<std::string>();
        std::transform(s.begin(), s.end(), s.begin(),
                       [](unsigned char ch) { return char(std::tolower(ch)); });
        out.push_back(std::move(s));
    }
    return out;
}

int Rules::high() const
{
    return m_json.value("severity_levels", nlohmann::json::object()).value("high", kSeverityHigh);
}

int Rules::medium() const
{
    return m_json.value("severity_levels", nlohmann::json::object())
            .value("medium", kSeverityMedium);
}

} // namespace netcase
