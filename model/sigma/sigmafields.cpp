#include "sigmafields.h"

#include "core/labelkey.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace netcase::sigma {

namespace {

// logsource → the importers' formats (importers/*: Importer::name()) and the mapping group.
// A rule's category/product/service must each be absent or equal to an entry's; "*" in an
// entry's service accepts any service.
struct ScopeDef
{
    const char *category;
    const char *product;
    const char *service;
    std::vector<std::string> formats;
    const char *group;
};

const std::vector<ScopeDef> &scopes()
{
    static const std::vector<ScopeDef> t = {
            {"webserver", "", "", {"apache"}, "web"},
            // Combined-format proxy logs are read by the access-log importer.
            {"proxy", "", "", {"apache"}, "web"},
            {"", "linux", "sshd", {"syslog", "journal"}, "linux"},
            {"", "linux", "syslog", {"syslog", "journal"}, "linux"},
            {"", "linux", "auth", {"syslog", "journal"}, "linux"},
            {"", "okta", "okta", {"okta"}, "okta"},
            {"", "aws", "cloudtrail", {"cloudtrail"}, "aws"},
            {"", "azure", "signinlogs", {"entra", "entra-csv"}, "azure"},
            {"", "azure", "activitylogs", {"azure-activity"}, "azure"},
            {"", "m365", "*", {"m365", "m365-csv"}, "m365"},
            {"", "gcp", "gcp.audit", {"gcp-audit"}, "gcp"},
            // Workspace audit events routed to Cloud Logging (protoPayload.metadata.event...),
            // which the gcp-audit importer reads.
            {"", "gcp", "google_workspace.login", {"gcp-audit"}, "gcp"},
            {"", "gcp", "google_workspace.admin", {"gcp-audit"}, "gcp"},
            // Error logs (the rules search their text: keywords over the raw record).
            {"", "", "apache", {"web-error"}, "web"},
            {"", "", "nginx", {"web-error"}, "web"},
            {"", "zeek", "*", {"zeek", "zeek-json"}, "zeek"},
            // Windows Security events: Winlogbeat/NXLog/Get-WinEvent JSON, wevtutil XML, .evtx.
            {"", "windows", "security", {"windows-json", "windows-xml", "evtx"}, "windows"},
    };
    return t;
}

bool fits(const char *entry, const std::string &rule)
{
    return std::strcmp(entry, "*") == 0 || rule == entry;
}

struct FieldDefRow
{
    const char *group;
    const char *sigma;
    FieldSource::Kind kind;
    const char *target; ///< ECS name or label/document key
};

using K = FieldSource::Kind;

// Sigma's field names (the web taxonomy of SigmaHQ, Zeek's own names, the vendors' JSON paths
// where they differ from the stored record) → Netcase. Groups whose records are JSON documents
// (okta, aws, azure, m365, gcp, zeek) read any other field from the record by its path.
constexpr std::array kFields = {
        FieldDefRow{"web", "c-uri", K::Ecs, "url.original"},
        FieldDefRow{"web", "cs-uri", K::Ecs, "url.original"},
        FieldDefRow{"web", "c-uri-query", K::UrlQuery, "url.original"},
        FieldDefRow{"web", "cs-uri-query", K::UrlQuery, "url.original"},
        FieldDefRow{"web", "c-uri-stem", K::UrlPath, "url.original"},
        FieldDefRow{"web", "cs-uri-stem", K::UrlPath, "url.original"},
        FieldDefRow{"web", "c-uri-extension", K::UrlExtension, "url.original"},
        FieldDefRow{"web", "c-useragent", K::Ecs, "user_agent.original"},
        FieldDefRow{"web", "cs-user-agent", K::Ecs, "user_agent.original"},
        FieldDefRow{"web", "cs-useragent", K::Ecs, "user_agent.original"},
        FieldDefRow{"web", "cs-method", K::Ecs, "http.request.method"},
        FieldDefRow{"web", "sc-status", K::Ecs, "http.response.status_code"},
        FieldDefRow{"web", "sc-bytes", K::Ecs, "http.response.body.bytes"},
        FieldDefRow{"web", "cs-host", K::Ecs, "destination.domain"},
        FieldDefRow{"web", "r-dns", K::Ecs, "destination.domain"},
        FieldDefRow{"web", "c-ip", K::Ecs, "source.ip"},
        FieldDefRow{"web", "src_ip", K::Ecs, "source.ip"},
        FieldDefRow{"web", "dst_ip", K::Ecs, "destination.ip"},
        FieldDefRow{"web", "cs-username", K::Ecs, "user.name"},
        FieldDefRow{"web", "cs-referer", K::Label, "http_referrer"},
        FieldDefRow{"linux", "host", K::Ecs, "host.name"},
        FieldDefRow{"linux", "user", K::Ecs, "user.name"},
        FieldDefRow{"linux", "src_ip", K::Ecs, "source.ip"},
        FieldDefRow{"zeek", "id.orig_h", K::Ecs, "source.ip"},
        FieldDefRow{"zeek", "id.orig_p", K::Ecs, "source.port"},
        FieldDefRow{"zeek", "id.resp_h", K::Ecs, "destination.ip"},
        FieldDefRow{"zeek", "id.resp_p", K::Ecs, "destination.port"},
        FieldDefRow{"zeek", "proto", K::Ecs, "network.transport"},
        FieldDefRow{"zeek", "user_agent", K::Ecs, "user_agent.original"},
        FieldDefRow{"zeek", "method", K::Ecs, "http.request.method"},
        FieldDefRow{"zeek", "uri", K::Ecs, "url.original"},
        FieldDefRow{"zeek", "status_code", K::Ecs, "http.response.status_code"},
        FieldDefRow{"gcp", "gcp.audit.method_name", K::Document, "protoPayload.methodName"},
        FieldDefRow{"aws", "sourceIPAddress", K::Ecs, "source.ip"},
        FieldDefRow{"okta", "client.ipAddress", K::Ecs, "source.ip"},
        // The Windows importers' mapping (importers/windows/winlogon): these EventData names
        // became event fields; every other one is a label under labelKeyOf(name).
        FieldDefRow{"windows", "EventID", K::Label, "event_id"},
        FieldDefRow{"windows", "Computer", K::Ecs, "host.name"},
        FieldDefRow{"windows", "TargetUserName", K::Ecs, "user.name"},
        FieldDefRow{"windows", "IpAddress", K::Ecs, "source.ip"},
        FieldDefRow{"windows", "IpPort", K::Ecs, "source.port"},
        FieldDefRow{"windows", "WorkstationName", K::Ecs, "source.domain"},
        FieldDefRow{"windows", "Workstation", K::Ecs, "source.domain"},
};

bool isDocumentGroup(const std::string &group)
{
    return group != "web" && group != "linux" && group != "windows";
}

} // namespace

