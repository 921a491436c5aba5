#include "localzone.h"

#include <QDateTime>

namespace netcase {

Result<LocalZone> LocalZone::fromName(const QString &name)
{
    LocalZone z;
    const QString n = name.trimmed();
    if (n.isEmpty() || n.compare(QLatin1String("UTC"), Qt::CaseInsensitive) == 0
        || n == QLatin1String("Z") || n == QLatin1String("Etc/UTC"))
        return z;
    // "+02:00" / "-0530": a fixed offset.
    if (n.startsWith(QLatin1Char('+')) || n.startsWith(QLatin1Char('-'))) {
        QString digits = n.mid(1);
        digits.remove(QLatin1Char(':'));
        bool ok = false;
        const int v = digits.toInt(&ok);
        if (ok && digits.size() == 4 && v % 100 < 60 && v / 100 <= 14) {
            z.m_fixedOffset = (n.startsWith(QLatin1Char('-')) ? -1 : 1)
                              * ((v / 100) * 3600 + (v % 100) * 60);
            return z;
        }
        return makeError(QStringLiteral("invalid time zone offset '%1' (use +HH:MM)").arg(n),
                         ErrorCode::Usage);
    }
    QTimeZone tz(n.toUtf8());
    if (!tz.isValid())
        return makeError(QStringLiteral("unknown time zone '%1' (use an IANA name such as "
                                        "Europe/Berlin, or +HH:MM)")
                                 .arg(n),
                         ErrorCode::Usage);
    z.m_zone = tz;
    z.m_utc = false;
    return z;
}

int LocalZone::offsetSecondsAtUtc(std::int64_t utcSecs)
{
    return m_zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(utcSecs, QTimeZone::utc()));
}

std::int64_t LocalZone::toUtc(std::int64_t localUs, int &offsetMin)
{
    if (m_utc) {
        offsetMin = m_fixedOffset / 60;
        return localUs - std::int64_t(m_fixedOffset) * 1000000;
    }
    const std::int64_t localSecs = localUs / 1000000 - (localUs % 1000000 < 0 ? 1 : 0);
    const std::int64_t hour = localSecs / 3600;
    auto it = m_cache.find(hour);
    int off = 0;
    if (it != m_cache.end()) {
        off = it->second;
    } else {
        // Guess with the offset at the local time read as UTC, then correct once: right for
        // every hour except the skipped/repeated hour of a DST change, which keeps the first.
        const std::int64_t probe = hour * 3600;
        off = offsetSecondsAtUtc(probe);
        const int second = offsetSecondsAtUtc(probe - off);
        if (second != off)
            off = second;
        if (m_cache.size() > 100000)
            m_cache.clear();
        m_cache.emplace(hour, off);
    }
    offsetMin = off / 60;
    return localUs - std::int64_t(off) * 1000000;
}

} // namespace netcase
