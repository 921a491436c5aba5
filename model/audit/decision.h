#pragma once

// A decision an analyst recorded about a subject (a finding, an IP, an account, a host or a
// selection of events), with the factors that led to it. Decisions are append-only: a change is
// a new revision with the same key, so the reasoning at each point in time is kept.

#include <QString>
#include <QStringList>

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <vector>

namespace netcase {

/// An enrichment value the analyst saw for a factor, with the database or list it came from.
struct EnrichmentValue
{
    QString ip;
    QString field; ///< ECS-style name, e.g. "source.as.number"
    QString value;
    QString source; ///< name and build date of the database or list
    bool operator==(const EnrichmentValue &) const = default;
};

/// One reason behind a decision, tied to the events that show it.
struct Factor
{
    QString text;
    QString signal; ///< the finding's signal id; empty for free text
    std::int64_t findingId = 0;
    std::vector<std::int64_t> evidence; ///< event ids
    std::vector<EnrichmentValue> enrichment;
    bool operator==(const Factor &) const = default;
};

struct Subject
{
    QString type; ///< ip | account | host | finding | selection
    QString value;
    bool isValid() const { return !type.isEmpty() && !value.isEmpty(); }
    /// "ip:203.0.113.7"
    QString toString() const { return type + QLatin1Char(':') + value; }
    bool operator==(const Subject &) const = default;
};

struct Decision
{
    std::int64_t id = 0;
    QString key;
    int revision = 1;
    Subject subject;
    QString verdict;
    QString confidence = QStringLiteral("medium");
    std::vector<Factor> factors;
    QString reasoning;
    QString proportionality;
    QString analyst;
    QString createdAt;
};

struct Review
{
    std::int64_t id = 0;
    std::int64_t decisionId = 0;
    QString verdict; ///< agree | challenge
    QString note;
    QString reviewer;
    QString createdAt;
    /// The reviewer made the decision (same name or OS account) and said so: recorded and
    /// shown as a self-review; without it such a review is refused.
    bool selfReview = false;
};

namespace decisions {

/// escalate, step_up_auth, throttle, manual_review, block, benign
const QStringList &verdicts();
/// A label for people ("Step-up authentication").
QString verdictLabel(const QString &verdict);
const QStringList &confidences(); ///< low, medium, high
const QStringList &subjectTypes();
const QStringList &reviewVerdicts(); ///< agree, challenge

/// Parses "ip:1.2.3.4" (IPs are normalised; finding ids must be numbers).
bool parseSubject(const QString &text, Subject *out, QString *why);

nlohmann::json factorToJson(const Factor &f);
Factor factorFromJson(const nlohmann::json &j);
nlohmann::json factorsToJson(const std::vector<Factor> &factors);
std::vector<Factor> factorsFromJson(const nlohmann::json &j);
/// Every stored field, as written to the audit log and compared by the trail check.
nlohmann::json toJson(const Decision &d);
nlohmann::json toJson(const Review &r);

} // namespace decisions

} // namespace netcase
