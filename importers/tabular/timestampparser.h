#pragma once

// Reads the timestamp column of a generic CSV/JSON-lines file with the mapping's format: ISO
// 8601, epoch seconds/ms/us, or a strftime-like pattern. Times without an offset are taken in
// the mapping's (or the import's) IANA zone, so DST is applied per timestamp.

#include <QTimeZone>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace netcase {

struct ParsedTime
{
    std::int64_t us = 0;        ///< UTC microseconds
    std::int16_t offsetMin = 0; ///< offset of the original text (or of the zone applied)
};

class TimestampParser
{
public:
    /// format as in FieldMapping::timestampFormat; zone: IANA id or "UTC".
    TimestampParser(std::string format, const std::string &zone);
    /// False when the zone is unknown.
    bool valid() const { return m_valid; }
    std::optional<ParsedTime> parse(std::string_view text) const;
    /// True once a timestamp without an offset was read (and so taken in the zone).
    bool zoneApplied() const { return m_zoneApplied; }

private:
    std::optional<ParsedTime> parsePattern(std::string_view text) const;
    /// digits: 0 seconds, 3 ms, 6 us, -1 guessed from the magnitude.
    std::optional<ParsedTime> epoch(std::string_view text, int digits) const;
    ParsedTime local(int y, int mo, int d, int h, int mi, int s, int us) const;

    std::string m_format;
    QTimeZone m_zone;
    bool m_utc = true;
    bool m_valid = true;
    mutable bool m_zoneApplied = false; ///< for the import's note, not the result of a parse
};

} // namespace netcase
