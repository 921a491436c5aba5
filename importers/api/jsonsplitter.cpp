#include "jsonsplitter.h"

#include "core/textscan.h"

#include <algorithm>
#include <array>

namespace netcase {

namespace {

constexpr size_t kChunk = size_t{256} * 1024;
constexpr size_t kKeptBadBytes = 4096;

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool isBomByte(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u == 0xEF || u == 0xBB || u == 0xBF;
}

/// The bytes that mean something between a record's strings; the rest is copied as it comes.
constexpr std::array<bool, 256> kStructural = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : std::string_view("\"{}[]:,\n"))
        t[c] = true;
    return t;
}();

} // namespace

JsonSplitter::JsonSplitter(InputStream &in, size_t maxRecord)
    : m_in(in)
    , m_maxRecord(maxRecord)
{
    m_buf.resize(kChunk);
}

bool JsonSplitter::fill()
{
    flushSpan(); // the buffer is about to be overwritten
    if (m_eof || m_failed)
        return false;
    const std::int64_t n = m_in.read(m_buf.data(), std::int64_t(m_buf.size()));
    if (n < 0) {
        m_failed = true;
        return false;
    }
    if (n == 0) {
        m_eof = true;
        return false;
    }
    m_pos = 0;
    m_end = size_t(n);
    return true;
}

void JsonSplitter::startRecord()
{
    clearRecordText();
    m_inRecord = true;
    m_oversize = false;
    m_scalar = false;
    m_inString = false;
    m_escape = false;
    m_recLine = m_line;
    m_sawKind = false;
}

inline void JsonSplitter::append(size_t from, size_t to)
{
    // Every byte a record takes is the one just read, so the bytes taken from one buffer form
    // one span, copied once (when the record ends or the buffer is refilled).
    if (m_spanEnd == from && m_spanStart != m_spanEnd) {
        m_spanEnd = to;
        return;
    }
    flushSpan();
    m_spanStart = from;
    m_spanEnd = to;
}

void JsonSplitter::flushSpan()
{
    if (m_spanStart == m_spanEnd)
        return;
    const size_t n = m_spanEnd - m_spanStart;
    const size_t limit = m_garbage ? kKeptBadBytes : m_maxRecord;
    const size_t room = m_rec.size() < limit ? limit - m_rec.size() : 0;
    m_rec.append(m_buf.data() + m_spanStart, std::min(n, room));
    if (n > room)
        m_oversize = true;
    m_spanStart = m_spanEnd = 0;
}

void JsonSplitter::clearRecordText()
{
    m_rec.clear();
    m_spanStart = m_spanEnd = 0;
}

inline void JsonSplitter::copyRun()
{
    // What the byte loop below would do to each of these bytes is to append it (and, in a key,
    // to remember it): do that for the whole run at once. Runs stop before every byte the loop
    // has to see, newlines included, so the line count stays its job.
    const std::string_view rest(m_buf.data() + m_pos, m_end - m_pos);
    size_t n = 0;
    if (m_garbage) {
        n = scan::findAnyOf(rest, 0, '\n');
    } else if (m_inString) {
        if (m_escape)
            return;
        n = scan::findAnyOf(rest, 0, '"', '\\', '\n');
        if (m_keyString && m_key.size() < 32)
            m_key.append(rest.data(), std::min(n, 32 - m_key.size()));
    } else if (!m_scalar && !m_pendingWrapper) {
        while (n < rest.size() && !kStructural[static_cast<unsigned char>(rest[n])])
            ++n;
    }
    append(m_pos, m_pos + n);
    m_pos += n;
}

bool JsonSplitter::wrapperKey() const
{
    // Only the first value of a file can be a wrapper, or any value once one was (Event Hubs
    // captures hold one {"records": [...]} per line): a JSON-lines record that happens to have
    // a "value" array must stay one record.
    return (m_linesMode == -1 || m_sawWrapper)
           && (m_key == "Records" || m_key == "records" || m_key == "value"
               || (m_key == "items" && m_sawKind));
}

bool JsonSplitter::finishRecord(Piece &piece, const char *error)
{
    flushSpan();
    piece.errorKind = RejectKind::Syntax;
    if (!error && m_oversize) {
        error = "record larger than the 16 MiB limit";
        piece.errorKind = RejectKind::TooLong;
    }
    if (m_recordDepth == 0 && !m_garbage && m_linesMode == -1)
        m_linesMode = m_line == m_recLine ? 1 : 0;
    if (error && m_rec.size() > kKeptBadBytes)
        m_rec.resize(kKeptBadBytes);
    m_rec.reserve(m_rec.size() + kJsonPadding);
    piece.text = m_rec;
    piece.line = m_recLine;
    piece.error = error;
    m_inRecord = false;
    m_garbage = false;
    m_scalar = false;
    m_inString = false;
    m_escape = false;
    m_keyString = false;
    m_pendingWrapper = false;
    return true;
}

