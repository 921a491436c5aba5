#pragma once

// Terminal output for the command line. Plain output shows text that came from log data through
// displaySafe() (core/displaytext.h), so a hostile log line cannot drive the terminal and its
// control characters stay visible as in the GUI; JSON output keeps the exact text, escaped by
// the JSON writer.

#include "core/result.h"

#include <QString>

#include <nlohmann/json_fwd.hpp>

namespace netcase::cli {

/// Writes text to stdout (UTF-8, no newline added).
void out(const QString &text);
void outLine(const QString &text);
void outJson(const nlohmann::json &j);
/// Writes "netcase: <text>" and a newline to stderr.
void errLine(const QString &text);
/// The exit status of an error (Cancelled exits 2, as every other data error).
int exitStatus(const Error &error);
/// {"code": "usage|data|locked|cancelled", "message": ..., "exit_status": N}
nlohmann::json errorObject(const Error &error);
/// A command line with --json: fail() then also prints {"error": errorObject()} on stdout.
void setJsonErrors(bool on);
/// Reports an error value on stderr (and as JSON on stdout with --json) and returns its exit
/// code.
int fail(const Error &error);
bool stderrIsTerminal();

/// A progress line on stderr ("\r 42%  text"), drawn only when stderr is a terminal and cleared
/// when it goes out of scope, so piped output and logs stay clean.
class ProgressLine
{
public:
    ProgressLine();
    ~ProgressLine();
    ProgressLine(const ProgressLine &) = delete;
    ProgressLine &operator=(const ProgressLine &) = delete;

    void show(int percent, const QString &text) const;

private:
    bool m_tty;
};

} // namespace netcase::cli
