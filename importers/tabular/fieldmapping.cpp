#include "fieldmapping.h"

#include "core/fields.h"
#include "core/ipaddr.h"

#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace netcase {

namespace {

std::string lower(std::string s)
{
    for (char &c : s) {
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    }
    return s;
}

// Column names that usually hold a field, compared case-insensitively on their letters and
// digits only ("Source IP", "src_ip" and "source.ip" become "sourceip", "Date (UTC)" "dateutc").
std::string squash(const std::string &s)
{
    std::string out;
    for (char c : lower(s)) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out.push_back(c);
    }
    return out;
}

const std::vector<std::pair<std::string, std::vector<std::string>>> &synonyms()
{
    static const std::vector<std::pair<std::string, std::vector<std::string>>> s = {
            // Time columns of common exports: Log Analytics / Sentinel (TimeGenerated), Microsoft
            // 365 (CreationTime, CreationDate), CloudTrail (eventTime), Okta (published), Zeek
            // (ts), flow exports (FlowStartTime), SIEM exports ("Event DateTime").
            {"@timestamp",
             {"timestamp",      "time",          "datetime",        "date",         "ts",
              "eventtime",      "dateutc",       "createddatetime", "published",    "logtime",
              "when",           "timegenerated", "creationtime",    "creationdate", "eventdatetime",
              "eventtimestamp", "flowstarttime", "timecreated",     "starttime",    "timestamputc",
              "datetimeutc",    "epoch"}},
            {"source.ip",
             {"sourceip",
              "srcip",
              "src",
              "clientip",
              "ip",
              "ipaddress",
              "remoteip",
              "remoteaddr",
              "callerip",
              "calleripaddress",
              "sourceaddress",
              "srcaddr",
              "clientipaddress",
              "sourceipaddress",
              "srcipaddr",
              "ipaddr",
              "clientaddress",
              "remoteaddress",
              "originip",
              "idorigh"}},
            {"source.port", {"sourceport", "srcport", "sport"}},
            {"destination.ip",
             {"destinationip", "dstip", "dst", "destip", "dstaddr", "destinationipaddress",
              "destinationaddress", "dstipaddr", "idresph"}},
            {"destination.port", {"destinationport", "dstport", "dport", "destport"}},
            {"user.name",
             {"username", "user", "account", "login", "userprincipalname", "upn", "accountname",
              "actor", "userid", "targetusername", "accountupn", "principalemail", "caller",
              "email", "useridentity"}},
            {"event.action",
             {"eventaction", "action", "event", "eventtype", "operation", "activity"}},
            {"event.outcome", {"eventoutcome", "outcome", "result", "status"}},
            {"user_agent.original", {"useragentoriginal", "useragent", "ua", "agent"}},
            {"host.name", {"hostname", "host", "computer", "device"}},
            {"session.id", {"sessionid", "session"}},
            {"http.request.method", {"httprequestmethod", "method"}},
            {"url.original", {"urloriginal", "url", "uri", "path"}},
            {"http.response.status_code", {"httpresponsestatuscode", "statuscode"}},
    };
    return s;
}

} // namespace

const std::vector<std::string> &FieldMapping::targets()
{
    static const std::vector<std::string> t = [] {
        std::vector<std::string> names;
        for (const FieldDef &f : eventFields())
            if (f.mappable)
                names.emplace_back(f.ecs);
        return names;
    }();
    return t;
}

Result<FieldMapping> FieldMapping::fromText(const QString &textOrPath)
{
    const QString t = textOrPath.trimmed();
    if (t.startsWith(QLatin1Char('{')))
        return fromJson(t.toStdString());
    QFile f(t);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("mapping: not JSON and not a readable file: %1").arg(t),
                         ErrorCode::Usage);
    if (f.size() > 1 << 20)
        return makeError(QStringLiteral("mapping file larger than 1 MiB: %1").arg(t),
                         ErrorCode::Usage);
    auto m = fromJson(f.readAll().toStdString());
    if (m && m->name.isEmpty())
        m->name = QFileInfo(t).completeBaseName();
    return m;
}

