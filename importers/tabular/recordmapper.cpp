#include "recordmapper.h"

#include "api/labelsbuilder.h"
#include "core/fields.h"
#include "core/ipaddr.h"
#include "core/utf8.h"

#include <algorithm>
#include <charconv>

namespace netcase {

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    }
    return out;
}

bool toInt(std::string_view s, std::int64_t &out)
{
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

bool looksLikeHostName(std::string_view s)
{
    if (s.empty() || s.size() > 253 || s.find('.') == std::string_view::npos)
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
               || c == '.' || c == '-' || c == '_';
    });
}

const std::vector<std::string> kSuccess
        = {"success", "succeeded", "successful", "ok",     "true",   "allow",    "allowed",
           "accept",  "accepted",  "pass",       "passed", "permit", "permitted"};
const std::vector<std::string> kFailure
        = {"failure",  "failed", "fail",    "false", "deny",    "denied", "reject",
           "rejected", "error",  "blocked", "drop",  "dropped", "invalid"};

} // namespace

RecordMapper::RecordMapper(const FieldMapping &m, const std::string &zone)
    : m_mapping(m)
    , m_time(m.timestampFormat, zone)
    , m_zone(zone)
{
    for (const auto &[target, source] : m.fields)
        m_bySource[source].push_back(target);
    m_timestampSource = m.fields.at("@timestamp");
}

Result<RecordMapper> RecordMapper::create(const FieldMapping &mapping, const QString &defaultZone)
{
    const QString problem = mapping.problem();
    if (!problem.isEmpty())
        return makeError(QStringLiteral("mapping: %1").arg(problem), ErrorCode::Usage);
    const std::string zone
            = mapping.timezone.empty() ? defaultZone.toStdString() : mapping.timezone;
    RecordMapper m(mapping, zone);
    if (!m.m_time.valid())
        return makeError(QStringLiteral("unknown time zone: %1").arg(QString::fromStdString(zone)),
                         ErrorCode::Usage);
    return m;
}

std::string RecordMapper::zoneNote() const
{
    if (!m_time.zoneApplied())
        return {};
    return "times without a zone read as " + m_zone
           + (m_mapping.timezone.empty() ? " (--timezone)" : " (the mapping's timezone)");
}

void RecordMapper::assign(const std::string &t,
                          std::string_view v,
                          Event &e,
                          std::string &unparsed) const
{
    if (t == "event.outcome") {
        const std::string l = lower(v);
        auto in = [&l](const std::vector<std::string> &list) {
            return std::any_of(list.begin(), list.end(),
                               [&l](const std::string &s) { return lower(s) == l; });
        };
        if (in(m_mapping.successValues))
            e.outcome = Outcome::Success;
        else if (in(m_mapping.failureValues))
            e.outcome = Outcome::Failure;
        else if (in(kSuccess))
            e.outcome = Outcome::Success;
        else if (in(kFailure))
            e.outcome = Outcome::Failure;
    } else if (t == "source.ip") {
        if (!normaliseIp(v, e.sourceIp)) {
            e.sourceIp.clear();
            if (looksLikeHostName(v))
                e.sourceDomain.assign(v); // a name where an address was expected
            else
                unparsed = t;
        }
    } else if (t == "client.ip") {
        if (!normaliseIp(v, e.clientIp)) {
            e.clientIp.clear();
            unparsed = t;
        }
    } else if (t == "destination.ip") {
        if (!normaliseIp(v, e.destinationIp)) {
            e.destinationIp.clear();
            if (looksLikeHostName(v))
                e.destinationDomain.assign(v);
            else
                unparsed = t;
        }
    } else if (t == "network.transport") {
        e.transport = lower(v);
    } else if (const FieldDef *f = findField(t); f && f->type == FieldType::Integer) {
        std::int64_t n = 0;
        if (toInt(v, n) && n >= 0)
            f->setNumber(e, n);
        else
            unparsed = t;
    } else if (f && f->text) {
        (e.*f->text).assign(v);
    }
}

RejectReason RecordMapper::map(const SourceFields &record, Event &e) const
{
    bool sawTime = false;
    LabelsBuilder labels;
    std::string unparsed;
    for (const auto &[name, value] : record) {
        const auto it = m_bySource.find(std::string(name));
        if (it == m_bySource.end()) {
            if (m_mapping.unmappedToLabels)
                labels.add(name, value);
            continue;
        }
        for (const std::string &target : it->second) {
            if (target == "@timestamp") {
                sawTime = true;
                const auto t = m_time.parse(value);
                if (!t)
                    return {RejectKind::BadTime, "@timestamp: cannot read \""
                                                         + utf8::repaired(value.substr(0, 64))
                                                         + "\" as " + m_mapping.timestampFormat};
                e.timestampUs = t->us;
                e.tzOffsetMin = t->offsetMin;
                continue;
            }
            if (value.empty())
                continue;
            if (target.starts_with("labels.")) {
                labels.add(std::string_view(target).substr(7), value);
                continue;
            }
            unparsed.clear();
            assign(target, value, e, unparsed);
            if (!unparsed.empty()) // kept, but not in a typed field it would corrupt
                labels.add(unparsed + " (unparsed)", value);
        }
    }
    if (!sawTime)
        return {RejectKind::NoTime,
                "no value for @timestamp (column \"" + m_timestampSource + "\")"};
    if (e.category.empty())
        e.category = m_mapping.category;
    e.labels = labels.take();
    return {};
}

} // namespace netcase
