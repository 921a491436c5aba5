#include "zeekecs.h"

namespace netcase {

namespace {

struct Name
{
    std::string_view zeek;
    std::string_view ecs;
};

// docs.zeek.org, base/protocols/dns/main.zeek (DNS::Info) and ECS "DNS fields".
constexpr Name kDns[] = {
        {"trans_id", "dns_id"},
        {"query", "dns_question_name"},
        {"qclass_name", "dns_question_class"},
        {"qtype_name", "dns_question_type"},
        {"rcode_name", "dns_response_code"},
        {"answers", "dns_answers_data"},
        {"TTLs", "dns_answers_ttl"},
};

// docs.zeek.org, base/protocols/ssl/main.zeek (SSL::Info), the ja3 package's fields, and ECS
// "TLS fields".
constexpr Name kSsl[] = {
        {"cipher", "tls_cipher"},
        {"curve", "tls_curve"},
        {"server_name", "tls_client_server_name"},
        {"resumed", "tls_resumed"},
        {"established", "tls_established"},
        {"next_protocol", "tls_next_protocol"},
        {"subject", "tls_server_subject"},
        {"issuer", "tls_server_issuer"},
        {"client_subject", "tls_client_subject"},
        {"client_issuer", "tls_client_issuer"},
        {"ja3", "tls_client_ja3"},
        {"ja3s", "tls_server_ja3s"},
};

/// Zeek's version ("TLSv12", "TLSv13", "SSLv3", "DTLSv12") as ECS tls.version_protocol
/// ("tls") and tls.version ("1.2").
bool addTlsVersion(std::string_view v, LabelBuilder &labels)
{
    std::string_view protocol;
    std::string_view digits;
    for (std::string_view p : {"DTLSv", "TLSv", "SSLv"}) {
        if (v.starts_with(p)) {
            protocol = p.substr(0, p.size() - 1);
            digits = v.substr(p.size());
            break;
        }
    }
    if (protocol.empty() || digits.empty() || digits.size() > 2)
        return false;
    for (char c : digits)
        if (c < '0' || c > '9')
            return false;
    std::string version(1, digits[0]);
    version += '.';
    version += digits.size() == 2 ? digits[1] : '0';
    labels.add("tls_version_protocol", protocol == "DTLS"  ? "dtls"
                                       : protocol == "TLS" ? "tls"
                                                           : "ssl");
    labels.add("tls_version", version);
    return true;
}

bool addFrom(const Name *names,
             size_t n,
             std::string_view field,
             std::string_view value,
             LabelBuilder &labels)
{
    for (size_t i = 0; i < n; ++i) {
        if (names[i].zeek == field) {
            labels.add(names[i].ecs, value);
            return true;
        }
    }
    return false;
}

} // namespace

bool addZeekEcsLabel(std::string_view log,
                     std::string_view field,
                     std::string_view value,
                     LabelBuilder &labels)
{
    if (log == "dns")
        return addFrom(kDns, std::size(kDns), field, value, labels);
    if (log == "ssl") {
        if (field == "version")
            return addTlsVersion(value, labels);
        return addFrom(kSsl, std::size(kSsl), field, value, labels);
    }
    return false;
}

} // namespace netcase
