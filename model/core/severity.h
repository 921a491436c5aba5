#pragma once

// The one severity scale of Netcase (0-100): where "high" and "medium" start, and their names.
// The findings table, the CLI, the timeline, the map legend and reports all word and colour a
// severity through here, so 65 is "high" everywhere. The default rules
// (resources/rules/default.json, "severity_levels") carry the same numbers.

#include <QString>

#include <optional>

namespace netcase {

constexpr int kSeverityHigh = 60;
constexpr int kSeverityMedium = 40;

enum class SeverityLevel { Low, Medium, High };

constexpr SeverityLevel severityLevel(int severity)
{
    return severity >= kSeverityHigh     ? SeverityLevel::High
           : severity >= kSeverityMedium ? SeverityLevel::Medium
                                         : SeverityLevel::Low;
}

/// "high", "medium" or "low".
QString severityWord(int severity);
/// The level with its range: "high (60-100)".
QString severityWithRange(int severity);

/// A threshold given by the user: a number 0-100, or a level's name ("low", "medium", "high",
/// any case) meaning the lowest severity of that level. nullopt for anything else.
std::optional<int> severityThreshold(const QString &text);

} // namespace netcase
