#pragma once

// The detection thresholds: resources/rules/default.json (compiled in as ":/rules/default.json")
// with the case's own overrides (a JSON merge patch in settings key "analysis.rules") on top.

#include "core/result.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace netcase {

class Database;

class Rules
{
public:
    static constexpr const char *kSettingsKey = "analysis.rules";

    /// The compiled-in defaults.
    static Result<Rules> defaults();
    /// Defaults with the case's overrides applied.
    static Result<Rules> load(const Database &db);
    /// The case's override patch ({} when none).
    static nlohmann::json overrides(const Database &db);
    /// Stores a new override patch (merged into the existing one); the caller audits it and owns
    /// the transaction.
    static Status mergeOverride(Database &db, const nlohmann::json &patch);

    explicit Rules(nlohmann::json j)
        : m_json(std::move(j))
    {}

    bool enabled(const char *rule) const;
    double num(const char *rule, const char *key, double fallback = 0) const;
    std::vector<std::string> strings(const char *rule, const char *key) const;
    /// A list from the "classify" section, lower-cased.
    std::vector<std::string> classify(const char *key) const;
    int high() const;
    int medium() const;
    const nlohmann::json &json() const { return m_json; }

private:
    nlohmann::json m_json;
};

} // namespace netcase