bool JsonSplitter::next(Piece &piece)
{
    for (;;) {
        if (m_inRecord && m_pos < m_end)
            copyRun();
        if (m_pos == m_end && !fill()) {
            if (m_garbage)
                return finishRecord(piece, "not a JSON value");
            if (m_inRecord) {
                if (m_scalar && !m_inString)
                    return finishRecord(piece, nullptr);
                m_depth = m_recordDepth;
                return finishRecord(piece, "record cut off at the end of the file");
            }
            return false;
        }
        const char c = m_buf[m_pos++];
        if (c == '\n')
            ++m_line;

        if (m_garbage) {
            if (c == '\n')
                return finishRecord(piece, "not a JSON value");
            append(m_pos - 1, m_pos);
            continue;
        }

        if (m_inRecord) {
            if (m_scalar && !m_inString && (c == ',' || c == ']' || c == '}' || isSpace(c))) {
                finishRecord(piece, nullptr);
                if (c == ']') {
                    --m_depth;
                    m_mode = m_mode == Mode::InWrapper ? Mode::SkipWrapperRest : Mode::Top;
                }
                return true;
            }
            append(m_pos - 1, m_pos);
            if (m_inString) {
                if (m_escape) {
                    m_escape = false;
                } else if (c == '\\') {
                    m_escape = true;
                } else if (c == '"') {
                    m_inString = false;
                    if (m_scalar)
                        return finishRecord(piece, nullptr);
                    m_keyString = false;
                } else if (c == '\n' && m_recordDepth == 0 && m_linesMode == 1) {
                    m_depth = 0;
                    flushSpan();
                    m_rec.pop_back();
                    return finishRecord(piece, "unterminated string at the end of the line");
                } else if (m_keyString && m_key.size() < 32) {
                    m_key.push_back(c);
                }
                continue;
            }
            if (m_scalar)
                continue;
            if (m_pendingWrapper && !isSpace(c)) {
                m_pendingWrapper = false;
                if (c == '[') {
                    // {"Records": [ ... the records are this array's elements; what came
                    // before in the wrapper is metadata.
                    m_inRecord = false;
                    clearRecordText();
                    m_depth = 2;
                    m_mode = Mode::InWrapper;
                    m_sawContainer = true;
                    m_sawWrapper = true;
                    continue;
                }
            }
            const bool topObject = m_recordDepth == 0 && m_depth == 1;
            switch (c) {
            case '"':
                m_inString = true;
                if (topObject && m_expectKey) {
                    m_keyString = true;
                    m_key.clear();
                }
                break;
            case '{':
            case '[':
                ++m_depth;
                break;
            case '}':
            case ']':
                --m_depth;
                if (m_depth <= m_recordDepth) {
                    m_depth = m_recordDepth;
                    return finishRecord(piece, nullptr);
                }
                break;
            case ':':
                if (topObject) {
                    m_expectKey = false;
                    m_sawKind = m_sawKind || m_key == "kind";
                    m_pendingWrapper = wrapperKey();
                }
                break;
            case ',':
                if (topObject)
                    m_expectKey = true;
                break;
            case '\n':
                if (m_recordDepth == 0 && m_linesMode == 1) {
                    m_depth = 0;
                    flushSpan();
                    m_rec.pop_back();
                    return finishRecord(piece, "record not closed at the end of the line");
                }
                break;
            default:
                break;
            }
            continue;
        }

        switch (m_mode) {
        case Mode::Top:
            if (isSpace(c) || isBomByte(c))
                continue;
            if (c == '[') {
                m_depth = 1;
                m_mode = Mode::InArray;
                m_sawContainer = true;
                continue;
            }
            startRecord();
            append(m_pos - 1, m_pos);
            if (c == '{') {
                m_recordDepth = 0;
                m_depth = 1;
                m_expectKey = true;
            } else {
                m_garbage = true;
            }
            continue;
        case Mode::InArray:
        case Mode::InWrapper:
            if (isSpace(c) || c == ',')
                continue;
            if (c == ']') {
                --m_depth;
                m_mode = m_mode == Mode::InWrapper ? Mode::SkipWrapperRest : Mode::Top;
                continue;
            }
            startRecord();
            m_recordDepth = m_mode == Mode::InWrapper ? 2 : 1;
            append(m_pos - 1, m_pos);
            if (c == '{' || c == '[') {
                ++m_depth;
            } else {
                m_scalar = true;
                m_inString = c == '"';
            }
            continue;
        case Mode::SkipWrapperRest:
            if (m_inString) {
                if (m_escape)
                    m_escape = false;
                else if (c == '\\')
                    m_escape = true;
                else if (c == '"')
                    m_inString = false;
            } else if (c == '"') {
                m_inString = true;
            } else if (c == '{' || c == '[') {
                ++m_depth;
            } else if (c == '}' || c == ']') {
                if (--m_depth <= 0) {
                    m_depth = 0;
                    m_mode = Mode::Top;
                    m_linesMode = 0;
                }
            }
            continue;
        }
    }
}

} // namespace netcase
