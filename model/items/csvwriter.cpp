#include "csvwriter.h"

#include "core/utf8.h"

#include <QIODevice>

namespace netcase {

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

void CsvWriter::appendCell(std::string &out, std::string_view text)
{
    std::string fixed;
    if (!utf8::isValid(text)) {
        fixed = utf8::repaired(text);
        text = fixed;
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
