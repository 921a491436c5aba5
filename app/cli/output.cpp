#include "output.h"

#include "core/displaytext.h"
#include "core/jsontext.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <unistd.h>

namespace netcase::cli {

// Plain output and messages may carry log text (names, actions, file names): a control or bidi
// character in it is shown, never sent to the terminal as is (a record whose action is an escape
// sequence must not be able to repaint a failing `verify` as "intact"). JSON goes through the
// JSON writer instead, which escapes controls and keeps the text exact.
void out(const QString &text)
{
    const QByteArray b = displaySafe(text, LineBreaks::Keep).toUtf8();
    std::fwrite(b.constData(), 1, size_t(b.size()), stdout);
}

void outLine(const QString &text)
{
    out(text);
    std::fputc('\n', stdout);
}

void outJson(const nlohmann::json &j)
{
    const std::string s = jsonText(j);
    std::fwrite(s.data(), 1, s.size(), stdout);
    std::fputc('\n', stdout);
}

void errLine(const QString &text)
{
    const QByteArray b = (QStringLiteral("netcase: ") + displaySafe(text, LineBreaks::Keep)
                          + QLatin1Char('\n'))
                                 .toUtf8();
    std::fflush(stdout);
    std::fwrite(b.constData(), 1, size_t(b.size()), stderr);
}

namespace {

bool g_jsonErrors = false;

const char *codeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Usage:
        return "usage";
    case ErrorCode::Data:
        return "data";
    case ErrorCode::Locked:
        return "locked";
    case ErrorCode::Cancelled:
        return "cancelled";
    }
    return "data";
}

} // namespace

int exitStatus(const Error &error)
{
    return error.code == ErrorCode::Cancelled ? 2 : int(error.code);
}

nlohmann::json errorObject(const Error &error)
{
    return {{"code", codeName(error.code)},
            {"message", error.message.toStdString()},
            {"exit_status", exitStatus(error)}};
}

void setJsonErrors(bool on)
{
    g_jsonErrors = on;
}

int fail(const Error &error)
{
    errLine(error.message);
    if (g_jsonErrors)
        outJson({{"error", errorObject(error)}});
    return exitStatus(error);
}

bool stderrIsTerminal()
{
    return ::isatty(STDERR_FILENO) == 1;
}

ProgressLine::ProgressLine()
    : m_tty(stderrIsTerminal())
{}

ProgressLine::~ProgressLine()
{
    if (m_tty)
        std::fprintf(stderr, "\r\x1b[K");
}

void ProgressLine::show(int percent, const QString &text) const
{
    if (!m_tty)
        return;
    std::fprintf(stderr, "\r%3d%%  %s\x1b[K", percent, displaySafe(text).toUtf8().constData());
    std::fflush(stderr);
}

} // namespace netcase::cli
