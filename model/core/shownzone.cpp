#include "shownzone.h"

#include "timeutil.h"

#include <QDateTime>

#include <cstdlib>
#include <mutex>

namespace netcase {

namespace {

std::mutex &lock()
{
    static std::mutex m;
    return m;
}

QTimeZone &current()
{
    static QTimeZone z = QTimeZone::utc();
    return z;
}

bool &utc()
{
    static bool u = true;
    return u;
}

QString offsetText(int seconds)
{
    const QChar sign = seconds < 0 ? QLatin1Char('-') : QLatin1Char('+');
    const int m = std::abs(seconds) / 60;
    return QStringLiteral("%1%2:%3")
            .arg(sign)
            .arg(m / 60, 2, 10, QLatin1Char('0'))
            .arg(m % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

QTimeZone ShownZone::zone()
{
    const std::lock_guard<std::mutex> g(lock());
    return current();
}

void ShownZone::set(const QTimeZone &zone)
{
    const std::lock_guard<std::mutex> g(lock());
    const bool isUtc
            = !zone.isValid() || zone == QTimeZone::utc() || zone.id() == QByteArrayLiteral("UTC");
    current() = isUtc ? QTimeZone::utc() : zone;
    utc() = isUtc;
}

bool ShownZone::isUtc()
{
    const std::lock_guard<std::mutex> g(lock());
    return utc();
}

QString ShownZone::name()
{
    const std::lock_guard<std::mutex> g(lock());
    return utc() ? QStringLiteral("UTC") : QString::fromUtf8(current().id());
}

std::int64_t ShownZone::offsetUs(std::int64_t us)
{
    QTimeZone z;
    {
        const std::lock_guard<std::mutex> g(lock());
        if (utc())
            return 0;
        z = current();
    }
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(us / 1000, QTimeZone::utc());
    return std::int64_t(z.offsetFromUtc(at)) * 1'000'000;
}

QString shownDay(std::int64_t us)
{
    return utcDay(us + ShownZone::offsetUs(us));
}

QString shownMinute(std::int64_t us)
{
    return utcMinute(us + ShownZone::offsetUs(us));
}

QString shownSecond(std::int64_t us)
{
    return utcSecond(us + ShownZone::offsetUs(us));
}

QString shownMillis(std::int64_t us)
{
    return utcMillis(us + ShownZone::offsetUs(us));
}

QString shownStamp(std::int64_t us)
{
    const std::int64_t off = ShownZone::offsetUs(us);
    if (off == 0 && ShownZone::isUtc())
        return utcStamp(us);
    return utcSecond(us + off) + QLatin1Char(' ') + offsetText(int(off / 1'000'000));
}

QString shownAxisLabel(std::int64_t us, std::int64_t stepUs)
{
    return utcAxisLabel(us + ShownZone::offsetUs(us), stepUs);
}

} // namespace netcase
