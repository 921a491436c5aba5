#include "workspaceimporter.h"

#include "api/jsonsplitter.h"
#include "api/labelsbuilder.h"
#include "api/recordloop.h"
#include "cloud/jsonrecordimport.h"

#include <charconv>
#include <vector>

namespace netcase {

namespace {

// developers.google.com/admin-sdk/reports/v1/reference/activities (Activity resource) and the
// login audit appendix (reports/v1/appendix/activity/login): events[].name such as
// login_success, login_failure, login_challenge, login_verification, logout; parameters
// login_type, login_challenge_method, login_failure_type, is_suspicious, ...
struct WsEvent
{
    std::string type, name;
    std::vector<std::pair<std::string, std::string>> params; ///< name, value (multi: joined)
};

struct Activity
{
    std::string time, application, email, profileId, callerType, ip, ownerDomain, qualifier;
    std::vector<WsEvent> events;

    void clear() { *this = Activity(); }
};

/// "events[3].parameters[12].value" -> event 3, parameter 12, rest "value".
bool indexAt(std::string_view &path, std::string_view prefix, size_t &index)
{
    if (!path.starts_with(prefix))
        return false;
    path.remove_prefix(prefix.size());
    const auto [end, ec] = std::from_chars(path.data(), path.data() + path.size(), index);
    if (ec != std::errc() || end == path.data() || *end != ']' || index > 4096)
        return false;
    path.remove_prefix(size_t(end - path.data()) + 1);
    return true;
}

void collect(Activity &a, std::string_view path, const JsonScalar &v)
{
    if (v.kind == JsonScalar::Kind::Null)
        return;
    const std::string_view text = v.text;
    if (path == "id.time")
        a.time = text;
    else if (path == "id.applicationName")
        a.application = text;
    else if (path == "id.uniqueQualifier")
        a.qualifier = text;
    else if (path == "actor.email")
        a.email = text;
    else if (path == "actor.profileId")
        a.profileId = text;
    else if (path == "actor.callerType")
        a.callerType = text;
    else if (path == "ipAddress")
        a.ip = text;
    else if (path == "ownerDomain")
        a.ownerDomain = text;
    size_t ei = 0, pi = 0;
    if (!indexAt(path, "events[", ei))
        return;
    if (a.events.size() <= ei)
        a.events.resize(ei + 1);
    WsEvent &e = a.events[ei];
    if (path == ".name") {
        e.name = text;
        return;
    }
    if (path == ".type") {
        e.type = text;
        return;
    }
    if (!indexAt(path, ".parameters[", pi))
        return;
    if (e.params.size() <= pi)
        e.params.resize(pi + 1);
    auto &[name, value] = e.params[pi];
    if (path == ".name") {
        name = text;
    } else if (path == ".value" || path == ".intValue" || path == ".boolValue") {
        value = text;
    } else if (path.starts_with(".multiValue[") || path.starts_with(".multiIntValue[")) {
        if (!value.empty())
            value += ',';
        value += text;
    }
}

const std::string *param(const WsEvent &e, std::string_view name)
{
    for (const auto &[k, v] : e.params)
        if (k == name)
            return &v;
    return nullptr;
}

/// Fills an event of one events[] entry; empty reason on success.
RejectReason fill(const Activity &a, const WsEvent &w, Event &e)
{
    if (a.time.empty())
        return {RejectKind::NoTime, "no id.time"};
    if (!setIsoTimestamp(e, a.time))
        return {RejectKind::BadTime, "unreadable id.time: " + a.time};
    if (w.name.empty())
        return {RejectKind::MissingField, "no events[].name"};
    e.action = w.name;
    const bool login = a.application == "login";
    e.category = login ? "authentication" : a.application == "admin" ? "iam" : "api";
    if (!a.ip.empty() && !setSourceAddress(e, a.ip))
        e.sourceDomain.clear();
    e.userName = a.email;
    if (w.name == "login_failure") {
        e.outcome = Outcome::Failure;
    } else if (w.name == "login_success") {
        e.outcome = Outcome::Success;
    } else if (w.name == "login_challenge" || w.name == "login_verification") {
        const std::string *status = param(w, "login_challenge_status");
        if (status && lowerAscii(*status).find("fail") != std::string::npos)
            e.outcome = Outcome::Failure;
        else if (status && lowerAscii(*status).find("pass") != std::string::npos)
            e.outcome = Outcome::Success;
    }
    if (const std::string *method = param(w, "login_challenge_method"))
        e.mfa = *method;
    LabelsBuilder labels;
    labels.add("application_name", a.application);
    labels.add("event_type", w.type);
    labels.add("actor_profile_id", a.profileId);
    labels.add("actor_caller_type", a.callerType);
    labels.add("owner_domain", a.ownerDomain);
    labels.add("unique_qualifier", a.qualifier);
    if (!a.ip.empty() && e.sourceIp.empty())
        labels.add("ip_address", a.ip);
    for (const auto &[k, v] : w.params) {
        if (!k.empty() && k != "application_name" && k != "event_type")
            labels.add(k, v);
    }
    e.labels = labels.take();
    return {};
}

} // namespace

int WorkspaceImporter::detect(std::string_view sample) const
{
    const JsonSample s = sampleJson(sample);
    if (!s.records.empty()) {
        const int p = std::max(s.percentWith({"id.time", "id.applicationName", "events[0].name"}),
                               s.percentWith({"id.time", "id.applicationName", "kind"}));
        return p >= 50 ? 95 : p > 0 ? 60 : 0;
    }
    return sample.find("admin#reports#activit") != std::string_view::npos ? 70 : 0;
}

Status WorkspaceImporter::parse(InputStream &in, ParseContext &ctx) const
{
    JsonSplitter splitter(in);
    JsonFlattener flattener;
    Activity a;
    const JsonFlattener::Visitor visit = [&a](std::string_view path, const JsonScalar &v) {
        collect(a, path, v);
    };
    JsonSplitter::Piece p;
    std::int64_t last = 0; // record numbers stay unique when one activity gives several events
    int sinceCheck = 0;
    while (splitter.next(p)) {
        if (++sinceCheck >= kProgressEveryLines) {
            sinceCheck = 0;
            if (!ctx.progress(in.position()))
                return makeError(QStringLiteral("cancelled"), ErrorCode::Cancelled);
        }
        std::int64_t line = std::max(p.line, last + 1);
        last = line;
        if (p.error) {
            ctx.sink.reject(line, p.errorKind, p.error, p.text);
            continue;
        }
        a.clear();
        if (const std::string bad = flattener.flatten(p.text, visit); !bad.empty()) {
            ctx.sink.reject(line, RejectKind::Syntax, "invalid JSON: " + bad, p.text);
            continue;
        }
        if (a.events.empty()) {
            ctx.sink.reject(line, RejectKind::MissingField, "no events[] in the activity", p.text);
            continue;
        }
        for (size_t i = 0; i < a.events.size(); ++i) {
            if (i > 0)
                line = ++last;
            Event e;
            e.line = line;
            if (const RejectReason why = fill(a, a.events[i], e); why.empty())
                ctx.sink.event(std::move(e), p.text);
            else
                ctx.sink.reject(line, why, p.text);
        }
    }
    if (splitter.failed())
        return makeError(QStringLiteral("read error: %1").arg(in.errorString()));
    ctx.progress(in.position());
    return {};
}

} // namespace netcase
