#include "chfilter.h"

#include "cluster/chhttp.h"
#include "core/ipaddr.h"

#include <array>

namespace netcase::cluster {

Result<QString> addressLiteral(const QString &ip)
{
    std::array<std::uint8_t, 16> bytes{};
    bool v4 = false;
    if (!parseIpBytes(ip.trimmed().toStdString(), bytes, v4))
        return makeError(QStringLiteral("--ip: '%1' is not an IP address").arg(ip),
                         ErrorCode::Usage);
    const QByteArray hex = QByteArray(reinterpret_cast<const char *>(bytes.data()), 16).toHex();
    return QStringLiteral("toFixedString(unhex('%1'), 16)").arg(QString::fromLatin1(hex));
}

Result<ChFilter> optionFilter(std::int64_t fromUs,
                              std::int64_t toUs,
                              const QStringList &ips,
                              const QStringList &users)
{
    ChFilter f;
    f.fromUs = fromUs;
    f.toUs = toUs;
    QStringList conds, texts;
    if (!ips.isEmpty()) {
        QStringList any;
        for (const QString &ip : ips) {
            auto lit = addressLiteral(ip);
            if (!lit)
                return lit.error();
            any << QStringLiteral("source_ip = %1 OR client_ip = %1").arg(*lit);
        }
        conds << QLatin1Char('(') + any.join(QStringLiteral(" OR ")) + QLatin1Char(')');
        texts << QStringLiteral("ip %1").arg(ips.join(QStringLiteral(", ")));
    }
    if (!users.isEmpty()) {
        QStringList quoted;
        for (const QString &u : users)
            quoted << sqlString(u);
        conds << QStringLiteral("user IN (%1)").arg(quoted.join(QStringLiteral(", ")));
        texts << QStringLiteral("user %1").arg(users.join(QStringLiteral(", ")));
    }
    if (!conds.isEmpty())
        f.where = conds.join(QStringLiteral(" AND "));
    f.text = texts.join(QStringLiteral("; "));
    return f;
}

} // namespace netcase::cluster
