#pragma once

// Why a record could not become an event: a kind every format shares (so an import can say
// "12 rejects: 10 unreadable times, 2 unreadable records" and a reader can group them) and the
// format's own text, which is what the case stores and shows beside the record.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace netcase {

enum class RejectKind : std::uint8_t {
    Syntax,       ///< the record does not read as its format (bad JSON, unbalanced quote, ...)
    TooLong,      ///< longer than the reader's window; an excerpt is kept
    Layout,       ///< does not fit the file's layout (value count, data before a header)
    NoTime,       ///< no time field
    BadTime,      ///< a time field that does not read, or lies out of range
    MissingField, ///< another field the format requires is absent
    BadValue,     ///< a field's value does not read (address, number, status)
};

inline constexpr std::array kRejectKinds = {
        RejectKind::Syntax,  RejectKind::TooLong,      RejectKind::Layout,   RejectKind::NoTime,
        RejectKind::BadTime, RejectKind::MissingField, RejectKind::BadValue,
};

/// Stable name for JSON output: "syntax", "too_long", "layout", "no_time", "bad_time",
/// "missing_field", "bad_value".
std::string_view rejectKindName(RejectKind kind);
/// Display text for a count of them: "unreadable record" for 1, "unreadable records" else.
std::string_view rejectKindText(RejectKind kind, std::int64_t count);

/// A reject's kind and its format-specific text (the text is what is stored and shown).
struct RejectReason
{
    RejectKind kind = RejectKind::Syntax;
    std::string text;

    bool empty() const { return text.empty(); }
};

/// Counts of rejects per kind, as an import keeps them.
struct RejectCounts
{
    std::array<std::int64_t, kRejectKinds.size()> byKind{};

    void add(RejectKind kind) { ++byKind[static_cast<size_t>(kind)]; }
    std::int64_t of(RejectKind kind) const { return byKind[static_cast<size_t>(kind)]; }
    std::int64_t total() const;
    /// "10 unreadable times, 2 unreadable records" (largest first), empty when none.
    std::string summary() const;
};

} // namespace netcase
