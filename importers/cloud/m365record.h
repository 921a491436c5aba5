#pragma once

// One Microsoft 365 unified audit log record (Office 365 Management Activity API, common schema
// and the Exchange, SharePoint and Entra ID extensions) mapped to an event. Shared by the JSON
// importer and the portal's CSV export, whose AuditData column holds the same JSON object.

#include "cloud/jsonrecordimport.h"

#include <string>
#include <vector>

namespace netcase {

class M365Mapper final : public JsonEventMapper
{
public:
    enum class F {
        CreationTime,
        Id,
        Operation,
        RecordType,
        Workload,
        ResultStatus,
        UserId,
        UserKey,
        UserType,
        ClientIp,
        ClientIpAddress,
        ActorIpAddress,
        ObjectId,
        OrganizationId,
        LogonError,
        UserAgent,
        ClientInfoString,
        SessionId,
        RequestType,
        Count
    };

    void begin() override;
    void field(std::string_view path, const JsonScalar &value) override;
    RejectReason finish(Event &e) override;

    /// A value from outside the JSON (the CSV export's own columns), used when the record
    /// does not carry the field itself.
    void fallback(F f, std::string_view value);

private:
    std::string &get(F f) { return m_values[int(f)]; }
    std::string m_values[int(F::Count)];
    std::vector<std::string> m_extNames; ///< ExtendedProperties[i].Name, by index
};

/// True when the sample looks like unified audit log JSON records.
int detectM365Json(std::string_view sample);

} // namespace netcase
