#include "m365record.h"

#include "api/labelsbuilder.h"

#include <charconv>
#include <unordered_map>

namespace netcase {

namespace {

using F = M365Mapper::F;

// Common schema and service-specific names (learn.microsoft.com, "Office 365 Management
// Activity API schema"): ClientIP (common), ClientIPAddress (Exchange mailbox, SharePoint),
// ActorIpAddress (Entra ID), ExtendedProperties (Entra ID: a Name/Value collection).
const std::unordered_map<std::string_view, F> &fieldTable()
{
    static const std::unordered_map<std::string_view, F> t = {
            {"CreationTime", F::CreationTime},
            {"Id", F::Id},
            {"Operation", F::Operation},
            {"RecordType", F::RecordType},
            {"Workload", F::Workload},
            {"ResultStatus", F::ResultStatus},
            {"UserId", F::UserId},
            {"UserKey", F::UserKey},
            {"UserType", F::UserType},
            {"ClientIP", F::ClientIp},
            {"ClientIPAddress", F::ClientIpAddress},
            {"ActorIpAddress", F::ActorIpAddress},
            {"ObjectId", F::ObjectId},
            {"OrganizationId", F::OrganizationId},
            {"LogonError", F::LogonError},
            {"UserAgent", F::UserAgent},
            {"ClientInfoString", F::ClientInfoString},
            {"SessionId", F::SessionId},
    };
    return t;
}

// "ExtendedProperties[3].Name" → 3 and "Name"; false for other paths.
bool extendedProperty(std::string_view path, size_t &index, std::string_view &leaf)
{
    constexpr std::string_view prefix = "ExtendedProperties[";
    if (!path.starts_with(prefix))
        return false;
    const size_t close = path.find("].", prefix.size());
    if (close == std::string_view::npos)
        return false;
    const auto [end, ec] = std::from_chars(path.data() + prefix.size(), path.data() + close, index);
    if (ec != std::errc() || end != path.data() + close || index > 4096)
        return false;
    leaf = path.substr(close + 2);
    return true;
}

bool isSignIn(std::string_view op)
{
    return op == "UserLoggedIn" || op == "UserLoginFailed" || op == "MailboxLogin"
           || op == "SignInEvent" || op == "UserLoggedOut" || op.find("Logon") != op.npos;
}

} // namespace

void M365Mapper::begin()
{
    for (auto &v : m_values)
        v.clear();
    m_extNames.clear();
}

void M365Mapper::field(std::string_view path, const JsonScalar &value)
{
    if (value.kind == JsonScalar::Kind::Null)
        return;
    size_t index = 0;
    std::string_view leaf;
    if (extendedProperty(path, index, leaf)) {
        if (m_extNames.size() <= index)
            m_extNames.resize(index + 1);
        if (leaf == "Name") {
            m_extNames[index].assign(value.text);
        } else if (leaf == "Value") {
            const std::string &name = m_extNames[index];
            if (name == "UserAgent" && get(F::UserAgent).empty())
                get(F::UserAgent).assign(value.text);
            else if (name == "RequestType")
                get(F::RequestType).assign(value.text);
            else if (name == "ResultStatusDetail" && get(F::LogonError).empty()
                     && value.text != "Success")
                get(F::LogonError).assign(value.text);
        }
        return;
    }
    const auto it = fieldTable().find(path);
    if (it != fieldTable().end())
        get(it->second).assign(value.text);
}

void M365Mapper::fallback(F f, std::string_view value)
{
    if (get(f).empty())
        get(f).assign(value);
}

RejectReason M365Mapper::finish(Event &e)
{
    if (get(F::CreationTime).empty())
        return {RejectKind::NoTime, "no CreationTime"};
    // CreationTime is UTC and usually written without a zone ("2024-03-01T08:00:00").
    if (!setIsoTimestamp(e, get(F::CreationTime)))
        return {RejectKind::BadTime, "unreadable CreationTime: " + get(F::CreationTime)};
    if (get(F::Operation).empty())
        return {RejectKind::MissingField, "no Operation"};
    e.action = get(F::Operation);
    const std::string &workload = get(F::Workload);
    e.category = isSignIn(e.action)                   ? "authentication"
                 : workload == "AzureActiveDirectory" ? "iam"
                                                      : "api";

    LabelsBuilder labels;
    // The client address: ClientIP, else the Exchange/SharePoint or Entra ID name for it. It
    // may carry a port ("1.2.3.4:5678", "[::1]:443").
    const char *ipField = "ClientIP";
    std::string ip = get(F::ClientIp);
    if (ip.empty()) {
        ipField = "ClientIPAddress";
        ip = get(F::ClientIpAddress);
    }
    if (ip.empty()) {
        ipField = "ActorIpAddress";
        ip = get(F::ActorIpAddress);
    }
    if (!ip.empty()) {
        if (!setSourceAddressPort(e, ip)) {
            labels.add("client_ip_unparsed", ip);
            e.sourceDomain.clear();
        }
        labels.add("source_ip_field", ipField);
    }
    e.userName = get(F::UserId);
    e.userAgent = get(F::UserAgent).empty() ? get(F::ClientInfoString) : get(F::UserAgent);
    e.sessionId = get(F::SessionId);

    const std::string status = lowerAscii(get(F::ResultStatus));
    if (e.action == "UserLoginFailed" || !get(F::LogonError).empty() || status == "failed"
        || status == "false" || status == "failure")
        e.outcome = Outcome::Failure;
    else if (status == "succeeded" || status == "success" || status == "true"
             || status == "partiallysucceeded")
        e.outcome = Outcome::Success;

    labels.add("workload", workload);
    labels.add("result_status", get(F::ResultStatus));
    labels.add("logon_error", get(F::LogonError));
    labels.addRaw("record_type", get(F::RecordType));
    labels.add("record_id", get(F::Id));
    labels.add("user_key", get(F::UserKey));
    labels.addRaw("user_type", get(F::UserType));
    labels.add("object_id", get(F::ObjectId));
    labels.add("organization_id", get(F::OrganizationId));
    labels.add("request_type", get(F::RequestType));
    if (!get(F::UserAgent).empty())
        labels.add("client_info", get(F::ClientInfoString));
    e.labels = labels.take();
    return {};
}

int detectM365Json(std::string_view sample)
{
    const JsonSample s = sampleJson(sample);
    if (!s.records.empty()) {
        const int p = s.percentWith({"CreationTime", "Operation", "Workload", "RecordType"});
        return p >= 50 ? 95 : p > 0 ? 60 : 0;
    }
    const bool keys = sample.find("\"CreationTime\"") != std::string_view::npos
                      && sample.find("\"Operation\"") != std::string_view::npos
                      && sample.find("\"Workload\"") != std::string_view::npos;
    return keys ? 70 : 0;
}

} // namespace netcase
