#include "timestampparser.h"

#include "core/timeutil.h"

#include <QDateTime>

#include <charconv>

namespace netcase {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Reads 1..maxDigits digits at text[pos].
bool number(std::string_view text, size_t &pos, int maxDigits, int &out)
{
    int n = 0, v = 0;
    while (pos < text.size() && n < maxDigits && isDigit(text[pos])) {
        v = v * 10 + (text[pos] - '0');
        ++pos;
        ++n;
    }
    out = v;
    return n > 0;
}

} // namespace

TimestampParser::TimestampParser(std::string format, const std::string &zone)
    : m_format(std::move(format))
{
    if (m_format.empty())
        m_format = "auto";
    if (!zone.empty() && zone != "UTC" && zone != "Z" && zone != "Etc/UTC") {
        m_zone = QTimeZone(QByteArray::fromStdString(zone));
        m_valid = m_zone.isValid();
        m_utc = false;
    }
}

ParsedTime TimestampParser::local(int y, int mo, int d, int h, int mi, int s, int us) const
{
    m_zoneApplied = true;
    ParsedTime t;
    t.us = toEpochUs(y, mo, d, h, mi, s, us);
    if (m_utc || !m_valid)
        return t;
    const QDateTime dt(QDate(y, mo, d), QTime(h, mi, s), m_zone);
    const int offset = dt.offsetFromUtc();
    t.us -= std::int64_t(offset) * 1000000;
    t.offsetMin = std::int16_t(offset / 60);
    return t;
}

std::optional<ParsedTime> TimestampParser::epoch(std::string_view text, int digitsHint) const
{
    // Seconds may carry a fraction ("1709280000.25"); ms and us are integers.
    size_t dot = text.find('.');
    std::string_view whole = text.substr(0, dot);
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), v);
    if (ec != std::errc() || p != whole.data() + whole.size() || whole.empty())
        return std::nullopt;
    int digits = digitsHint;
    if (digits < 0) // auto: by magnitude (seconds until 2286, then ms, then us)
        digits = whole.size() <= 11 ? 0 : whole.size() <= 14 ? 3 : 6;
    std::int64_t frac = 0;
    if (dot != std::string_view::npos) {
        if (digits != 0)
            return std::nullopt;
        std::string_view f = text.substr(dot + 1);
        int n = 0;
        for (char c : f) {
            if (!isDigit(c))
                return std::nullopt;
            if (n < 6) {
                frac = frac * 10 + (c - '0');
                ++n;
            }
        }
        for (; n < 6; ++n)
            frac *= 10;
    }
    ParsedTime t;
    t.us = digits == 0 ? v * 1000000 + frac : digits == 3 ? v * 1000 : v;
    return t;
}

std::optional<ParsedTime> TimestampParser::parse(std::string_view text) const
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    if (text.empty())
        return std::nullopt;
    if (m_format == "epoch")
        return epoch(text, 0);
    if (m_format == "epoch_ms")
        return epoch(text, 3);
    if (m_format == "epoch_us")
        return epoch(text, 6);
    if (m_format == "auto" || m_format == "iso8601") {
        int offset = 0;
        // Without an offset parseIso reports 0; a time with no zone is local to the zone given.
        const size_t sign = text.find_last_of("+-");
        const bool hasZone = text.size() > 10
                             && (text.back() == 'Z' || text.back() == 'z'
                                 || (sign != std::string_view::npos && sign > 10));
        if (const auto us = parseIso(text, &offset)) {
            if (hasZone || m_utc)
                return ParsedTime{*us, std::int16_t(offset)};
            const std::int64_t secs = *us / 1000000;
            const QDateTime utc = QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc());
            const QDate d = utc.date();
            const QTime tm = utc.time();
            return local(d.year(), d.month(), d.day(), tm.hour(), tm.minute(), tm.second(),
                         int(*us % 1000000));
        }
        if (m_format == "auto" && isDigit(text.front()))
            return epoch(text, -1);
        return std::nullopt;
    }
    return parsePattern(text);
}

