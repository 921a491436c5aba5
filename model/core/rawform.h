#pragma once

// Raw records that need not be stored: a record whose text the event's own fields give back
// byte for byte is kept in its raw block as a short form name ("<line> =<form>") instead of its
// text, and rebuilt from the event when it is read. Only the importer decides this, after it
// rendered the record under that form and compared it with the original, so what a reader
// rebuilds is exactly what was in the file; anything else (escapes, uncompressed IPv6,
// lower-case month names, trailing fields, repaired UTF-8) keeps its text.
//
// Forms never change meaning once written; a new layout gets a new name.
//   a<v><version>   access log line: v = c (common), b (combined), h (vhost_combined);
//                   version is the HTTP version of the request line ("1.1", "2.0")

#include "core/event.h"

#include <string>
#include <string_view>

namespace netcase::rawform {

/// The longest form name.
constexpr size_t kMaxForm = 8;

/// Renders event e under form into out; false when the form is unknown or e cannot be written in
/// it (then out is unspecified).
bool render(std::string_view form, const Event &e, std::string &out);

/// True when render(form, e) gives record exactly.
bool rebuilds(std::string_view form, const Event &e, std::string_view record);

} // namespace netcase::rawform
