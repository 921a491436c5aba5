#include "cloudtrailimporter.h"

#include "api/labelsbuilder.h"
#include "cloud/jsonrecordimport.h"

#include <unordered_map>

namespace netcase {

namespace {

// CloudTrail record contents (docs.aws.amazon.com, "CloudTrail record contents").
enum class F {
    Time,
    Name,
    Source,
    SourceIp,
    UserAgent,
    ErrorCode,
    ErrorMessage,
    RequestId,
    EventId,
    Region,
    Recipient,
    EventType,
    ReadOnly,
    IdType,
    IdArn,
    IdUserName,
    IdPrincipal,
    IdAccount,
    IdAccessKey,
    IdInvokedBy,
    IssuerUserName,
    MfaAuthenticated,
    ConsoleLogin,
    MfaUsed,
    MfaType,
    LoginTo,
    AdditionalUserName,
    VpcEndpoint,
    Count
};

const std::unordered_map<std::string_view, F> &fieldTable()
{
    static const std::unordered_map<std::string_view, F> t = {
            {"eventTime", F::Time},
            {"eventName", F::Name},
            {"eventSource", F::Source},
            {"sourceIPAddress", F::SourceIp},
            {"userAgent", F::UserAgent},
            {"errorCode", F::ErrorCode},
            {"errorMessage", F::ErrorMessage},
            {"requestID", F::RequestId},
            {"eventID", F::EventId},
            {"awsRegion", F::Region},
            {"recipientAccountId", F::Recipient},
            {"eventType", F::EventType},
            {"readOnly", F::ReadOnly},
            {"userIdentity.type", F::IdType},
            {"userIdentity.arn", F::IdArn},
            {"userIdentity.userName", F::IdUserName},
            {"userIdentity.principalId", F::IdPrincipal},
            {"userIdentity.accountId", F::IdAccount},
            {"userIdentity.accessKeyId", F::IdAccessKey},
            {"userIdentity.invokedBy", F::IdInvokedBy},
            {"userIdentity.sessionContext.sessionIssuer.userName", F::IssuerUserName},
            {"userIdentity.sessionContext.attributes.mfaAuthenticated", F::MfaAuthenticated},
            {"responseElements.ConsoleLogin", F::ConsoleLogin},
            {"additionalEventData.MFAUsed", F::MfaUsed},
            {"additionalEventData.MfaType", F::MfaType},
            {"additionalEventData.LoginTo", F::LoginTo},
            {"additionalEventData.UserName", F::AdditionalUserName},
            {"vpcEndpointId", F::VpcEndpoint},
    };
    return t;
}

bool isAuthentication(std::string_view source, std::string_view name)
{
    return source == "signin.amazonaws.com" || source == "sts.amazonaws.com"
           || name == "ConsoleLogin" || name == "CheckMfa";
}

class CloudTrailMapper final : public JsonEventMapper
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
        const auto it = fieldTable().find(path);
        if (it != fieldTable().end())
            m_values[int(it->second)].assign(value.text);
    }

    RejectReason finish(Event &e) override
    {
        if (get(F::Time).empty())
            return {RejectKind::NoTime, "no eventTime"};
        if (!setIsoTimestamp(e, get(F::Time)))
            return {RejectKind::BadTime, "unreadable eventTime: " + get(F::Time)};
        if (get(F::Name).empty())
            return {RejectKind::MissingField, "no eventName"};
        e.action = get(F::Name);
        const std::string &source = get(F::Source);
        e.category = isAuthentication(source, e.action) ? "authentication"
                     : source == "iam.amazonaws.com"    ? "iam"
                                                        : "api";

        // sourceIPAddress is an address, or the name of the AWS service that acted
        // ("ec2.amazonaws.com", "AWS Internal"): the latter is kept as source.domain.
        setSourceAddress(e, get(F::SourceIp));
        e.userAgent = get(F::UserAgent);

        e.userName = get(F::IdUserName);
        // An assumed role (also how IAM Identity Center users act) has no userName: the name
        // is the sign-in's additionalEventData.UserName or the session issuer's (the role);
        // the ARN stays in labels.identity_arn.
        if (e.userName.empty())
            e.userName = get(F::AdditionalUserName);
        if (e.userName.empty() && get(F::IdType) == "AssumedRole")
            e.userName = get(F::IssuerUserName);
        if (e.userName.empty())
            e.userName = get(F::IdArn);
        if (e.userName.empty() && get(F::IdType) == "AWSAccount")
            e.userName = get(F::IdAccount); // e.g. ANONYMOUS_PRINCIPAL or another account
        if (e.userName.empty())
            e.userName = get(F::IdInvokedBy);
        // Temporary credentials (ASIA...) identify one STS session across its API calls.
        if (get(F::IdAccessKey).starts_with("ASIA"))
            e.sessionId = get(F::IdAccessKey);

        const std::string &login = get(F::ConsoleLogin);
        if (!get(F::ErrorCode).empty() || login == "Failure")
            e.outcome = Outcome::Failure;
        else
            e.outcome = Outcome::Success; // CloudTrail records errors; no error means it ran
        if (!get(F::MfaUsed).empty()) {
            if (get(F::MfaUsed) == "Yes") {
                const std::string method = get(F::MfaType).empty() ? std::string("mfa")
                                                                   : lowerAscii(get(F::MfaType));
                e.mfa = method + ":" + outcomeName(e.outcome);
            } else {
                e.mfa = "none";
            }
        }

        LabelsBuilder labels;
        labels.add("event_provider", source);
        labels.add("error_code", get(F::ErrorCode));
        labels.add("error_message", get(F::ErrorMessage));
        labels.add("request_id", get(F::RequestId));
        labels.add("event_id", get(F::EventId));
        labels.add("aws_region", get(F::Region));
        labels.add("recipient_account_id", get(F::Recipient));
        labels.add("event_type", get(F::EventType));
        labels.addRaw("read_only", get(F::ReadOnly));
        labels.add("identity_type", get(F::IdType));
        labels.add("identity_arn", get(F::IdArn));
        labels.add("principal_id", get(F::IdPrincipal));
        labels.add("account_id", get(F::IdAccount));
        labels.add("access_key_id", get(F::IdAccessKey));
        labels.add("invoked_by", get(F::IdInvokedBy));
        labels.add("session_issuer", get(F::IssuerUserName));
        labels.add("mfa_authenticated", get(F::MfaAuthenticated));
        labels.add("console_login", login);
        labels.add("mfa_used", get(F::MfaUsed));
        labels.add("login_to", get(F::LoginTo));
        labels.add("vpc_endpoint_id", get(F::VpcEndpoint));
        e.labels = labels.take();
        return {};
    }

private:
    const std::string &get(F f) const { return m_values[int(f)]; }
    std::string m_values[int(F::Count)];
};

} // namespace

int CloudTrailImporter::detect(std::string_view sample) const
{
    const JsonSample s = sampleJson(sample);
    if (!s.records.empty()) {
        const int p = s.percentWith({"eventTime", "eventName", "eventSource"});
        return p >= 50 ? 95 : p > 0 ? 60 : 0;
    }
    const bool keys = sample.find("\"eventVersion\"") != std::string_view::npos
                      && sample.find("\"eventSource\"") != std::string_view::npos
                      && sample.find("\"eventName\"") != std::string_view::npos;
    return keys ? 70 : 0;
}

Status CloudTrailImporter::parse(InputStream &in, ParseContext &ctx) const
{
    CloudTrailMapper mapper;
    return importJsonRecords(in, ctx, mapper);
}

} // namespace netcase
