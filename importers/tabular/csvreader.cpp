#include "csvreader.h"

#include "core/csv.h"

#include <algorithm>
#include <map>

namespace netcase {

CsvReader::CsvReader(InputStream &in, char delimiter, size_t maxRecord)
    : m_in(in)
    , m_delim(delimiter)
    , m_maxRecord(maxRecord)
{
    m_buf.resize(256 * 1024);
}

bool CsvReader::get(char &c)
{
    if (m_pos == m_end) {
        if (m_eof || m_failed)
            return false;
        const std::int64_t n = m_in.read(m_buf.data(), std::int64_t(m_buf.size()));
        if (n <= 0) {
            m_failed = n < 0;
            m_eof = true;
            return false;
        }
        m_pos = 0;
        m_end = size_t(n);
    }
    c = m_buf[m_pos++];
    return true;
}

bool CsvReader::next(std::vector<std::string_view> &fields)
{
    for (;;) {
        m_raw.clear();
        m_values.clear();
        m_spans.clear();
        m_problem = {};
        m_recLine = m_line;
        bool inQuotes = false;
        bool quotedField = false; // the current field opened with a quote
        bool afterQuote = false;  // a closing quote was just seen inside a quoted field
        size_t fieldStart = 0;
        bool any = false;
        bool ended = false;
        char c = 0;
        while (get(c)) {
            any = true;
            if (!m_started) {
                m_started = true;
                if (static_cast<unsigned char>(c) == 0xEF) { // UTF-8 BOM
                    char b = 0, d = 0;
                    if (get(b) && get(d))
                        continue;
                }
            }
            if (c == '\n')
                ++m_line;
            if (m_raw.size() < m_maxRecord)
                m_raw.push_back(c);
            else if (m_problem.empty())
                m_problem = {RejectKind::TooLong, "record longer than 1 MiB"};
            if (inQuotes) {
                if (c == '"') {
                    inQuotes = false;
                    afterQuote = true;
                } else {
                    m_values.push_back(c);
                }
                continue;
            }
            if (c == '"') {
                if (afterQuote) { // "" inside a quoted field
                    m_values.push_back('"');
                    inQuotes = true;
                    afterQuote = false;
                } else if (m_values.size() == fieldStart && !quotedField) {
                    quotedField = true;
                    inQuotes = true;
                } else {
                    // A quote in the middle of an unquoted field: keep it, as most readers do.
                    m_values.push_back(c);
                }
                continue;
            }
            afterQuote = false;
            if (c == m_delim) {
                m_spans.emplace_back(fieldStart, m_values.size() - fieldStart);
                fieldStart = m_values.size();
                quotedField = false;
                continue;
            }
            if (c == '\n') {
                ended = true;
                break;
            }
            if (c == '\r') {
                continue; // CR of CRLF (a lone CR inside a field is dropped too)
            }
            m_values.push_back(c);
        }
        if (!any)
            return false;
        if (!m_raw.empty() && m_raw.back() == '\n')
            m_raw.pop_back();
        if (!m_raw.empty() && m_raw.back() == '\r')
            m_raw.pop_back();
        if (inQuotes && m_problem.empty())
            m_problem = {RejectKind::Syntax, "unbalanced quote"};
        m_spans.emplace_back(fieldStart, m_values.size() - fieldStart);
        (void)ended;
        if (m_raw.empty() && m_problem.empty())
            continue; // a blank line
        fields.clear();
        for (const auto &[start, len] : m_spans)
            fields.emplace_back(m_values.data() + start, len);
        return true;
    }
}

char CsvReader::detectDelimiter(std::string_view sample)
{
    // Count fields per line for each candidate; the winner gives the same count (> 1) on the
    // most lines. Quotes are respected so a comma inside a quoted user agent does not count.
    static const char candidates[] = {',', ';', '\t', '|'};
    std::vector<std::string_view> lines;
    size_t p = 0;
    while (p < sample.size() && lines.size() < 50) {
        size_t nl = sample.find('\n', p);
        if (nl == std::string_view::npos)
            break;
        if (nl > p)
            lines.push_back(sample.substr(p, nl - p));
        p = nl + 1;
    }
    if (lines.empty() && !sample.empty())
        lines.push_back(sample);
    char best = ',';
    int bestScore = 0;
    for (char d : candidates) {
        std::map<size_t, int> counts;
        for (std::string_view l : lines)
            ++counts[csv::splitLine(l, d).size()];
        int score = 0;
        for (const auto &[n, times] : counts) {
            if (n > 1)
                score = std::max(score, times * 100 + int(std::min<size_t>(n, 99)));
        }
        if (score > bestScore) {
            bestScore = score;
            best = d;
        }
    }
    return best;
}

} // namespace netcase
