#pragma once

// An indicator as Netcase keeps it: one address, network, domain or URL that a producer (a STIX
// bundle's identity, a MISP event's organisation) says is of interest, with what the producer
// said about it (confidence, validity, labels or tags, MISP's to_ids and threat level). Readers
// (stixreader.h, mispreader.h) turn a file into an IntelFile: the indicators they could use and,
// for everything else that looked like an indicator, the reason it was not used.

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace netcase::intel {

enum class Kind { Ip, Domain, Url };

const char *kindName(Kind k); ///< "ip", "domain", "url"
std::optional<Kind> kindFromName(std::string_view name);

struct Indicator
{
    Kind kind = Kind::Ip;
    QString value;       ///< canonical: "203.0.113.7", "198.51.100.0/24", "evil.example", a URL
    QString externalId;  ///< STIX id or MISP attribute uuid
    QString name;        ///< STIX name, or the MISP event's info
    QString description; ///< STIX description, or the MISP attribute's comment
    QString producer;    ///< identity name (created_by_ref) or the MISP event's Orgc name
    std::optional<int> confidence;          ///< 0..100
    std::optional<std::int64_t> created;    ///< when the producer made it (UTC microseconds)
    std::optional<std::int64_t> validFrom;  ///< UTC microseconds
    std::optional<std::int64_t> validUntil; ///< UTC microseconds
    QStringList labels;                     ///< STIX labels and indicator_types, MISP tags
    std::optional<bool> toIds;              ///< MISP only
    QString threatLevel;                    ///< MISP only: High, Medium, Low, Undefined
    QString context; ///< the STIX pattern, or the MISP attribute type and value
};

struct Unsupported
{
    QString id;     ///< the object or attribute it came from
    QString what;   ///< the pattern or the attribute type
    QString reason; ///< why it was not used
};

struct IntelFile
{
    QString format; ///< "stix" or "misp"
    QString name;   ///< file name (or the feed's folder)
    QString path;
    QString sha256; ///< of the file (a feed: of its manifest and event files, in order)
    QString producer;
    std::vector<Indicator> indicators;
    std::vector<Unsupported> unsupported;
};

/// An address or a CIDR network in canonical text ("2001:db8::/32"), or nullopt. A network
/// keeps its prefix only when it is shorter than a single address; host bits are cleared.
std::optional<QString> canonicalNetwork(const QString &text);
/// A domain name lower-cased without a trailing dot, or nullopt when it is not one.
std::optional<QString> canonicalDomain(const QString &text);
/// The host (lower case, without user or port) and the rest of a URL, normalised as
/// urlnormal.h says ("https://Evil.example:8443/a/./%7Eb?c" -> "evil.example", "/a/~b?c");
/// false when it has no scheme and host.
bool splitUrl(const QString &url, QString *host, QString *rest);

} // namespace netcase::intel
