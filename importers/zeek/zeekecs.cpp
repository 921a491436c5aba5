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

// docs.zeek.org, base/frameworks/files/main.zeek (Files::Info), base/files/hash (md5, sha1,
// sha256), and ECS "File Fields" / "Hash Fields". tx_hosts/rx_hosts/conn_uids (before Zeek 5.1)
// and uid/id.* (since) are the addresses and the session, set by the mapper.
constexpr Name kFiles[] = {
        {"filename", "file_name"}, {"mime_type", "file_mime_type"}, {"total_bytes", "file_size"},
        {"md5", "file_hash_md5"},  {"sha1", "file_hash_sha1"},      {"sha256", "file_hash_sha256"},
};

// docs.zeek.org, base/frameworks/notice/main.zeek (Notice::Info), and ECS "Rule Fields" and
// "Base Fields" (message). src/dst/p are the addresses and port when there is no id.*.
constexpr Name kNotice[] = {
        {"note", "rule_name"},
        {"msg", "message"},
        {"file_mime_type", "file_mime_type"},
};

// docs.zeek.org, base/files/x509/main.zeek (X509::Info, X509::Certificate,
// X509::SubjectAlternativeName, X509::BasicConstraints) and ECS "x509 Certificate Fields".
constexpr Name kX509[] = {
        {"certificate.version", "version_number"},
        {"certificate.serial", "serial_number"},
        {"certificate.subject", "subject_distinguished_name"},
        {"certificate.issuer", "issuer_distinguished_name"},
        {"certificate.not_valid_before", "not_before"},
        {"certificate.not_valid_after", "not_after"},
        {"certificate.key_alg", "public_key_algorithm"},
        {"certificate.sig_alg", "signature_algorithm"},
        {"certificate.key_length", "public_key_size"},
        {"certificate.exponent", "public_key_exponent"},
        {"certificate.curve", "public_key_curve"},
        {"san.dns", "alternative_names"},
};

/// "certificate.subject" matches itself and "certificate_subject".
bool sameName(std::string_view dotted, std::string_view field)
{
    if (dotted.size() != field.size())
        return false;
    for (size_t i = 0; i < dotted.size(); ++i) {
        if (dotted[i] != field[i] && !(dotted[i] == '.' && field[i] == '_'))
            return false;
    }
    return true;
}

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

std::string_view zeekX509Ecs(std::string_view field)
{
    for (const Name &n : kX509) {
        if (sameName(n.zeek, field))
            return n.ecs;
    }
    return {};
}

bool isZeekX509Time(std::string_view field)
{
    return field.ends_with("not_valid_before") || field.ends_with("not_valid_after");
}

std::string_view firstOfZeekSet(std::string_view v, bool &many)
{
    many = false;
    const bool json = v.starts_with('[');
    if (json) {
        v.remove_prefix(1);
        if (v.ends_with(']'))
            v.remove_suffix(1);
    }
    const size_t comma = v.find(',');
    many = comma != std::string_view::npos;
    std::string_view first = v.substr(0, comma);
    while (!first.empty() && (first.front() == ' ' || first.front() == '"'))
        first.remove_prefix(1);
    while (!first.empty() && (first.back() == ' ' || first.back() == '"'))
        first.remove_suffix(1);
    return first;
}

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
    if (log == "files")
        return addFrom(kFiles, std::size(kFiles), field, value, labels);
    if (log == "notice")
        return addFrom(kNotice, std::size(kNotice), field, value, labels);
    return false;
}

} // namespace netcase
