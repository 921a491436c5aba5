#include "indicator.h"
#include "urlnormal.h"

#include "core/ipaddr.h"

#include <QRegularExpression>

#include <array>

namespace netcase::intel {

const char *kindName(Kind k)
{
    switch (k) {
    case Kind::Ip:
        return "ip";
    case Kind::Domain:
        return "domain";
    case Kind::Url:
        return "url";
    }
    return "ip";
}

std::optional<Kind> kindFromName(std::string_view name)
{
    if (name == "ip")
        return Kind::Ip;
    if (name == "domain")
        return Kind::Domain;
    if (name == "url")
        return Kind::Url;
    return std::nullopt;
}

namespace {

QString textOf(const std::array<std::uint8_t, 16> &b, bool v4)
{
    std::string text;
    if (v4) {
        text = std::to_string(b[12]) + '.' + std::to_string(b[13]) + '.' + std::to_string(b[14])
               + '.' + std::to_string(b[15]);
    } else {
        static const char kHex[] = "0123456789abcdef";
        std::string raw;
        for (int i = 0; i < 16; i += 2) {
            if (i)
                raw += ':';
            raw += kHex[b[size_t(i)] >> 4];
            raw += kHex[b[size_t(i)] & 15];
            raw += kHex[b[size_t(i) + 1] >> 4];
            raw += kHex[b[size_t(i) + 1] & 15];
        }
        normaliseIp(raw, text);
    }
    return QString::fromStdString(text);
}

} // namespace

std::optional<QString> canonicalNetwork(const QString &text)
{
    const QString t = text.trimmed();
    const qsizetype slash = t.indexOf(QLatin1Char('/'));
    const std::string addr = (slash < 0 ? t : t.left(slash)).toStdString();
    std::array<std::uint8_t, 16> bytes{};
    bool v4 = false;
    if (!parseIpBytes(addr, bytes, v4))
        return std::nullopt;
    const int width = v4 ? 32 : 128;
    int prefix = width;
    if (slash >= 0) {
        bool ok = false;
        prefix = t.mid(slash + 1).toInt(&ok);
        if (!ok || prefix < 0 || prefix > width || t.mid(slash + 1).isEmpty())
            return std::nullopt;
    }
    const int bits = prefix + (v4 ? 96 : 0);
    for (int i = 0; i < 16; ++i) {
        const int keep = std::clamp(bits - 8 * i, 0, 8);
        bytes[size_t(i)] &= std::uint8_t(0xff00 >> keep);
    }
    QString out = textOf(bytes, v4);
    if (prefix < width)
        out += QLatin1Char('/') + QString::number(prefix);
    return out;
}

std::optional<QString> canonicalDomain(const QString &text)
{
    QString d = text.trimmed().toLower();
    if (d.endsWith(QLatin1Char('.')))
        d.chop(1);
    static const QRegularExpression kDomain(
            QStringLiteral("^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\\.)+"
                           "[a-z0-9-]{1,63}$"));
    if (d.isEmpty() || d.size() > 253 || !kDomain.match(d).hasMatch())
        return std::nullopt;
    std::string ignored;
    if (normaliseIp(d.toStdString(), ignored))
        return std::nullopt;
    return d;
}

bool splitUrl(const QString &url, QString *host, QString *rest)
{
    const qsizetype scheme = url.indexOf(QStringLiteral("://"));
    if (scheme <= 0)
        return false;
    const qsizetype start = scheme + 3;
    qsizetype end = start;
    while (end < url.size() && url[end] != QLatin1Char('/') && url[end] != QLatin1Char('?')
           && url[end] != QLatin1Char('#'))
        ++end;
    QString h = url.mid(start, end - start).toLower();
    if (const qsizetype at = h.lastIndexOf(QLatin1Char('@')); at >= 0)
        h = h.mid(at + 1);
    if (h.startsWith(QLatin1Char('['))) {
        h = h.mid(1, h.indexOf(QLatin1Char(']')) - 1);
    } else if (const qsizetype colon = h.lastIndexOf(QLatin1Char(':')); colon >= 0) {
        h = h.left(colon);
    }
    if (h.endsWith(QLatin1Char('.')))
        h.chop(1);
    if (h.isEmpty())
        return false;
    *host = h;
    *rest = normaliseUrlRest(url.mid(end));
    return true;
}

} // namespace netcase::intel