std::optional<SourceScope> scopeFor(const std::string &category,
                                    const std::string &product,
                                    const std::string &service,
                                    std::string &reason)
{
    if (category.empty() && product.empty() && service.empty()) {
        reason = "the rule names no logsource";
        return std::nullopt;
    }
    for (const ScopeDef &d : scopes()) {
        const bool match = d.category[0] != 0 ? category == d.category
                                              : product == d.product && fits(d.service, service);
        if (match) {
            SourceScope s;
            s.formats = d.formats;
            s.group = d.group;
            if (s.group == "zeek")
                s.zeekLog = service;
            return s;
        }
    }
    std::string written;
    for (const auto &[key, value] :
         {std::pair{"category", &category}, std::pair{"product", &product},
          std::pair{"service", &service}})
        if (!value->empty())
            written += (written.empty() ? "" : ", ") + std::string(key) + ": " + *value;
    reason = "logsource " + written + " is not a log Netcase imports";
    return std::nullopt;
}

std::optional<FieldSource> resolveField(const std::string &group, const std::string &field)
{
    for (const FieldDefRow &r : kFields) {
        if (group != r.group || field != r.sigma)
            continue;
        FieldSource s;
        s.kind = r.kind;
        if (r.kind == K::Label || r.kind == K::Document)
            s.key = r.target;
        else
            s.ecs = findField(r.target);
        return s;
    }
    if (group == "windows") {
        FieldSource s;
        s.kind = K::Label;
        s.key = labelKeyOf(field);
        return s;
    }
    if (!isDocumentGroup(group))
        return std::nullopt;
    FieldSource s;
    s.kind = K::Document;
    // Google's Pub/Sub exports wrap the entry in "data".
    s.key = group == "gcp" && field.starts_with("data.") ? field.substr(5) : field;
    return s;
}

} // namespace netcase::sigma
