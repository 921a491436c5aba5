#include "oktaimporter.h"

#include "api/labelsbuilder.h"
#include "cloud/jsonrecordimport.h"

#include <unordered_map>

namespace netcase {

namespace {

// The LogEvent fields Netcase reads (developer.okta.com, System Log API, LogEvent object).
enum class F {
    Published,
    EventType,
    Result,
    Reason,
    ActorAltId,
    ActorType,
    ActorName,
    ClientIp,
    UserAgent,
    ClientDevice,
    ClientZone,
    ExternalSession,
    RootSession,
    AuthProvider,
    CredentialType,
    AuthStep,
    RequestId,
    Factor,
    FactorIntent,
    Behaviors,
    Risk,
    AsNumber,
    AsOrg,
    Isp,
    Domain,
    IsProxy,
    City,
    State,
    Country,
    Lat,
    Lon,
    Severity,
    Message,
    Uuid,
    TransactionId,
};

const std::unordered_map<std::string_view, F> &fieldTable()
{
    static const std::unordered_map<std::string_view, F> t = {
            {"published", F::Published},
            {"eventType", F::EventType},
            {"outcome.result", F::Result},
            {"outcome.reason", F::Reason},
            {"actor.alternateId", F::ActorAltId},
            {"actor.type", F::ActorType},
            {"actor.displayName", F::ActorName},
            {"client.ipAddress", F::ClientIp},
            {"client.userAgent.rawUserAgent", F::UserAgent},
            {"client.device", F::ClientDevice},
            {"client.zone", F::ClientZone},
            {"authenticationContext.externalSessionId", F::ExternalSession},
            {"authenticationContext.rootSessionId", F::RootSession},
            {"authenticationContext.authenticationProvider", F::AuthProvider},
            {"authenticationContext.credentialType", F::CredentialType},
            {"authenticationContext.authenticationStep", F::AuthStep},
            {"debugContext.debugData.requestId", F::RequestId},
            {"debugContext.debugData.factor", F::Factor},
            {"debugContext.debugData.factorIntent", F::FactorIntent},
            {"debugContext.debugData.behaviors", F::Behaviors},
            {"debugContext.debugData.risk", F::Risk},
            {"securityContext.asNumber", F::AsNumber},
            {"securityContext.asOrg", F::AsOrg},
            {"securityContext.isp", F::Isp},
            {"securityContext.domain", F::Domain},
            {"securityContext.isProxy", F::IsProxy},
            {"client.geographicalContext.city", F::City},
            {"client.geographicalContext.state", F::State},
            {"client.geographicalContext.country", F::Country},
            {"client.geographicalContext.geolocation.lat", F::Lat},
            {"client.geographicalContext.geolocation.lon", F::Lon},
            {"severity", F::Severity},
            {"displayMessage", F::Message},
            {"uuid", F::Uuid},
            {"transaction.id", F::TransactionId},
    };
    return t;
}

constexpr int kFieldCount = int(F::TransactionId) + 1;

class OktaMapper final : public JsonEventMapper
{
public:
    void begin() override
    {
        for (auto &v : m_values)
            v.clear();
    }

    void field(std::string_view path, const JsonScalar &value) override
    {
        if (value.kind == JsonScalar::Kind::Null)
            return;
        const auto &t = fieldTable();
        const auto it = t.find(path);
        if (it == t.end())
            return;
        m_values[int(it->second)].assign(value.text);
    }

