#include "output.h"

#include "core/displaytext.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <unistd.h>

namespace netcase::cli {

void out(const QString &text)
{
    const QByteArray b = text.toUtf8();
    std::fwrite(b.constData(), 1, size_t(b.size()), stdout);
}

void outLine(const QString &text)
{
    out(text);
    std::fputc('\n', stdout);
}

void outJson(const nlohmann::json &j)
{
    const std::string s = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::fwrite(s.data(), 1, s.size(), stdout);
    std::fputc('\n', stdout);
}

void errLine(const QString &text)
{
    const QByteArray b = (QStringLiteral("netcase: ") + text + QLatin1Char('\n')).toUtf8();
    std::fflush(stdout);
    std::fwrite(b.constData(), 1, size_t(b.size()), stderr);
}

int fail(const Error &error)
{
    errLine(error.message);
    return int(error.code) == int(ErrorCode::Cancelled) ? 2 : int(error.code);
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
