#include "entraimporter.h"

#include "api/labelsbuilder.h"
#include "cloud/entrasignin.h"
#include "cloud/jsonrecordimport.h"

#include <unordered_map>

namespace netcase {

namespace {

using S = EntraSignIn::Field;

// Microsoft Graph signIn resource property paths (learn.microsoft.com, "signIn resource type").
// The Azure Monitor export nests the same object under "properties".
const std::unordered_map<std::string_view, S> &graphTable()
{
    static const std::unordered_map<std::string_view, S> t = {
            {"createdDateTime", S::Time},
            {"userPrincipalName", S::User},
            {"servicePrincipalName", S::ServicePrincipal},
            {"userDisplayName", S::UserDisplayName},
            {"userId", S::UserId},
            {"ipAddress", S::Ip},
            {"status.errorCode", S::ErrorCode},
            {"status.failureReason", S::FailureReason},
            {"status.additionalDetails", S::AdditionalDetails},
            {"correlationId", S::CorrelationId},
            {"id", S::RequestId},
            {"originalRequestId", S::OriginalRequestId},
            {"deviceDetail.deviceId", S::DeviceId},
            {"deviceDetail.displayName", S::DeviceName},
            {"deviceDetail.operatingSystem", S::Os},
            {"deviceDetail.browser", S::Browser},
            {"deviceDetail.isCompliant", S::Compliant},
            {"deviceDetail.isManaged", S::Managed},
            {"userAgent", S::UserAgent},
            {"clientAppUsed", S::ClientApp},
            {"appDisplayName", S::App},
            {"appId", S::AppId},
            {"resourceDisplayName", S::Resource},
            {"conditionalAccessStatus", S::ConditionalAccess},
            {"isInteractive", S::Interactive},
            {"riskLevelDuringSignIn", S::Risk},
            {"riskState", S::RiskState},
            {"authenticationRequirement", S::AuthRequirement},
            {"mfaDetail.authMethod", S::MfaMethod},
            {"mfaDetail.authDetail", S::MfaDetail},
            {"location.city", S::City},
            {"location.state", S::State},
            {"location.countryOrRegion", S::Country},
            {"location.geoCoordinates.latitude", S::Lat},
            {"location.geoCoordinates.longitude", S::Lon},
            {"signInEventTypes[0]", S::EventType},
    };
    return t;
}

// Top-level fields of the Azure Monitor diagnostic record.
const std::unordered_map<std::string_view, S> &monitorTable()
{
    static const std::unordered_map<std::string_view, S> t = {
            {"time", S::MonitorTime},
            {"category", S::Category},
            {"operationName", S::Operation},
            {"callerIpAddress", S::MonitorIp},
            {"resultType", S::MonitorResult},
            {"identity", S::Identity},
            {"correlationId", S::MonitorCorrelation},
            {"tenantId", S::Tenant},
    };
    return t;
}

class EntraMapper final : public JsonEventMapper
{
public:
    void begin() override { m_signIn.clear(); }

    void field(std::string_view path, const JsonScalar &value) override
    {
        if (value.kind == JsonScalar::Kind::Null)
            return;
        if (path.starts_with("properties.")) {
            path.remove_prefix(11);
            m_signIn.nested = true;
        } else if (const auto it = monitorTable().find(path); it != monitorTable().end()) {
            m_signIn.set(it->second, value.text);
            return;
        }
        if (const auto it = graphTable().find(path); it != graphTable().end()) {
            m_signIn.set(it->second, value.text);
            return;
        }
        // authenticationDetails[i].authenticationMethod / .succeeded: the steps of the sign-in.
        if (path.starts_with("authenticationDetails[")) {
            const size_t dot = path.find("].");
            if (dot == std::string_view::npos)
                return;
            const std::string_view leaf = path.substr(dot + 2);
            if (leaf == "authenticationMethod")
                m_signIn.addAuthMethod(value.text);
            else if (leaf == "succeeded")
                m_signIn.addAuthSucceeded(value.text == "true");
        }
    }

    RejectReason finish(Event &e) override { return m_signIn.toEvent(e); }

private:
    EntraSignIn m_signIn;
};

} // namespace

int EntraImporter::detect(std::string_view sample) const
{
    const JsonSample s = sampleJson(sample);
    if (!s.records.empty()) {
        const int graph = s.percentWith({"createdDateTime", "userPrincipalName"});
        const int monitor = std::max(
                {s.percentWith({"category=SignInLogs"}),
                 s.percentWith({"category=NonInteractiveUserSignInLogs"}),
                 s.percentWith({"category=ServicePrincipalSignInLogs"}),
                 s.percentWith({"category=ManagedIdentitySignInLogs"}),
                 s.percentWith({"properties.createdDateTime", "properties.userPrincipalName"})});
        const int p = std::max(graph, monitor);
        return p >= 50 ? 95 : p > 0 ? 60 : 0;
    }
    const bool keys = sample.find("\"createdDateTime\"") != std::string_view::npos
                      && (sample.find("\"userPrincipalName\"") != std::string_view::npos
                          || sample.find("\"SignInLogs\"") != std::string_view::npos);
    return keys ? 70 : 0;
}

Status EntraImporter::parse(InputStream &in, ParseContext &ctx) const
{
    EntraMapper mapper;
    return importJsonRecords(in, ctx, mapper);
}

} // namespace netcase