    RejectReason finish(Event &e) override
    {
        if (get(F::Published).empty())
            return {RejectKind::NoTime, "no \"published\" time"};
        if (!setIsoTimestamp(e, get(F::Published)))
            return {RejectKind::BadTime, "unreadable \"published\" time: " + get(F::Published)};
        if (get(F::EventType).empty())
            return {RejectKind::MissingField, "no \"eventType\""};
        e.action = get(F::EventType);
        e.category = isAuthentication(e.action) ? "authentication" : "iam";

        const std::string result = get(F::Result);
        if (result == "SUCCESS" || result == "ALLOW")
            e.outcome = Outcome::Success;
        else if (result == "FAILURE" || result == "DENY")
            e.outcome = Outcome::Failure;

        e.userName = get(F::ActorAltId);
        LabelsBuilder labels;
        if (!get(F::ClientIp).empty() && !setSourceAddress(e, get(F::ClientIp))) {
            // Okta documents an address here; anything else is kept, but not as an IP.
            labels.add("client_ip_unparsed", get(F::ClientIp));
            e.sourceDomain.clear();
        }
        e.userAgent = get(F::UserAgent);
        e.sessionId = get(F::ExternalSession);
        if (e.sessionId == "unknown")
            e.sessionId.clear();
        e.mfa = mfa(e.action, result);

        labels.add("outcome_result", result);
        labels.add("outcome_reason", get(F::Reason));
        labels.add("request_id", get(F::RequestId));
        labels.add("transaction_id", get(F::TransactionId));
        labels.add("uuid", get(F::Uuid));
        labels.add("severity", get(F::Severity));
        labels.add("display_message", get(F::Message));
        labels.add("actor_type", get(F::ActorType));
        labels.add("actor_display_name", get(F::ActorName));
        labels.add("client_device", get(F::ClientDevice));
        labels.add("client_zone",
                   get(F::ClientZone) == "null" ? std::string() : get(F::ClientZone));
        labels.add("root_session_id", get(F::RootSession));
        labels.add("authentication_provider", get(F::AuthProvider));
        labels.add("credential_type", get(F::CredentialType));
        labels.add("factor", get(F::Factor));
        labels.add("factor_intent", get(F::FactorIntent));
        labels.add("behaviors", get(F::Behaviors));
        labels.add("risk", get(F::Risk));
        labels.addRaw("as_number", get(F::AsNumber));
        labels.add("as_org", get(F::AsOrg));
        labels.add("isp", get(F::Isp));
        labels.add("as_domain", get(F::Domain));
        labels.addRaw("is_proxy", get(F::IsProxy));
        // The vendor's own geolocation, kept apart from Netcase's enrichment of source.ip.
        labels.add("vendor_geo_city", get(F::City));
        labels.add("vendor_geo_region", get(F::State));
        labels.add("vendor_geo_country", get(F::Country));
        labels.addRaw("vendor_geo_lat", get(F::Lat));
        labels.addRaw("vendor_geo_lon", get(F::Lon));
        e.labels = labels.take();
        return {};
    }

private:
    const std::string &get(F f) const { return m_values[int(f)]; }

    static bool isAuthentication(std::string_view type)
    {
        return type.starts_with("user.authentication") || type.starts_with("user.session")
               || type.starts_with("user.mfa") || type.starts_with("policy.evaluate_sign_on")
               || type.starts_with("system.push") || type.starts_with("system.sms")
               || type.starts_with("system.voice");
    }

    // authentication.mfa as "method:result" when the event is a factor step, e.g.
    // "okta_verify_push:failure". The factor comes from debugData (newer events) or the
    // credential type of a factor provider.
    std::string mfa(std::string_view type, const std::string &result) const
    {
        std::string method = get(F::Factor);
        const bool factorEvent = type.find("mfa") != std::string_view::npos
                                 || type.find("factor") != std::string_view::npos
                                 || type.starts_with("system.push")
                                 || get(F::AuthProvider) == "FACTOR_PROVIDER";
        if (method.empty() && factorEvent)
            method = get(F::CredentialType);
        if (method.empty() && !factorEvent)
            return {};
        if (method.empty())
            method = "factor";
        std::string out = lowerAscii(method);
        if (!result.empty())
            out += ":" + lowerAscii(result);
        return out;
    }

    std::string m_values[kFieldCount];
};

} // namespace

int OktaImporter::detect(std::string_view sample) const
{
    const JsonSample s = sampleJson(sample);
    if (!s.records.empty()) {
        const int p = s.percentWith({"published", "eventType", "uuid"});
        return p >= 50 ? 95 : p > 0 ? 60 : 0;
    }
    // The first record was cut by the sample size (a large pretty-printed array).
    const bool keys = sample.find("\"eventType\"") != std::string_view::npos
                      && sample.find("\"published\"") != std::string_view::npos
                      && sample.find("\"actor\"") != std::string_view::npos;
    return keys ? 70 : 0;
}

Status OktaImporter::parse(InputStream &in, ParseContext &ctx) const
{
    OktaMapper mapper;
    return importJsonRecords(in, ctx, mapper);
}

} // namespace netcase
