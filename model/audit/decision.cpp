#include "decision.h"

#include "core/ipaddr.h"

#include <QHash>

#include <nlohmann/json.hpp>

namespace netcase::decisions {

namespace {

std::string s(const QString &q)
{
    return q.toStdString();
}

QString q(const nlohmann::json &j, const char *key)
{
    auto it = j.find(key);
    if (it == j.end() || !it->is_string())
        return {};
    return QString::fromStdString(it->get<std::string>());
}

} // namespace

const QStringList &verdicts()
{
    static const QStringList v = {QStringLiteral("escalate"), QStringLiteral("step_up_auth"),
                                  QStringLiteral("throttle"), QStringLiteral("manual_review"),
                                  QStringLiteral("block"),    QStringLiteral("benign")};
    return v;
}

QString verdictLabel(const QString &verdict)
{
    static const QHash<QString, QString> labels
            = {{QStringLiteral("escalate"), QStringLiteral("Escalate")},
               {QStringLiteral("step_up_auth"), QStringLiteral("Step-up authentication")},
               {QStringLiteral("throttle"), QStringLiteral("Temporary throttling")},
               {QStringLiteral("manual_review"), QStringLiteral("Manual review")},
               {QStringLiteral("block"), QStringLiteral("Block")},
               {QStringLiteral("benign"), QStringLiteral("Benign")}};
    return labels.value(verdict, verdict);
}

const QStringList &confidences()
{
    static const QStringList v
            = {QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high")};
    return v;
}

const QStringList &subjectTypes()
{
    static const QStringList v
            = {QStringLiteral("ip"), QStringLiteral("account"), QStringLiteral("host"),
               QStringLiteral("finding"), QStringLiteral("selection")};
    return v;
}

const QStringList &reviewVerdicts()
{
    static const QStringList v = {QStringLiteral("agree"), QStringLiteral("challenge")};
    return v;
}

bool parseSubject(const QString &text, Subject *out, QString *why)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    const QString type = colon > 0 ? text.left(colon).trimmed().toLower() : QString();
    const QString value = colon > 0 ? text.mid(colon + 1).trimmed() : QString();
    if (!subjectTypes().contains(type) || value.isEmpty()) {
        *why = QStringLiteral("subject '%1' must be ip:ADDRESS, account:NAME, host:NAME or "
                              "finding:ID")
                       .arg(text);
        return false;
    }
    Subject subject{type, value};
    if (type == QLatin1String("ip")) {
        std::string canon;
        if (!normaliseIp(value.toStdString(), canon)) {
            *why = QStringLiteral("'%1' is not an IP address").arg(value);
            return false;
        }
        subject.value = QString::fromStdString(canon);
    } else if (type == QLatin1String("finding")) {
        bool ok = false;
        const qlonglong id = value.toLongLong(&ok);
        if (!ok || id <= 0) {
            *why = QStringLiteral("finding id '%1' must be a positive number").arg(value);
            return false;
        }
        subject.value = QString::number(id);
    }
    *out = subject;
    return true;
}

nlohmann::json factorToJson(const Factor &f)
{
    nlohmann::json enrichment = nlohmann::json::array();
    for (const EnrichmentValue &e : f.enrichment)
        enrichment.push_back({{"ip", s(e.ip)},
                              {"field", s(e.field)},
                              {"value", s(e.value)},
                              {"source", s(e.source)}});
    return {{"text", s(f.text)},
            {"signal", s(f.signal)},
            {"finding_id", f.findingId},
            {"evidence", f.evidence},
            {"enrichment", enrichment}};
}

Factor factorFromJson(const nlohmann::json &j)
{
    Factor f;
    if (j.is_string())
        f.text = QString::fromStdString(j.get<std::string>());
    if (!j.is_object())
        return f;
    f.text = q(j, "text");
    f.signal = q(j, "signal");
    if (auto it = j.find("finding_id"); it != j.end() && it->is_number_integer())
        f.findingId = it->get<std::int64_t>();
    if (auto it = j.find("evidence"); it != j.end() && it->is_array()) {
        for (const auto &e : *it) {
            if (e.is_number_integer())
                f.evidence.push_back(e.get<std::int64_t>());
        }
    }
    if (auto it = j.find("enrichment"); it != j.end() && it->is_array()) {
        for (const auto &e : *it) {
            if (e.is_object())
                f.enrichment.push_back({q(e, "ip"), q(e, "field"), q(e, "value"), q(e, "source")});
        }
    }
    return f;
}

nlohmann::json factorsToJson(const std::vector<Factor> &factors)
{
    nlohmann::json a = nlohmann::json::array();
    for (const Factor &f : factors)
        a.push_back(factorToJson(f));
    return a;
}

std::vector<Factor> factorsFromJson(const nlohmann::json &j)
{
    std::vector<Factor> out;
    if (!j.is_array())
        return out;
    for (const auto &f : j)
        out.push_back(factorFromJson(f));
    return out;
}

nlohmann::json toJson(const Decision &d)
{
    return {{"id", d.id},
            {"decision_key", s(d.key)},
            {"revision", d.revision},
            {"subject", {{"type", s(d.subject.type)}, {"value", s(d.subject.value)}}},
            {"verdict", s(d.verdict)},
            {"confidence", s(d.confidence)},
            {"factors", factorsToJson(d.factors)},
            {"reasoning", s(d.reasoning)},
            {"proportionality", s(d.proportionality)},
            {"analyst", s(d.analyst)},
            {"created_at", s(d.createdAt)}};
}

nlohmann::json toJson(const Review &r)
{
    nlohmann::json j
            = {{"id", r.id},        {"decision_id", r.decisionId}, {"verdict", s(r.verdict)},
               {"note", s(r.note)}, {"reviewer", s(r.reviewer)},   {"created_at", s(r.createdAt)}};
    if (r.selfReview) // only when set: records from before the flag compare equal
        j["self_review"] = true;
    return j;
}

} // namespace netcase::decisions
