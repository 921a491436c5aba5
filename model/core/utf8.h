#pragma once

// UTF-8 repair for text that came from log files. Every string in an Event is UTF-8 by contract
// (JSON output, SQLite text and Qt strings all rely on it), but logs carry whatever bytes a
// client sent: each byte that does not start a well-formed sequence becomes U+FFFD.

#include <string>
#include <string_view>

namespace netcase {

struct Event;

namespace utf8 {

/// Length of the well-formed sequence starting at s[i] (1 for ASCII), 0 when the byte there
/// starts none (then it is one byte to replace). i must be below s.size().
size_t sequenceLength(std::string_view s, size_t i);
/// True when every byte of s is ASCII (then it is valid UTF-8, and so is every part of it).
bool isAscii(std::string_view s);
/// True when s is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool isValid(std::string_view s);
/// s with each byte that does not start a well-formed sequence replaced by U+FFFD.
std::string repaired(std::string_view s);
/// Repairs s in place; returns true when it had to change anything.
bool repair(std::string &s);
/// Repairs every text field of an event (labels included, as a string). Returns true when any
/// field changed.
bool repair(Event &e);

} // namespace utf8
} // namespace netcase
