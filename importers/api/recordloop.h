#pragma once

// The record loop every line-based format shares, so each format supplies only what reads one
// line. forEachLine() reads lines with bounded memory (LineReader), checks for cancel and reports
// progress every 4,096 lines, skips empty lines, turns a line longer than the reader's window
// into a reject carrying a 4 KB excerpt, and ends with a read error as an error value.

#include "api/importer.h"
#include "api/inputstream.h"
#include "api/linereader.h"

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
            ctx.sink.reject(lineNo, kLongLineReason, line.substr(0, kRejectExcerptBytes));
            continue;
        }
        perLine(line, lineNo);
    }
    if (reader.failed())
        return makeError(QStringLiteral("read error: %1").arg(in.errorString()));
    ctx.progress(in.position());
    return {};
}

} // namespace netcase
