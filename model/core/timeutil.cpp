#include "timeutil.h"

#include <QDateTime>

#include <charconv>
#include <cstdio>

namespace netcase {

QString nowIso()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

std::int64_t daysFromCivil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + std::int64_t(doe) - 719468;
}

std::int64_t toEpochUs(int year, int month, int day, int hour, int minute, int second, int micros)
{
    const std::int64_t days = daysFromCivil(year, unsigned(month), unsigned(day));
    const std::int64_t secs
            = days * 86400 + std::int64_t(hour) * 3600 + std::int64_t(minute) * 60 + second;
    return secs * 1000000LL + micros;
}

CivilTime civilFromUs(std::int64_t us)
{
    std::int64_t secs = us >= 0 ? us / 1000000 : (us - 999999) / 1000000;
    CivilTime t;
    t.micros = int(us - secs * 1000000);
    std::int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    const int sod = int(secs - days * 86400);
    t.hour = sod / 3600;
    t.minute = sod / 60 % 60;
    t.second = sod % 60;
    // civil_from_days
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = unsigned(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    t.day = int(doy - (153 * mp + 2) / 5 + 1);
    t.month = int(mp < 10 ? mp + 3 : mp - 9);
    t.year = std::int64_t(yoe) + era * 400 + (t.month <= 2);
    return t;
}

std::string formatIsoUs(std::int64_t us)
{
    const CivilTime t = civilFromUs(us);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d.%06dZ", (long long)t.year,
                  t.month, t.day, t.hour, t.minute, t.second, t.micros);
    return buf;
}

QString utcIso(std::int64_t us)
{
    return QString::fromStdString(formatIsoUs(us));
}

std::string isoSeconds(std::int64_t us)
{
    std::string s = formatIsoUs(us);
    // 2026-11-02T08:00:00.000000Z -> 2026-11-02T08:00:00Z
    const auto dot = s.find('.');
    if (dot != std::string::npos)
        s = s.substr(0, dot) + 'Z';
    return s;
}

namespace {

// "2024-03-01 12:00:00.123456", cut by the callers below.
QString spaced(std::int64_t us)
{
    return utcIso(us).replace(QLatin1Char('T'), QLatin1Char(' '));
}

} // namespace

QString utcDay(std::int64_t us)
{
    return utcIso(us).left(10);
}

QString utcMinute(std::int64_t us)
{
    return spaced(us).left(16);
}

QString utcSecond(std::int64_t us)
{
    return spaced(us).left(19);
}

QString utcMillis(std::int64_t us)
{
    return spaced(us).left(23);
}

QString utcStamp(std::int64_t us)
{
    return utcSecond(us) + QStringLiteral(" UTC");
}

QString utcAxisLabel(std::int64_t us, std::int64_t stepUs)
{
    constexpr std::int64_t kDayUs = 24LL * 3600 * 1'000'000;
    return stepUs >= kDayUs ? utcDay(us) : utcMinute(us).mid(5);
}

namespace {

bool digits(std::string_view s, size_t pos, size_t n, int &out)
{
    if (pos + n > s.size())
        return false;
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

} // namespace

std::optional<std::int64_t> parseIso(std::string_view s, int *offsetMin)
{
    int Y, M, D, h = 0, m = 0, sec = 0;
    if (!digits(s, 0, 4, Y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, M) || s[7] != '-'
        || !digits(s, 8, 2, D))
        return std::nullopt;
    if (M < 1 || M > 12 || D < 1 || D > 31)
        return std::nullopt;
    size_t p = 10;
    int micros = 0;
    int offset = 0;
    if (p < s.size() && (s[p] == 'T' || s[p] == ' ' || s[p] == 't')) {
        if (!digits(s, p + 1, 2, h) || p + 3 >= s.size() || s[p + 3] != ':'
            || !digits(s, p + 4, 2, m))
            return std::nullopt;
        p += 6;
        if (p < s.size() && s[p] == ':') {
            if (!digits(s, p + 1, 2, sec))
                return std::nullopt;
            p += 3;
        }
        if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
            ++p;
            int scale = 100000;
            while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
                micros += (s[p] - '0') * scale;
                scale /= 10;
                ++p;
            }
        }
        if (h > 23 || m > 59 || sec > 60)
            return std::nullopt;
        if (p < s.size()) {
            if (s[p] == 'Z' || s[p] == 'z') {
                ++p;
            } else if (s[p] == '+' || s[p] == '-') {
                const int sign = s[p] == '-' ? -1 : 1;
                int oh = 0, om = 0;
                if (!digits(s, p + 1, 2, oh))
                    return std::nullopt;
                p += 3;
                if (p < s.size() && s[p] == ':')
                    ++p;
                if (p < s.size() && digits(s, p, 2, om))
                    p += 2;
                offset = sign * (oh * 60 + om);
            } else if (s[p] == ' ' && s.substr(p) == " UTC") {
                p = s.size();
            }
        }
    }
    if (p != s.size())
        return std::nullopt;
    if (offsetMin)
        *offsetMin = offset;
    return toEpochUs(Y, M, D, h, m, sec, micros) - std::int64_t(offset) * 60 * 1000000;
}

std::optional<std::int64_t> parseUserTime(const QString &s)
{
    const QByteArray b = s.trimmed().toUtf8();
    std::string_view v(b.constData(), size_t(b.size()));
    if (auto t = parseIso(v))
        return t;
    double epoch = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), epoch);
    if (ec == std::errc() && ptr == v.data() + v.size())
        return std::int64_t(epoch * 1e6);
    return std::nullopt;
}

namespace {

constexpr std::string_view kMonths[]
        = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

} // namespace

std::string_view monthAbbrev(int month)
{
    return month >= 1 && month <= 12 ? kMonths[month - 1] : std::string_view();
}

int monthFromAbbrev(std::string_view m)
{
    if (m.size() != 3)
        return 0;
    for (int i = 0; i < 12; ++i) {
        const auto &k = kMonths[i];
        if ((m[0] | 0x20) == (k[0] | 0x20) && (m[1] | 0x20) == k[1] && (m[2] | 0x20) == k[2])
            return i + 1;
    }
    return 0;
}

} // namespace netcase
