#pragma once

// One Entra ID sign-in, whichever way it was exported (Graph JSON, Azure Monitor JSON, the
// portal's CSV), and its mapping to the normalised event, so the three readers agree.

#include "core/event.h"

#include <string>
#include <string_view>
#include <vector>

namespace netcase {

struct EntraSignIn
{
    enum class Field {
        Time,
        User,
        ServicePrincipal,
        UserDisplayName,
        UserId,
        Ip,
        ErrorCode,
        StatusText, ///< the CSV's "Status" column: Success, Failure, Interrupted
        FailureReason,
        AdditionalDetails,
        CorrelationId,
        RequestId,
        OriginalRequestId,
        DeviceId,
        DeviceName,
        Os,
        Browser,
        Compliant,
        Managed,
        UserAgent,
        ClientApp,
        App,
        AppId,
        Resource,
        ConditionalAccess,
        Interactive,
        Risk,
        RiskState,
        AuthRequirement,
        MfaMethod,
        MfaDetail,
        MfaResult, ///< the CSV's "Multifactor authentication result"
        City,
        State,
        Country,
        LocationText, ///< the CSV's "Location": "City, State, CC"
        Lat,
        Lon,
        EventType,
        SessionId,
        // Azure Monitor envelope
        MonitorTime,
        Category,
        Operation,
        MonitorIp,
        MonitorResult,
        Identity,
        MonitorCorrelation,
        Tenant,
        Count
    };

    void clear();
    void set(Field f, std::string_view value) { m_values[int(f)].assign(value); }
    const std::string &get(Field f) const { return m_values[int(f)]; }
    void addAuthMethod(std::string_view method) { m_authMethods.emplace_back(method); }
    void addAuthSucceeded(bool ok) { m_authSucceeded.push_back(ok); }

    /// Fills the event; returns a reject reason, or empty.
    RejectReason toEvent(Event &e) const;

    bool nested = false; ///< fields came from an Azure Monitor "properties" object

private:
    std::string mfa(bool success) const;

    std::string m_values[int(Field::Count)];
    std::vector<std::string> m_authMethods;
    std::vector<bool> m_authSucceeded;
};

} // namespace netcase
