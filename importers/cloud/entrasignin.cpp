#include "entrasignin.h"

#include "api/labelsbuilder.h"
#include "cloud/jsonrecordimport.h"
#include "core/ipaddr.h"

namespace netcase {

using F = EntraSignIn::Field;

void EntraSignIn::clear()
{
    for (auto &v : m_values)
        v.clear();
    m_authMethods.clear();
    m_authSucceeded.clear();
    nested = false;
}

// authentication.mfa as "method:result". Graph gives mfaDetail (the second factor) and, in the
// beta schema and the Monitor export, authenticationDetails (every step, the password first).
std::string EntraSignIn::mfa(bool success) const
{
    std::string method = get(F::MfaMethod);
    std::string result;
    for (size_t i = 0; i < m_authMethods.size(); ++i) {
        const std::string &m = m_authMethods[i];
        if (m.empty() || m == "Password" || m == "Previously satisfied")
            continue;
        if (method.empty())
            method = m;
        if (i < m_authSucceeded.size())
            result = m_authSucceeded[i] ? "success" : "failure";
        break;
    }
    const std::string &csvResult = get(F::MfaResult);
    if (result.empty() && !csvResult.empty() && !method.empty())
        result = lowerAscii(csvResult).find("success") != std::string::npos ? "success" : "failure";
    const std::string code = get(F::ErrorCode);
    if (method.empty()) {
        // Not an MFA step of its own, but the sign-in's MFA state is still worth keeping.
        if (get(F::AdditionalDetails).find("MFA requirement satisfied") != std::string::npos)
            return "claim:success";
        if (code == "500121")
            return "mfa:failure";
        if (code == "50074" || code == "50076")
            return "mfa:required";
        return {};
    }
    if (result.empty())
        result = success ? "success" : code == "500121" ? "failure" : "";
    std::string out = lowerAscii(method);
    for (char &c : out) {
        if (c == ' ')
            c = '_';
    }
    if (!result.empty())
        out += ":" + result;
    return out;
}

RejectReason EntraSignIn::toEvent(Event &e) const
{
    const std::string &time = get(F::Time).empty() ? get(F::MonitorTime) : get(F::Time);
    if (time.empty())
        return {RejectKind::NoTime, "no createdDateTime or time"};
    if (!setIsoTimestamp(e, time))
        return {RejectKind::BadTime, "unreadable time: " + time};

    const std::string &category = get(F::Category);
    const bool signInLog = category.empty() || category.find("SignInLogs") != std::string::npos;
    e.category = signInLog ? "authentication" : "iam";
    if (!signInLog)
        e.action = get(F::Operation).empty() ? category : get(F::Operation);
    else if (category == "NonInteractiveUserSignInLogs" || get(F::Interactive) == "false")
        e.action = "non_interactive_signin";
    else if (category == "ServicePrincipalSignInLogs")
        e.action = "service_principal_signin";
    else if (category == "ManagedIdentitySignInLogs")
        e.action = "managed_identity_signin";
    else
        e.action = "signin";

    std::string code = get(F::ErrorCode);
    if (code.empty())
        code = get(F::MonitorResult);
    const std::string status = lowerAscii(get(F::StatusText));
    bool success = false;
    if (!code.empty()) {
        success = code == "0";
        e.outcome = success ? Outcome::Success : Outcome::Failure;
    } else if (status == "success") {
        success = true;
        e.outcome = Outcome::Success;
    } else if (status == "failure" || status == "interrupted") {
        e.outcome = Outcome::Failure;
    }

    e.userName = get(F::User);
    if (e.userName.empty())
        e.userName = get(F::ServicePrincipal);
    if (e.userName.empty() && !nested)
        e.userName = get(F::Identity);
    LabelsBuilder labels;
    const std::string &ip = get(F::Ip).empty() ? get(F::MonitorIp) : get(F::Ip);
    if (!ip.empty() && !setSourceAddress(e, ip)) {
        labels.add("ip_address_unparsed", ip);
        e.sourceDomain.clear();
    }
    // The Monitor export has both the sign-in's ipAddress and the envelope's callerIpAddress;
    // when they differ both are kept and the label says which one source.ip is.
    if (!get(F::Ip).empty() && !get(F::MonitorIp).empty()) {
        std::string caller;
        if (!normaliseIp(get(F::MonitorIp), caller))
            caller = get(F::MonitorIp);
        if (caller != e.sourceIp) {
            labels.add("caller_ip_address", caller);
            labels.add("source_ip_field", "properties.ipAddress");
        }
    }
    e.userAgent = get(F::UserAgent);
    e.sessionId
            = get(F::CorrelationId).empty() ? get(F::MonitorCorrelation) : get(F::CorrelationId);
    e.deviceId = get(F::DeviceId);
    e.mfa = mfa(success);

    labels.add("request_id", get(F::RequestId));
    labels.add("original_request_id", get(F::OriginalRequestId));
    labels.add("session_id", get(F::SessionId));
    labels.add("error_code", code);
    labels.add("status", get(F::StatusText));
    labels.add("failure_reason", get(F::FailureReason));
    labels.add("additional_details", get(F::AdditionalDetails));
    labels.add("user_display_name", get(F::UserDisplayName));
    labels.add("user_id", get(F::UserId));
    labels.add("app_display_name", get(F::App));
    labels.add("app_id", get(F::AppId));
    labels.add("resource_display_name", get(F::Resource));
    labels.add("client_app_used", get(F::ClientApp));
    labels.add("conditional_access_status", get(F::ConditionalAccess));
    labels.add("authentication_requirement", get(F::AuthRequirement));
    labels.add("mfa_auth_detail", get(F::MfaDetail));
    labels.add("mfa_result", get(F::MfaResult));
    labels.add("risk_level_during_signin", get(F::Risk));
    labels.add("risk_state", get(F::RiskState));
    labels.add("device_name", get(F::DeviceName));
    labels.add("device_os", get(F::Os));
    labels.add("device_browser", get(F::Browser));
    labels.addRaw("device_compliant", get(F::Compliant));
    labels.addRaw("device_managed", get(F::Managed));
    labels.add("signin_event_type", get(F::EventType));
    labels.add("azure_category", category);
    labels.add("tenant_id", get(F::Tenant));
    // The vendor's own geolocation, kept apart from Netcase's enrichment of source.ip.
    labels.add("vendor_geo_city", get(F::City));
    labels.add("vendor_geo_region", get(F::State));
    labels.add("vendor_geo_country", get(F::Country));
    labels.add("vendor_geo_location", get(F::LocationText));
    labels.addRaw("vendor_geo_lat", get(F::Lat));
    labels.addRaw("vendor_geo_lon", get(F::Lon));
    e.labels = labels.take();
    return {};
}

} // namespace netcase