Result<FieldMapping> FieldMapping::fromJson(const std::string &json)
{
    const auto j = nlohmann::json::parse(json, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return makeError(QStringLiteral("mapping: not a JSON object"), ErrorCode::Usage);
    FieldMapping m;
    auto str = [&j](const char *key, const std::string &fallback) {
        const auto it = j.find(key);
        return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
    };
    m.name = QString::fromStdString(str("name", ""));
    m.timestampFormat = str("timestamp_format", "auto");
    m.timezone = str("timezone", "");
    m.category = str("category", "");
    m.unmappedToLabels = str("unmapped", "labels") != "drop";
    const std::string delim = str("delimiter", "");
    if (delim == "\\t" || delim == "tab")
        m.delimiter = '\t';
    else if (delim.size() == 1)
        m.delimiter = delim[0];
    else if (!delim.empty() && delim != "auto")
        return makeError(QStringLiteral("mapping: delimiter must be one character"),
                         ErrorCode::Usage);
    if (const auto it = j.find("header"); it != j.end() && it->is_boolean())
        m.header = it->get<bool>();
    if (const auto it = j.find("fields"); it != j.end()) {
        if (!it->is_object())
            return makeError(QStringLiteral("mapping: \"fields\" must be an object"),
                             ErrorCode::Usage);
        for (auto f = it->begin(); f != it->end(); ++f) {
            if (f->is_string() && !f->get<std::string>().empty())
                m.fields[f.key()] = f->get<std::string>();
        }
    }
    if (const auto it = j.find("outcome"); it != j.end() && it->is_object()) {
        for (const char *k : {"success", "failure"}) {
            const auto v = it->find(k);
            if (v == it->end() || !v->is_array())
                continue;
            for (const auto &s : *v) {
                if (s.is_string())
                    (k[0] == 's' ? m.successValues : m.failureValues)
                            .push_back(s.get<std::string>());
            }
        }
    }
    const QString p = m.problem();
    if (!p.isEmpty())
        return makeError(QStringLiteral("mapping: %1").arg(p), ErrorCode::Usage);
    return m;
}

std::string FieldMapping::toJson() const
{
    nlohmann::ordered_json j;
    if (!name.isEmpty())
        j["name"] = name.toStdString();
    j["fields"] = nlohmann::ordered_json::object();
    for (const std::string &t : targets()) {
        if (const auto it = fields.find(t); it != fields.end())
            j["fields"][t] = it->second;
    }
    j["timestamp_format"] = timestampFormat;
    if (!timezone.empty())
        j["timezone"] = timezone;
    if (delimiter)
        j["delimiter"] = delimiter == '\t' ? std::string("\\t") : std::string(1, delimiter);
    if (!header)
        j["header"] = false;
    if (!successValues.empty() || !failureValues.empty())
        j["outcome"] = {{"success", successValues}, {"failure", failureValues}};
    if (!category.empty())
        j["category"] = category;
    if (!unmappedToLabels)
        j["unmapped"] = "drop";
    return j.dump(2);
}

FieldMapping FieldMapping::guess(const std::vector<std::string> &sourceNames)
{
    FieldMapping m;
    // A JSON path matches by its whole name ("net.src" as "netsrc") or, failing that, by its
    // last part ("properties.TimeGenerated" as "timegenerated").
    auto matches = [](const std::string &source, const std::string &n, bool leaf) {
        if (!leaf)
            return squash(source) == n;
        const size_t dot = source.rfind('.');
        return dot != std::string::npos && squash(source.substr(dot + 1)) == n;
    };
    for (const auto &[target, names] : synonyms()) {
        for (int pass = 0; pass < 2 && !m.fields.count(target); ++pass) {
            for (const std::string &n : names) {
                const auto it = std::find_if(
                        sourceNames.begin(), sourceNames.end(),
                        [&](const std::string &s) { return matches(s, n, pass == 1); });
                if (it != sourceNames.end()) {
                    const bool taken
                            = std::any_of(m.fields.begin(), m.fields.end(),
                                          [&it](const auto &f) { return f.second == *it; });
                    if (!taken) {
                        m.fields[target] = *it;
                        break;
                    }
                }
            }
        }
    }
    return m;
}

FieldMapping FieldMapping::guess(const std::vector<std::string> &sourceNames,
                                 const std::vector<std::vector<std::string>> &rows)
{
    FieldMapping m = guess(sourceNames);
    if (m.fields.count("source.ip"))
        return m;
    for (size_t c = 0; c < sourceNames.size(); ++c) {
        const std::string &name = sourceNames[c];
        const bool taken = std::any_of(m.fields.begin(), m.fields.end(),
                                       [&name](const auto &f) { return f.second == name; });
        if (taken)
            continue;
        int values = 0, addresses = 0;
        std::string canonical;
        for (const auto &row : rows) {
            if (c >= row.size() || row[c].empty() || row[c] == "-")
                continue;
            ++values;
            addresses += normaliseIp(row[c], canonical) ? 1 : 0;
        }
        // At least three values and at most one in ten that is not an address.
        if (values >= 3 && addresses * 10 >= values * 9) {
            m.fields["source.ip"] = name;
            break;
        }
    }
    return m;
}

std::string FieldMapping::describe() const
{
    std::string out;
    for (const std::string &t : targets()) {
        const auto it = fields.find(t);
        if (it == fields.end())
            continue;
        if (!out.empty())
            out += ", ";
        out += t + " = " + it->second;
    }
    return out;
}

QString FieldMapping::problem() const
{
    if (!fields.count("@timestamp"))
        return QStringLiteral("no column is mapped to @timestamp");
    for (const auto &[target, source] : fields) {
        if (std::find(targets().begin(), targets().end(), target) == targets().end()
            && !target.starts_with("labels."))
            return QStringLiteral("unknown field \"%1\" (use an ECS name such as source.ip, or "
                                  "labels.<name>)")
                    .arg(QString::fromStdString(target));
    }
    return {};
}

} // namespace netcase
