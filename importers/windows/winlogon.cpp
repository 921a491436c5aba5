#include "winlogon.h"

#include "api/labelsbuilder.h"
#include "core/ipaddr.h"
#include "core/labelkey.h"

#include <charconv>

namespace netcase {

void WinEventRecord::clear()
{
    eventId = 0;
    computer.clear();
    channel.clear();
    action.clear();
    data.clear();
}

const std::string *WinEventRecord::find(std::string_view name) const
{
    for (const auto &[k, v] : data) {
        if (k == name)
            return &v;
    }
    return nullptr;
}

const std::vector<std::string_view> &winEventDataNames(int eventId)
{
    // The <EventData> order of each event's XML (learn.microsoft.com, "4624(S): An account
    // was successfully logged on." and the pages of 4625, 4648, 4768, 4769, 4776).
    static const std::vector<std::string_view> none;
    static const std::vector<std::string_view> e4624 = {"SubjectUserSid",
                                                        "SubjectUserName",
                                                        "SubjectDomainName",
                                                        "SubjectLogonId",
                                                        "TargetUserSid",
                                                        "TargetUserName",
                                                        "TargetDomainName",
                                                        "TargetLogonId",
                                                        "LogonType",
                                                        "LogonProcessName",
                                                        "AuthenticationPackageName",
                                                        "WorkstationName",
                                                        "LogonGuid",
                                                        "TransmittedServices",
                                                        "LmPackageName",
                                                        "KeyLength",
                                                        "ProcessId",
                                                        "ProcessName",
                                                        "IpAddress",
                                                        "IpPort",
                                                        "ImpersonationLevel",
                                                        "RestrictedAdminMode",
                                                        "TargetOutboundUserName",
                                                        "TargetOutboundDomainName",
                                                        "VirtualAccount",
                                                        "TargetLinkedLogonId",
                                                        "ElevatedToken"};
    static const std::vector<std::string_view> e4625 = {"SubjectUserSid",
                                                        "SubjectUserName",
                                                        "SubjectDomainName",
                                                        "SubjectLogonId",
                                                        "TargetUserSid",
                                                        "TargetUserName",
                                                        "TargetDomainName",
                                                        "Status",
                                                        "FailureReason",
                                                        "SubStatus",
                                                        "LogonType",
                                                        "LogonProcessName",
                                                        "AuthenticationPackageName",
                                                        "WorkstationName",
                                                        "TransmittedServices",
                                                        "LmPackageName",
                                                        "KeyLength",
                                                        "ProcessId",
                                                        "ProcessName",
                                                        "IpAddress",
                                                        "IpPort"};
    static const std::vector<std::string_view> e4648
            = {"SubjectUserSid",   "SubjectUserName", "SubjectDomainName", "SubjectLogonId",
               "LogonGuid",        "TargetUserName",  "TargetDomainName",  "TargetLogonGuid",
               "TargetServerName", "TargetInfo",      "ProcessId",         "ProcessName",
               "IpAddress",        "IpPort"};
    static const std::vector<std::string_view> e4768
            = {"TargetUserName",   "TargetDomainName", "TargetSid", "ServiceName",
               "ServiceSid",       "TicketOptions",    "Status",    "TicketEncryptionType",
               "PreAuthType",      "IpAddress",        "IpPort",    "CertIssuerName",
               "CertSerialNumber", "CertThumbprint"};
    static const std::vector<std::string_view> e4769 = {"TargetUserName",
                                                        "TargetDomainName",
                                                        "ServiceName",
                                                        "ServiceSid",
                                                        "TicketOptions",
                                                        "TicketEncryptionType",
                                                        "IpAddress",
                                                        "IpPort",
                                                        "Status",
                                                        "LogonGuid",
                                                        "TransmittedServices"};
    static const std::vector<std::string_view> e4776
            = {"PackageName", "TargetUserName", "Workstation", "Status"};
    switch (eventId) {
    case 4624:
        return e4624;
    case 4625:
        return e4625;
    case 4648:
        return e4648;
    case 4768:
        return e4768;
    case 4769:
        return e4769;
    case 4776:
        return e4776;
    default:
        return none;
    }
}

namespace {

const char *actionFor(int id)
{
    switch (id) {
    case 4624:
        return "logged-in";
    case 4625:
        return "logon-failed";
    case 4648:
        return "logged-in-explicit";
    case 4768:
        return "kerberos-authentication-ticket-requested";
    case 4769:
        return "kerberos-service-ticket-requested";
    case 4776:
        return "credential-validated";
    default:
        return nullptr;
    }
}

// "-", "" and "::" stand for no value in these events.
bool absent(const std::string *v)
{
    return !v || v->empty() || *v == "-" || *v == "::" || *v == "%%1793";
}

// HexInt32/HexInt64 values as the writers differ: wevtutil and Winlogbeat give "0x18", libevtx
// "0x00000018" (and some exports "0X18"). The shortest lowercase form, so that a status compares
// and labels the same from every reader; any other text is kept as it is.
std::string hexCode(const std::string &v)
{
    if (v.size() < 3 || v[0] != '0' || (v[1] != 'x' && v[1] != 'X') || v.size() > 18)
        return v;
    std::uint64_t n = 0;
    const auto [end, ec] = std::from_chars(v.data() + 2, v.data() + v.size(), n, 16);
    if (ec != std::errc() || end != v.data() + v.size())
        return v;
    char buf[20];
    const auto [out, ec2] = std::to_chars(buf, buf + sizeof buf, n, 16);
    (void)ec2;
    return "0x" + std::string(buf, out);
}

// IpAddress: IPv4, IPv6, "::ffff:10.0.0.12" (kept as the IPv4 address), "-" or "::1".
void setAddress(const std::string &text, Event &e)
{
    std::string_view t = text;
    if (t.starts_with("::ffff:") && t.find('.') != std::string_view::npos)
        t.remove_prefix(7);
    if (!normaliseIp(t, e.sourceIp))
        e.sourceIp.clear();
}

} // namespace

void mapWinEvent(const WinEventRecord &r, Event &e)
{
    LabelsBuilder labels;
    labels.addRaw("event_id", std::to_string(r.eventId));
    e.hostName = r.computer;
    const char *action = actionFor(r.eventId);
    if (!action) {
        // Not a logon event: kept with its data, for context.
        e.action = r.action.empty() ? "windows-event-" + std::to_string(r.eventId) : r.action;
        labels.add("channel", r.channel);
        for (const auto &[k, v] : r.data)
            labels.add(labelKeyOf(k), v);
        e.labels = labels.take();
        return;
    }
    e.category = "authentication";
    e.action = r.action.empty() ? action : r.action;
    const std::string *user = r.find("TargetUserName");
    if (!absent(user))
        e.userName = *user;
    if (const std::string *ip = r.find("IpAddress"); !absent(ip))
        setAddress(*ip, e);
    if (const std::string *port = r.find("IpPort"); !absent(port)) {
        int p = 0;
        const auto [end, ec] = std::from_chars(port->data(), port->data() + port->size(), p);
        if (ec == std::errc() && end == port->data() + port->size() && p > 0 && p <= 65535)
            e.sourcePort = p;
    }
    const std::string *ws = r.find(r.eventId == 4776 ? "Workstation" : "WorkstationName");
    if (!absent(ws))
        e.sourceDomain = *ws;

    const std::string *statusText = r.find("Status");
    const std::string statusCode = statusText ? hexCode(*statusText) : std::string();
    const std::string *status = statusText ? &statusCode : nullptr;
    if (r.eventId == 4625)
        e.outcome = Outcome::Failure;
    else if (r.eventId == 4624 || r.eventId == 4648)
        e.outcome = Outcome::Success;
    else if (status && !status->empty())
        e.outcome = *status == "0x0" || *status == "0" ? Outcome::Success : Outcome::Failure;

    labels.add("channel", r.channel);
    for (const char *k :
         {"LogonType", "Status", "SubStatus", "FailureReason", "TargetDomainName", "TargetUserSid",
          "SubjectUserName", "SubjectDomainName", "AuthenticationPackageName", "LogonProcessName",
          "ServiceName", "TicketEncryptionType", "TargetServerName", "ProcessName",
          "TargetLogonId"}) {
        const std::string *v = r.find(k);
        if (!absent(v))
            labels.add(labelKeyOf(k), hexCode(*v));
    }
    e.labels = labels.take();
}

} // namespace netcase
