#include "networktype.h"

#include "iprecord.h"

#include <QRegularExpression>
#include <QStringList>

#include <unordered_map>

namespace netcase {

namespace {

struct Hint
{
    const char *type;
    const char *pattern; ///< case-insensitive regular expression over the organisation name
};

// Ordered: the first match wins. Hosting names come first because a cloud provider's name
// often also contains "communications" or "network".
const Hint kHints[] = {
        {"hosting", "amazon|\\baws\\b|google cloud|google llc|microsoft|azure|digitalocean|"
                    "linode|akamai|\\bovh|hetzner|vultr|choopa|contabo|leaseweb|scaleway|"
                    "oracle|alibaba|tencent|cloudflare|fastly|hosting|data ?cent(er|re)|"
                    "\\bcloud|\\bcolo|\\bvps\\b|\\bserver|m247|datacamp|psychz|quadranet|"
                    "hostinger|ionos|ponynet|frantech|\\bcdn\\b"},
        {"education", "universit|college|\\bschool|academ|\\bedu\\b|research and education|"
                      "\\bjanet\\b|\\brenater\\b|\\bdfn\\b|\\bsurfnet\\b|\\binstitute of tech"},
        {"government", "government|ministry|federal|department of|\\bgov\\b|military|"
                       "defen[cs]e|\\bcouncil\\b|parliament"},
        {"mobile", "mobile|wireless|cellular|\\blte\\b|\\bgsm\\b|\\b[345]g\\b"},
        {"residential", "broadband|\\bcable|\\bdsl|fib(er|re)|telecom|\\btelekom|comcast|"
                        "charter|verizon|spectrum|\\bbt\\b|virgin media|sky broadband|"
                        "internet service|\\bisp\\b|home"},
        {"business", "\\bbank|\\binc\\.?$|\\bgmbh\\b|\\bcorp|enterprise"},
};

QString fromUserType(const std::string &t)
{
    if (t == "residential")
        return QStringLiteral("residential");
    if (t == "cellular")
        return QStringLiteral("mobile");
    if (t == "hosting" || t == "content_delivery_network" || t == "search_engine_spider")
        return QStringLiteral("hosting");
    if (t == "college" || t == "school")
        return QStringLiteral("education");
    if (t == "government" || t == "military")
        return QStringLiteral("government");
    if (t == "business" || t == "cafe" || t == "library" || t == "traveler" || t == "router")
        return QStringLiteral("business");
    return {};
}

QString fromConnectionType(const std::string &t)
{
    if (t == "Cellular")
        return QStringLiteral("mobile");
    if (t == "Cable/DSL" || t == "Dialup" || t == "Satellite")
        return QStringLiteral("residential");
    if (t == "Corporate")
        return QStringLiteral("business");
    return {};
}

} // namespace

NetworkType classifyNetwork(const IpRecord &rec, const QString &addressClass)
{
    if (addressClass != QLatin1String("public") && addressClass != QLatin1String("ipv4_mapped"))
        return {QStringLiteral("unknown"),
                QStringLiteral("%1 address: not a public network").arg(addressClass), false};
    if (rec.hosting)
        return {QStringLiteral("hosting"),
                QStringLiteral("anonymiser data marks the network as a hosting provider"), false,
                "flags.hosting"};
    if (!rec.userType.empty()) {
        const QString t = fromUserType(rec.userType);
        if (!t.isEmpty())
            return {t,
                    QStringLiteral("user type '%1' in the database")
                            .arg(QString::fromStdString(rec.userType)),
                    false, "user_type"};
    }
    if (!rec.connectionType.empty()) {
        const QString t = fromConnectionType(rec.connectionType);
        if (!t.isEmpty())
            return {t,
                    QStringLiteral("connection type '%1' in the database")
                            .arg(QString::fromStdString(rec.connectionType)),
                    false, "connection_type"};
    }
    if (rec.residentialProxy)
        return {QStringLiteral("residential"),
                QStringLiteral("a residential proxy exit: a home connection rented out as a "
                               "proxy"),
                false, "flags.residential_proxy"};

    static const QList<QRegularExpression> patterns = [] {
        QList<QRegularExpression> out;
        for (const Hint &h : kHints)
            out << QRegularExpression(QLatin1String(h.pattern),
                                      QRegularExpression::CaseInsensitiveOption);
        return out;
    }();
    const std::pair<const std::string *, const char *> names[]
            = {{&rec.asOrg, "as.organization.name"},
               {&rec.isp, "isp"},
               {&rec.organization, "organization"}};
    for (const auto &[name, field] : names) {
        if (name->empty())
            continue;
        // Organisation names repeat across many addresses: match each name once per thread.
        thread_local std::unordered_map<std::string, std::pair<int, QString>> cache;
        auto it = cache.find(*name);
        if (it == cache.end()) {
            const QString n = QString::fromStdString(*name);
            std::pair<int, QString> hit{-1, {}};
            for (int i = 0; i < patterns.size() && hit.first < 0; ++i) {
                const auto m = patterns[i].match(n);
                if (m.hasMatch())
                    hit = {i, m.captured(0).trimmed()};
            }
            if (cache.size() > 100000)
                cache.clear();
            it = cache.emplace(*name, hit).first;
        }
        if (it->second.first >= 0)
            return {QLatin1String(kHints[it->second.first].type),
                    QStringLiteral("guess from the name '%1' (contains '%2')")
                            .arg(QString::fromStdString(*name), it->second.second),
                    true, field};
    }
    if (rec.asOrg.empty() && rec.isp.empty())
        return {QStringLiteral("unknown"),
                QStringLiteral("no connection-type, ASN or ISP data for this address"), false};
    return {QStringLiteral("unknown"),
            QStringLiteral("no connection-type data, and the organisation's name gives no hint"),
            false};
}

} // namespace netcase
