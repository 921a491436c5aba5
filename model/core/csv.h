#pragma once

// CSV in memory, the one reader and the one writer (RFC 4180). Reading: a field that starts
// with a quote may hold the delimiter, line breaks and "" for a quote; a quote anywhere else is
// kept as text, as most readers do. Writing: UTF-8, CRLF line ends, fields quoted only when
// they hold a comma, a quote or a line break. Cells are guarded against formula injection as
// OWASP advises: a cell starting with = + - @ tab or carriage return gets a leading apostrophe,
// so a spreadsheet shows it as text instead of running it. Invalid UTF-8 becomes U+FFFD.
// Large imports stream through importers/tabular's CsvReader instead (bounded memory).

#include "core/result.h"

#include <string>
#include <string_view>
#include <vector>

class QIODevice;

namespace netcase {

namespace csv {

/// The fields of one line. Carriage returns and line feeds outside quotes are dropped, so a
/// line may be passed with its line end.
void splitLine(std::string_view line, std::vector<std::string> &fields, char delimiter = ',');
std::vector<std::string> splitLine(std::string_view line, char delimiter = ',');

/// The records of a whole text. A line end outside quotes (LF, CRLF or a lone CR) ends a
/// record; empty lines are skipped.
std::vector<std::vector<std::string>> records(std::string_view text, char delimiter = ',');

} // namespace csv

class CsvWriter
{
public:
    explicit CsvWriter(QIODevice &device);

    /// Appends one cell to the current row.
    void cell(std::string_view text);
    /// Ends the current row.
    void endRow();
    /// Writes a whole row.
    void row(const std::vector<std::string> &cells);
    /// Writes what is buffered; an error when the device refused it.
    Status flush();

    /// The cell as written: guarded, valid UTF-8 and quoted when it needs to be.
    static std::string encodeCell(std::string_view text);
    /// True when a spreadsheet could read the cell as a formula (it then gets an apostrophe).
    static bool needsFormulaGuard(std::string_view text);

private:
    static void appendCell(std::string &out, std::string_view text);

    QIODevice &m_device;
    std::string m_buffer;
    bool m_rowStarted = false;
    bool m_failed = false;
};

} // namespace netcase
