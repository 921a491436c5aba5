#pragma once

// Cuts a JSON stream into records with bounded memory, so that a 5 GB CloudTrail or Okta export
// never has to fit in memory. It understands the three shapes vendors ship:
//   - a top-level array            [ {...}, {...} ]
//   - a wrapper object             {"Records": [...]}, {"value": [...]}, {"records": [...]},
//                                  Google API lists {"kind": ..., "items": [...]}
//   - a sequence of values         JSON lines, or pretty-printed objects one after another
// It only scans bytes (strings, escapes, depth); each record is then parsed on its own, so one
// malformed record becomes one reject and the rest of the file still imports.

#include "api/inputstream.h"
#include "core/rejectreason.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace netcase {

/// Bytes that are readable (and writable) after each record's text, as simdjson requires.
constexpr size_t kJsonPadding = 64;

class JsonSplitter
{
public:
    struct Piece
    {
        std::string_view text;       ///< the record's JSON text (or the bad bytes, cut to 4 KiB)
        std::int64_t line = 0;       ///< 1-based line where the record starts
        const char *error = nullptr; ///< non-null when the splitter itself found it malformed
        RejectKind errorKind = RejectKind::Syntax; ///< what kind of reject error is
    };

    explicit JsonSplitter(InputStream &in, size_t maxRecord = 16u << 20);

    /// Next record; false at the end of input or on a read error (see failed()). The text stays
    /// valid, followed by kJsonPadding spare bytes, until the next call.
    bool next(Piece &piece);
    bool failed() const { return m_failed; }
    /// True once a wrapper object or a top-level array was seen (not JSON lines).
    bool sawContainer() const { return m_sawContainer; }

private:
    enum class Mode { Top, InArray, InWrapper, SkipWrapperRest };

    bool fill();
    void startRecord();
    /// Takes m_buf[from, to) into the record's text (see flushSpan).
    void append(size_t from, size_t to);
    /// Copies the bytes taken but not yet copied into m_rec.
    void flushSpan();
    void clearRecordText();
    /// Copies the bytes from m_pos that need no decision (inside a string, between structural
    /// characters, in a garbage line) in one go instead of one by one.
    void copyRun();
    bool finishRecord(Piece &piece, const char *error);
    bool wrapperKey() const;

    InputStream &m_in;
    std::string m_buf;
    size_t m_pos = 0;
    size_t m_end = 0;
    bool m_eof = false;
    bool m_failed = false;
    bool m_sawContainer = false;
    bool m_sawWrapper = false;

    std::string m_rec;
    size_t m_spanStart = 0; ///< m_buf[m_spanStart, m_spanEnd) belongs after m_rec
    size_t m_spanEnd = 0;
    size_t m_maxRecord;
    bool m_oversize = false;
    bool m_inRecord = false;
    bool m_garbage = false; ///< collecting a non-JSON line at the top level
    std::int64_t m_line = 1;
    std::int64_t m_recLine = 0;

    Mode m_mode = Mode::Top;
    int m_depth = 0;       ///< nesting depth from the document root
    int m_recordDepth = 0; ///< depth at which records start (0 top, 1 array, 2 wrapper)
    bool m_inString = false;
    bool m_escape = false;
    bool m_scalar = false; ///< the record is a bare scalar (ends at , ] or whitespace)
    // Key tracking at depth 1 of a top-level object, to notice a wrapper array.
    bool m_expectKey = false;
    bool m_keyString = false;
    std::string m_key;
    bool m_pendingWrapper = false;
    bool m_sawKind = false; ///< the object has a "kind" key: a Google API list ({"items": [...]})
    // JSON lines: decided by the first top-level object (one line or several).
    int m_linesMode = -1;
};

} // namespace netcase
