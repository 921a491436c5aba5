#include "casekey.h"

#include "case/encryptedcase.h"

#include <QFile>

#include <array>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <termios.h>
#include <unistd.h>
#include <vector>

namespace netcase::cli {

namespace {

QString &keyFile()
{
    static QString file;
    return file;
}

struct Kept
{
    std::shared_ptr<crypt::WorkingCopy> copy;
    bool save = false;
};

std::vector<Kept> &kept()
{
    static std::vector<Kept> list;
    return list;
}

// What SIGINT/SIGTERM remove, written before the handler can run (unlink and rmdir are
// async-signal-safe; nothing else is done in the handler).
constexpr int kMaxPaths = 32;
std::array<std::array<char, 4096>, kMaxPaths> g_paths{};
volatile std::sig_atomic_t g_pathCount = 0;
bool g_handlerInstalled = false;

extern "C" void removeCopiesAndDie(int sig)
{
    for (int i = 0; i < g_pathCount; ++i) {
        ::unlink(g_paths[std::size_t(i)].data());
        ::rmdir(g_paths[std::size_t(i)].data()); // the folder comes last
    }
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void addPath(const QString &path)
{
    const QByteArray bytes = QFile::encodeName(path);
    if (g_pathCount >= kMaxPaths || bytes.size() >= 4096)
        return;
    std::memcpy(g_paths[std::size_t(g_pathCount)].data(), bytes.constData(),
                std::size_t(bytes.size()) + 1);
    g_pathCount = g_pathCount + 1;
}

void removeOnSignal(const crypt::WorkingCopy &copy)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal", ".lock"})
        addPath(copy.path() + QLatin1String(suffix));
    addPath(copy.folder());
    if (!g_handlerInstalled) {
        g_handlerInstalled = true;
        for (int sig : {SIGINT, SIGTERM}) {
            struct sigaction old
            {
            };
            ::sigaction(sig, nullptr, &old);
            if (old.sa_handler != SIG_IGN) // a background job keeps ignoring it
                std::signal(sig, removeCopiesAndDie);
        }
    }
}

/// One line from the terminal with echo off (the prompt and the newline go to stderr).
Result<QByteArray> askHidden(const QString &prompt)
{
    std::fputs(prompt.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
    termios old{};
    const bool tty = ::tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        termios quiet = old;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    std::string line;
    const bool got = bool(std::getline(std::cin, line));
    if (tty)
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    std::fputs("\n", stderr);
    if (!got)
        return makeError(QStringLiteral("no passphrase was entered"), ErrorCode::Data);
    QByteArray pass = QByteArray::fromStdString(line);
    std::fill(line.begin(), line.end(), '\0');
    return pass;
}

} // namespace

Result<QStringList> takeKeyFileOption(const QStringList &args)
{
    QStringList rest;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--key-file")) {
            if (i + 1 >= args.size())
                return makeError(QStringLiteral("--key-file needs a file name"), ErrorCode::Usage);
            keyFile() = args.at(++i);
        } else if (a.startsWith(QLatin1String("--key-file="))) {
            keyFile() = a.mid(11);
        } else {
            rest << a;
        }
    }
    return rest;
}

Result<QByteArray> casePassphrase(const QString &casePath, bool confirm)
{
    if (!keyFile().isEmpty()) {
        QFile f(keyFile());
        if (!f.open(QIODevice::ReadOnly))
            return makeError(QStringLiteral("cannot read the key file %1: %2")
                                     .arg(keyFile(), f.errorString()),
                             ErrorCode::Data);
        QByteArray pass = f.readAll();
        if (pass.endsWith('\n'))
            pass.chop(1);
        if (pass.endsWith('\r'))
            pass.chop(1);
        if (pass.isEmpty())
            return makeError(QStringLiteral("the key file %1 is empty").arg(keyFile()),
                             ErrorCode::Data);
        return pass;
    }
    if (!::isatty(STDIN_FILENO))
        return makeError(QStringLiteral("%1 is encrypted (or not a Netcase case): give "
                                        "--key-file FILE (no terminal to ask for its passphrase)")
                                 .arg(casePath),
                         ErrorCode::Data);
    auto pass = askHidden(QStringLiteral("Passphrase for %1: ").arg(casePath));
    if (!pass)
        return pass;
    if (pass->isEmpty())
        return makeError(QStringLiteral("an empty passphrase is not accepted"), ErrorCode::Data);
    if (confirm) {
        auto again = askHidden(QStringLiteral("The same passphrase again: "));
        if (!again)
            return again;
        if (*again != *pass)
            return makeError(QStringLiteral("the two passphrases differ; nothing was created"),
                             ErrorCode::Data);
    }
    return pass;
}

void keepWorkingCopy(std::shared_ptr<crypt::WorkingCopy> copy, bool save)
{
    if (!copy)
        return;
    removeOnSignal(*copy);
    kept().push_back({std::move(copy), save});
}

Status finishEncryptedCases()
{
    Status result;
    for (const Kept &k : kept()) {
        if (!k.save)
            continue;
        if (Status s = k.copy->save(); !s.ok() && result.ok())
            result = s;
    }
    kept().clear(); // the last owners: the copies are removed and the locks released
    g_pathCount = 0;
    return result;
}

} // namespace netcase::cli