std::optional<ParsedTime> TimestampParser::parsePattern(std::string_view text) const
{
    int y = 1970, mo = 1, d = 1, h = 0, mi = 0, s = 0, us = 0;
    bool pm = false, twelve = false, zone = false;
    int offset = 0;
    size_t pos = 0;
    const std::string_view f = m_format;
    for (size_t i = 0; i < f.size(); ++i) {
        const char fc = f[i];
        if (fc == ' ') {
            if (pos >= text.size() || (text[pos] != ' ' && text[pos] != '\t'))
                return std::nullopt;
            while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t'))
                ++pos;
            continue;
        }
        if (fc != '%' || i + 1 == f.size()) {
            if (pos >= text.size() || text[pos] != fc)
                return std::nullopt;
            ++pos;
            continue;
        }
        bool ok = true;
        switch (f[++i]) {
        case 'Y':
            ok = number(text, pos, 4, y);
            break;
        case 'y':
            ok = number(text, pos, 2, y);
            y += y < 70 ? 2000 : 1900;
            break;
        case 'm':
            ok = number(text, pos, 2, mo);
            break;
        case 'd':
        case 'e':
            while (pos < text.size() && text[pos] == ' ')
                ++pos;
            ok = number(text, pos, 2, d);
            break;
        case 'H':
            ok = number(text, pos, 2, h);
            break;
        case 'I':
            ok = number(text, pos, 2, h);
            twelve = true;
            break;
        case 'M':
            ok = number(text, pos, 2, mi);
            break;
        case 'S':
            ok = number(text, pos, 2, s);
            break;
        case 'T':
            ok = number(text, pos, 2, h) && pos < text.size() && text[pos++] == ':'
                 && number(text, pos, 2, mi) && pos < text.size() && text[pos++] == ':'
                 && number(text, pos, 2, s);
            break;
        case 'f': {
            int n = 0;
            us = 0;
            while (pos < text.size() && isDigit(text[pos])) {
                if (n < 6) {
                    us = us * 10 + (text[pos] - '0');
                    ++n;
                }
                ++pos;
            }
            ok = n > 0;
            for (; n < 6; ++n)
                us *= 10;
            break;
        }
        case 'b':
            ok = pos + 3 <= text.size() && (mo = monthFromAbbrev(text.substr(pos, 3))) > 0;
            pos += 3;
            while (ok && pos < text.size() && text[pos] >= 'a' && text[pos] <= 'z')
                ++pos; // full month names: "March"
            break;
        case 'p':
            ok = pos + 2 <= text.size();
            if (ok) {
                const char c = char(text[pos] | 0x20);
                ok = (c == 'a' || c == 'p') && (text[pos + 1] | 0x20) == 'm';
                pm = c == 'p';
                pos += 2;
            }
            break;
        case 'z': {
            zone = true;
            if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
                ++pos;
                break;
            }
            if (pos >= text.size() || (text[pos] != '+' && text[pos] != '-')) {
                ok = false;
                break;
            }
            const int sign = text[pos++] == '-' ? -1 : 1;
            int hh = 0, mm = 0;
            ok = number(text, pos, 2, hh);
            if (pos < text.size() && text[pos] == ':')
                ++pos;
            number(text, pos, 2, mm);
            offset = sign * (hh * 60 + mm);
            break;
        }
        case '%':
            ok = pos < text.size() && text[pos++] == '%';
            break;
        default:
            ok = false;
        }
        if (!ok)
            return std::nullopt;
    }
    if (pos != text.size())
        return std::nullopt;
    if (twelve) {
        if (h < 1 || h > 12)
            return std::nullopt;
        h = h % 12 + (pm ? 12 : 0);
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60)
        return std::nullopt;
    if (!QDate(y, mo, d).isValid())
        return std::nullopt;
    if (zone) {
        ParsedTime t;
        t.us = toEpochUs(y, mo, d, h, mi, s, us) - std::int64_t(offset) * 60000000;
        t.offsetMin = std::int16_t(offset);
        return t;
    }
    return local(y, mo, d, h, mi, s, us);
}

} // namespace netcase
