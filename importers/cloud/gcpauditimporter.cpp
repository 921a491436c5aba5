#include "gcpauditimporter.h"

#include "api/labelsbuilder.h"
#include "cloud/jsonrecordimport.h"

#include <unordered_map>

namespace netcase {

namespace {

// A table-driven mapper: the paths a format reads, each into a slot.
template<typename Slot>
class SlotMapper : public JsonEventMapper
{
public:
    explicit SlotMapper(const std::unordered_map<std::string_view, Slot> &table)
        : m_table(table)
    {}
    void begin() override
    {
        for (auto &v : m_values)
            v.clear();
    }
    void field(std::string_view path, const JsonScalar &value) override
    {
        if (value.kind == JsonScalar::Kind::Null)
            return;
        const auto it = m_table.find(path);
        if (it != m_table.end() && m_values[int(it->second)].empty())
            m_values[int(it->second)].assign(value.text);
    }

protected:
    const std::string &get(Slot s) const { return m_values[int(s)]; }

private:
    const std::unordered_map<std::string_view, Slot> &m_table;
    std::string m_values[int(Slot::Count)];
};

// LogEntry (cloud.google.com/logging/docs/reference/v2/rest/v2/LogEntry) with an AuditLog
// protoPayload (cloud.google.com/logging/docs/audit/api/ref/rest/Shared.Types/AuditLog).
enum class G {
    Time,
    Service,
    Method,
    Resource,
    Principal,
    CallerIp,
    UserAgent,
    StatusCode,
    StatusMessage,
    LogName,
    InsertId,
    Severity,
    ResourceType,
    WorkspaceEvent,
    Count
};

const std::unordered_map<std::string_view, G> &gcpTable()
{
    static const std::unordered_map<std::string_view, G> t = {
            {"timestamp", G::Time},
            {"protoPayload.serviceName", G::Service},
            {"protoPayload.methodName", G::Method},
            {"protoPayload.resourceName", G::Resource},
            {"protoPayload.authenticationInfo.principalEmail", G::Principal},
            {"protoPayload.requestMetadata.callerIp", G::CallerIp},
            {"protoPayload.requestMetadata.callerSuppliedUserAgent", G::UserAgent},
            {"protoPayload.status.code", G::StatusCode},
            {"protoPayload.status.message", G::StatusMessage},
            {"logName", G::LogName},
            {"insertId", G::InsertId},
            {"severity", G::Severity},
            {"resource.type", G::ResourceType},
            {"protoPayload.metadata.event[0].eventName", G::WorkspaceEvent},
    };
    return t;
}

class GcpMapper final : public SlotMapper<G>
{
public:
    GcpMapper()
        : SlotMapper(gcpTable())
    {}
    RejectReason finish(Event &e) override
    {
        if (get(G::Time).empty())
            return {RejectKind::NoTime, "no timestamp"};
        if (!setIsoTimestamp(e, get(G::Time)))
            return {RejectKind::BadTime, "unreadable timestamp: " + get(G::Time)};
        if (get(G::Method).empty())
            return {RejectKind::MissingField,
                    "no protoPayload.methodName (not an audit log entry)"};
        e.action = get(G::Method);
        const std::string &service = get(G::Service);
        const std::string method = lowerAscii(e.action);
        const bool login
                = service == "login.googleapis.com" || method.find("login") != std::string::npos;
        e.category = login ? "authentication"
                     : service == "iam.googleapis.com" || service == "admin.googleapis.com" ? "iam"
                                                                                            : "api";
        LabelsBuilder labels;
        // callerIp may be an address or a word ("private", "gce-internal-ip").
        if (!get(G::CallerIp).empty() && !setSourceAddress(e, get(G::CallerIp))) {
            labels.add("caller_ip", get(G::CallerIp));
            e.sourceDomain.clear();
        }
        e.userName = get(G::Principal);
        e.userAgent = get(G::UserAgent);
        const std::string &code = get(G::StatusCode);
        const std::string wsEvent = lowerAscii(get(G::WorkspaceEvent));
        if ((!code.empty() && code != "0") || method.find("loginfailure") != std::string::npos
            || wsEvent == "login_failure")
            e.outcome = Outcome::Failure;
        else
            e.outcome = Outcome::Success; // an AuditLog without a status ran
        labels.add("service_name", service);
        labels.add("resource_name", get(G::Resource));
        labels.addRaw("status_code", code);
        labels.add("status_message", get(G::StatusMessage));
        labels.add("log_name", get(G::LogName));
        labels.add("insert_id", get(G::InsertId));
        labels.add("severity", get(G::Severity));
        labels.add("resource_type", get(G::ResourceType));
        labels.add("workspace_event", get(G::WorkspaceEvent));
        e.labels = labels.take();
        return {};
    }
};

// Azure activity log (learn.microsoft.com, "Azure activity log event schema").
enum class A {
    Time,
    EventTimestamp,
    Operation,
    OperationValue,
    Category,
    CategoryValue,
    Result,
    StatusValue,
    ResultSignature,
    CallerIp,
    HttpClientIp,
    Caller,
    CorrelationId,
    ResourceId,
    Level,
    Count
};

const std::unordered_map<std::string_view, A> &azureTable()
{
    static const std::unordered_map<std::string_view, A> t = {
            {"time", A::Time},
            {"eventTimestamp", A::EventTimestamp},
            {"operationName", A::Operation},
            {"operationName.value", A::OperationValue},
            {"category", A::Category},
            {"category.value", A::CategoryValue},
            {"resultType", A::Result},
            {"status.value", A::StatusValue},
            {"resultSignature", A::ResultSignature},
            {"callerIpAddress", A::CallerIp},
            {"httpRequest.clientIpAddress", A::HttpClientIp},
            {"caller", A::Caller},
            {"identity.claims.name", A::Caller},
            {"identity.claim.upn", A::Caller}, // resource logs such as Key Vault's AuditEvent
            {"correlationId", A::CorrelationId},
            {"resourceId", A::ResourceId},
            {"level", A::Level},
            {"Level", A::Level},
    };
    return t;
}

class AzureMapper final : public SlotMapper<A>
{
public:
    AzureMapper()
        : SlotMapper(azureTable())
    {}
    RejectReason finish(Event &e) override
    {
        const std::string &time = get(A::Time).empty() ? get(A::EventTimestamp) : get(A::Time);
        if (time.empty())
            return {RejectKind::NoTime, "no time"};
        if (!setIsoTimestamp(e, time))
            return {RejectKind::BadTime, "unreadable time: " + time};
        e.action = get(A::Operation).empty() ? get(A::OperationValue) : get(A::Operation);
        if (e.action.empty())
            return {RejectKind::MissingField, "no operationName"};
        const std::string &category
                = get(A::Category).empty() ? get(A::CategoryValue) : get(A::Category);
        // Role assignments and policies are identity changes; other control-plane calls are API.
        e.category = lowerAscii(e.action).find("microsoft.authorization/") != std::string::npos
                             ? "iam"
                             : "api";
        const std::string &ip = get(A::CallerIp).empty() ? get(A::HttpClientIp) : get(A::CallerIp);
        LabelsBuilder labels;
        if (!ip.empty() && !setSourceAddressPort(e, ip)) {
            labels.add("caller_ip", ip);
            e.sourceDomain.clear();
        }
        e.userName = get(A::Caller);
        const std::string result
                = lowerAscii(get(A::Result).empty() ? get(A::StatusValue) : get(A::Result));
        if (result == "failure" || result == "failed")
            e.outcome = Outcome::Failure;
        else if (result == "success" || result == "succeeded")
            e.outcome = Outcome::Success;
        e.sessionId = get(A::CorrelationId);
        labels.add("category", category);
        labels.add("result_type", get(A::Result).empty() ? get(A::StatusValue) : get(A::Result));
        labels.add("result_signature", get(A::ResultSignature));
        labels.add("resource_id", get(A::ResourceId));
        labels.add("level", get(A::Level));
        e.labels = labels.take();
        return {};
    }
};

} // namespace

int GcpAuditImporter::detect(std::string_view sample) const
{
    const JsonSample s = sampleJson(sample);
    if (!s.records.empty()) {
        const int p = s.percentWith({"protoPayload.methodName", "timestamp"});
        return p >= 50 ? 95 : p > 0 ? 60 : 0;
    }
    const bool keys = sample.find("\"protoPayload\"") != std::string_view::npos
                      && sample.find("\"methodName\"") != std::string_view::npos;
    return keys ? 70 : 0;
}

Status GcpAuditImporter::parse(InputStream &in, ParseContext &ctx) const
{
    GcpMapper mapper;
    return importJsonRecords(in, ctx, mapper);
}

int AzureActivityImporter::detect(std::string_view sample) const
{
    const JsonSample s = sampleJson(sample);
    if (!s.records.empty()) {
        // Sign-in categories share the export's envelope; the Entra importer reads those.
        if (s.percentWith({"category=SignInLogs"}) > 0
            || s.percentWith({"category=NonInteractiveUserSignInLogs"}) > 0)
            return 0;
        const int p = std::max(
                {s.percentWith({"time", "operationName", "resourceId", "category"}),
                 s.percentWith({"eventTimestamp", "operationName.value", "resourceId"})});
        return p >= 50 ? 90 : p > 0 ? 55 : 0;
    }
    return 0;
}

Status AzureActivityImporter::parse(InputStream &in, ParseContext &ctx) const
{
    AzureMapper mapper;
    return importJsonRecords(in, ctx, mapper);
}

} // namespace netcase
