#pragma once

// The record loops every format shares, so each format supplies only what reads one record.
// forEachLine() reads lines with bounded memory (LineReader), checks for cancel and reports
// progress every 4,096 lines, skips empty lines, turns a line longer than the reader's window
// into a reject carrying a 4 KB excerpt, and ends with a read error as an error value.
// forEachRecord() does the same for a reader that splits records itself (tabular/CsvReader,
// api/JsonSplitter through cloud/jsonrecordimport).

#include "api/importer.h"
#include "api/inputstream.h"
#include "api/linereader.h"

#include <string>
#include <string_view>

namespace netcase {

inline constexpr int kProgressEveryLines = 4096;
inline constexpr size_t kRejectExcerptBytes = 4096;
inline constexpr std::string_view kLongLineReason = "line longer than 1 MiB";

/// Calls perLine(line, lineNumber) for every non-empty line of in that fits the reader's window.
template<typename PerLine>
Status forEachLine(InputStream &in, ParseContext &ctx, PerLine &&perLine)
{
    LineReader reader(in);
    std::string_view line;
    int sinceCheck = 0;
    while (reader.next(line)) {
        if (++sinceCheck >= kProgressEveryLines) {
            sinceCheck = 0;
            if (!ctx.progress(in.position()))
                return makeError(QStringLiteral("cancelled"), ErrorCode::Cancelled);
        }
        if (line.empty())
            continue;
        const std::int64_t lineNo = reader.lineNumber();
        if (reader.truncated()) {
            ctx.sink.reject(lineNo, RejectKind::TooLong, kLongLineReason,
                            line.substr(0, kRejectExcerptBytes));
            continue;
        }
        perLine(line, lineNo);
    }
    if (reader.failed())
        return makeError(QStringLiteral("read error: %1").arg(in.errorString()));
    ctx.progress(in.position());
    return {};
}

/// Calls perRecord(fields) for every well-formed record of reader, which offers next(fields),
/// problem() (a RejectReason, empty when the record is well formed), line(), raw() and
/// failed(), as tabular/CsvReader does. A malformed record becomes a reject with its problem.
template<typename Reader, typename Fields, typename PerRecord>
Status forEachRecord(
        Reader &reader, Fields &fields, InputStream &in, ParseContext &ctx, PerRecord &&perRecord)
{
    int sinceCheck = 0;
    while (reader.next(fields)) {
        if (++sinceCheck >= kProgressEveryLines) {
            sinceCheck = 0;
            if (!ctx.progress(in.position()))
                return makeError(QStringLiteral("cancelled"), ErrorCode::Cancelled);
        }
        if (!reader.problem().empty()) {
            ctx.sink.reject(reader.line(), reader.problem(), reader.raw());
            continue;
        }
        perRecord(fields);
    }
    if (reader.failed())
        return makeError(QStringLiteral("read error: %1").arg(in.errorString()));
    ctx.progress(in.position());
    return {};
}

/// "expected 12 columns, found 11": a record whose value count differs from its header's.
inline RejectReason columnCountMismatch(size_t expected, size_t found)
{
    return {RejectKind::Layout,
            "expected " + std::to_string(expected) + " columns, found " + std::to_string(found)};
}

} // namespace netcase
