#include "winjsonimporter.h"

#include "cloud/jsonrecordimport.h"
#include "windows/winlogon.h"

#include <charconv>

namespace netcase {

namespace {

// "/Date(1709280000000)/": Windows PowerShell 5.1's ConvertTo-Json form of a DateTime (UTC
// milliseconds); PowerShell 7 writes ISO 8601 instead.
bool setDotNetDate(Event &e, std::string_view text)
{
    if (!text.starts_with("/Date(") || !text.ends_with(")/"))
        return false;
    std::string_view body = text.substr(6, text.size() - 8);
    const size_t zone = body.find_first_of("+-", 1); // "/Date(ms+0100)/": the offset shown
    body = body.substr(0, zone);
    std::int64_t ms = 0;
    const auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), ms);
    if (ec != std::errc() || end != body.data() + body.size() || ms < -62135596800000LL
        || ms > 253402300799000LL)
        return false;
    e.timestampUs = ms * 1000;
    e.tzOffsetMin = 0;
    return true;
}

int parseId(std::string_view text)
{
    int id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    return ec == std::errc() && end == text.data() + text.size() ? id : 0;
}

// A top-level key that is one of the logon events' EventData names (NXLog writes them flat).
bool isDataName(std::string_view name)
{
    for (int id : {4624, 4625, 4648, 4768, 4769, 4776}) {
        for (std::string_view n : winEventDataNames(id)) {
            if (n == name)
                return true;
        }
    }
    return false;
}

class WinJsonMapper final : public JsonEventMapper
{
public:
    void begin() override
    {
        m_rec.clear();
        m_time.clear();
        m_positional.clear();
        m_outcome.clear();
        m_ecs.clear();
        m_flat.clear();
    }

    void field(std::string_view path, const JsonScalar &value) override
    {
        if (value.kind == JsonScalar::Kind::Null)
            return;
        const std::string_view v = value.text;
        // Documents exported from Elasticsearch wrap the event in "_source".
        if (path.starts_with("_source."))
            path.remove_prefix(8);
        constexpr std::string_view data = "winlog.event_data.";
        if (path.starts_with(data)) {
            m_rec.data.emplace_back(std::string(path.substr(data.size())), std::string(v));
        } else if (path.starts_with("Properties[") && path.ends_with("].Value")) {
            const std::string_view idx = path.substr(11, path.size() - 11 - 7);
            const int i = parseId(idx);
            if (i >= 0 && i < 64 && (i > 0 || idx == "0")) {
                if (m_positional.size() <= size_t(i))
                    m_positional.resize(size_t(i) + 1);
                m_positional[size_t(i)].assign(v);
            }
        } else if (path == "winlog.event_id" || path == "Id" || path == "EventID") {
            m_rec.eventId = parseId(v);
        } else if (path == "event.code" && m_rec.eventId == 0) {
            m_rec.eventId = parseId(v);
        } else if (path == "@timestamp" || path == "TimeCreated" || path == "EventTime") {
            m_time.assign(v);
        } else if (path == "winlog.computer_name" || path == "MachineName" || path == "Computer"
                   || path == "Hostname") {
            m_rec.computer.assign(v);
        } else if (path == "host.name" && m_rec.computer.empty()) {
            m_rec.computer.assign(v);
        } else if (path == "winlog.channel" || path == "LogName" || path == "Channel") {
            m_rec.channel.assign(v);
        } else if (path == "event.action") {
            m_rec.action.assign(v);
        } else if (path == "event.outcome") {
            m_outcome.assign(v);
        } else if (path == "source.ip" || path == "source.port" || path == "source.domain"
                   || path == "user.name") {
            // The Elastic Agent's pipeline moves IpAddress, IpPort, WorkstationName and
            // TargetUserName out of event_data into these ECS fields.
            m_ecs.emplace_back(std::string(path), std::string(v));
        } else if (path.find('.') == std::string_view::npos
                   && path.find('[') == std::string_view::npos && isDataName(path)) {
            m_flat.emplace_back(std::string(path), std::string(v)); // NXLog's flat records
        }
    }

    RejectReason finish(Event &e) override
    {
        if (m_time.empty())
            return {RejectKind::NoTime, "no time (@timestamp or TimeCreated)"};
        if (!setDotNetDate(e, m_time) && !setIsoTimestamp(e, m_time))
            return {RejectKind::BadTime, "unreadable time: " + m_time};
        if (m_rec.eventId <= 0)
            return {RejectKind::MissingField, "no event id (winlog.event_id, event.code or Id)"};
        if (m_rec.data.empty())
            m_rec.data = m_flat;
        static const std::pair<const char *, const char *> ecsNames[]
                = {{"source.ip", "IpAddress"},
                   {"source.port", "IpPort"},
                   {"source.domain", "WorkstationName"},
                   {"user.name", "TargetUserName"}};
        for (const auto &[ecs, name] : ecsNames) {
            for (const auto &[k, v] : m_ecs) {
                if (k == ecs && !m_rec.find(name))
                    m_rec.data.emplace_back(name, v);
            }
        }
        if (m_rec.data.empty() && !m_positional.empty()) {
            const auto &names = winEventDataNames(m_rec.eventId);
            for (size_t i = 0; i < m_positional.size(); ++i) {
                m_rec.data.emplace_back(i < names.size() ? std::string(names[i])
                                                         : "param" + std::to_string(i + 1),
                                        m_positional[i]);
            }
        }
        mapWinEvent(m_rec, e);
        if (e.outcome == Outcome::Unknown && m_outcome == "failure")
            e.outcome = Outcome::Failure;
        else if (e.outcome == Outcome::Unknown && m_outcome == "success")
            e.outcome = Outcome::Success;
        return {};
    }

private:
    WinEventRecord m_rec;
    std::string m_time;
    std::string m_outcome;
    std::vector<std::string> m_positional;
    std::vector<std::pair<std::string, std::string>> m_ecs;
    std::vector<std::pair<std::string, std::string>> m_flat;
};

} // namespace

int WinJsonImporter::detect(std::string_view sample) const
{
    const JsonSample s = sampleJson(sample);
    if (!s.records.empty()) {
        const int beat = std::max({s.percentWith({"winlog.event_id"}),
                                   s.percentWith({"_source.winlog.event_id"}),
                                   s.percentWith({"winlog.channel", "event.code"})});
        const int ps = s.percentWith({"Id", "TimeCreated", "ProviderName"});
        const int nxlog = s.percentWith({"EventID", "EventTime", "Channel"});
        const int p = std::max({beat, ps, nxlog});
        return p >= 50 ? 95 : p > 0 ? 60 : 0;
    }
    const bool keys = (sample.find("\"winlog\"") != std::string_view::npos
                       && sample.find("\"event_id\"") != std::string_view::npos)
                      || (sample.find("\"TimeCreated\"") != std::string_view::npos
                          && sample.find("\"ProviderName\"") != std::string_view::npos);
    return keys ? 70 : 0;
}

Status WinJsonImporter::parse(InputStream &in, ParseContext &ctx) const
{
    WinJsonMapper mapper;
    return importJsonRecords(in, ctx, mapper);
}

} // namespace netcase
