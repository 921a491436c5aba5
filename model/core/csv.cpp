#include "csv.h"

#include "displaytext.h"
#include "utf8.h"

#include <QIODevice>
#include <QStringList>

#include <algorithm>

namespace netcase {

namespace {

enum class LineEnds { Drop, EndRecord };

// Reads the record that starts at text[pos] into fields; returns where the next one starts.
// empty tells whether the record had no character at all (a blank line).
size_t readRecord(std::string_view text,
                  size_t pos,
                  char delimiter,
                  LineEnds ends,
                  std::vector<std::string> &fields,
                  bool &empty)
{
    fields.clear();
    fields.emplace_back();
    const size_t start = pos;
    bool quoted = false;
    for (; pos < text.size(); ++pos) {
        const char c = text[pos];
        std::string &field = fields.back();
        if (quoted) {
            if (c != '"') {
                field += c;
            } else if (pos + 1 < text.size() && text[pos + 1] == '"') {
                field += '"';
                ++pos;
            } else {
                quoted = false;
            }
        } else if (c == '"' && field.empty()) {
            quoted = true;
        } else if (c == delimiter) {
            fields.emplace_back();
        } else if (c == '\r' || c == '\n') {
            if (ends == LineEnds::EndRecord) {
                empty = pos == start;
                if (c == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n')
                    ++pos;
                return pos + 1;
            }
        } else {
            field += c;
        }
    }
    empty = pos == start;
    return pos;
}

} // namespace

namespace csv {

void splitLine(std::string_view line, std::vector<std::string> &fields, char delimiter)
{
    bool empty = false;
    readRecord(line, 0, delimiter, LineEnds::Drop, fields, empty);
}

std::vector<std::string> splitLine(std::string_view line, char delimiter)
{
    std::vector<std::string> fields;
    splitLine(line, fields, delimiter);
    return fields;
}

std::vector<std::vector<std::string>> records(std::string_view text, char delimiter)
{
    std::vector<std::vector<std::string>> out;
    std::vector<std::string> fields;
    size_t pos = 0;
    while (pos < text.size()) {
        bool empty = false;
        pos = readRecord(text, pos, delimiter, LineEnds::EndRecord, fields, empty);
        if (!empty)
            out.push_back(std::move(fields));
    }
    return out;
}

} // namespace csv

namespace {
constexpr size_t kFlushAt = 256 * 1024;
}

CsvWriter::CsvWriter(QIODevice &device)
    : m_device(device)
{}

bool CsvWriter::needsFormulaGuard(std::string_view text)
{
    if (text.empty())
        return false;
    switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
        return true;
    default:
        return false;
    }
}

namespace {

// A byte that may belong to a character displaySafe() replaces (a control, DEL, or any
// non-ASCII byte, which may start a C1 control, a bidi override or an invisible character).
bool mayHoldUnsafe(std::string_view s)
{
    return std::any_of(s.begin(), s.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c >= 0x7f;
    });
}

} // namespace

void CsvWriter::appendCell(std::string &out, std::string_view text)
{
    std::string fixed;
    if (!utf8::isValid(text)) {
        fixed = utf8::repaired(text);
        text = fixed;
    }
    // Log text is shown, not obeyed: escape sequences, bells and bidi overrides become visible
    // (the same display-safe text as the GUI, the CLI and reports); tabs and line breaks (CR
    // too, which the quoting keeps) stay.
    if (mayHoldUnsafe(text)) {
        const QString original = QString::fromUtf8(text.data(), qsizetype(text.size()));
        QStringList parts = original.split(QLatin1Char('\r'));
        for (QString &part : parts)
            part = displaySafe(part, LineBreaks::Keep);
        const QString safe = parts.join(QLatin1Char('\r'));
        if (safe != original) {
            fixed = safe.toStdString();
            text = fixed;
        }
    }
    const bool guard = needsFormulaGuard(text);
    const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos;
    if (quote)
        out += '"';
    if (guard)
        out += '\'';
    if (quote) {
        for (char c : text) {
            if (c == '"')
                out += '"';
            out += c;
        }
        out += '"';
    } else {
        out.append(text);
    }
}

std::string CsvWriter::encodeCell(std::string_view text)
{
    std::string out;
    appendCell(out, text);
    return out;
}

void CsvWriter::cell(std::string_view text)
{
    if (m_rowStarted)
        m_buffer += ',';
    m_rowStarted = true;
    appendCell(m_buffer, text);
}

void CsvWriter::endRow()
{
    m_buffer += "\r\n";
    m_rowStarted = false;
    if (m_buffer.size() >= kFlushAt)
        (void)flush(); // a failure is remembered and reported by the final flush()
}

void CsvWriter::row(const std::vector<std::string> &cells)
{
    for (const std::string &c : cells)
        cell(c);
    endRow();
}

Status CsvWriter::flush()
{
    if (!m_failed && !m_buffer.empty()) {
        const qint64 n = m_device.write(m_buffer.data(), qint64(m_buffer.size()));
        m_failed = n != qint64(m_buffer.size());
    }
    m_buffer.clear();
    if (m_failed)
        return makeError(
                QStringLiteral("cannot write the CSV file: %1").arg(m_device.errorString()));
    return {};
}

} // namespace netcase
