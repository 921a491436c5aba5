#include "entry.h"

#include "cli/casekey.h"
#include "cli/command.h"
#include "cli/help.h"
#include "cli/output.h"
#include "gui/guimain.h"

#include <QApplication>
#include <QCoreApplication>
#include <QGuiApplication>

#include <cstdio>
#include <memory>

#include <sys/stat.h>
#include <unistd.h>

namespace netcase {

namespace {

void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Netcase"));
    QCoreApplication::setApplicationName(QStringLiteral("netcase"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NETCASE_VERSION));
}

/// Qt warns on every start without XDG_RUNTIME_DIR (root shells, CI, SSH without a session) and
/// then uses /tmp/runtime-USER anyway. Do the same without the warning: a private folder of ours.
void ensureRuntimeDir()
{
    if (!qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
        return;
    const QByteArray dir = "/tmp/netcase-runtime-" + QByteArray::number(uint(::getuid()));
    struct stat st
    {
    };
    if (::mkdir(dir.constData(), 0700) != 0
        && (::lstat(dir.constData(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::getuid()
            || (st.st_mode & 0077) != 0))
        return; // not ours or not private: leave it to Qt (and its warning)
    qputenv("XDG_RUNTIME_DIR", dir);
}

QtMessageHandler g_previousHandler = nullptr;

/// The offscreen platform (headless commands, screenshots) warns for each window that it cannot
/// do what only a window manager does. Those lines say nothing to the user; everything else
/// passes through.
void filterPlatformNoise(QtMsgType type, const QMessageLogContext &context, const QString &msg)
{
    if (type == QtWarningMsg
        && (msg == QLatin1String("This plugin does not support propagateSizeHints()")
            || msg == QLatin1String("This plugin does not support raise()")
            || msg == QLatin1String("This plugin does not support grabbing the keyboard")))
        return;
    if (g_previousHandler)
        g_previousHandler(type, context, msg);
    else
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, msg)));
}

/// Headless commands that draw (reports, screenshots) use the offscreen platform when there is
/// no display, so they work over SSH and in CI.
void preferOffscreenWithoutDisplay()
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

std::unique_ptr<QCoreApplication> makeApp(cli::AppKind kind, int &argc, char **argv)
{
    switch (kind) {
    case cli::AppKind::Core:
        return std::make_unique<QCoreApplication>(argc, argv);
    case cli::AppKind::Gui:
        preferOffscreenWithoutDisplay();
        return std::make_unique<QGuiApplication>(argc, argv);
    case cli::AppKind::Widgets:
        preferOffscreenWithoutDisplay();
        return std::make_unique<QApplication>(argc, argv);
    }
    return nullptr;
}

} // namespace

int netcaseMain(int argc, char **argv)
{
    describeApplication();
    ensureRuntimeDir();
    g_previousHandler = qInstallMessageHandler(filterPlatformNoise);
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);

    if (args.isEmpty())
        return runGui(argc, argv, QString(), false);
    const QString first = args.first();
    if (first == QLatin1String("--version") || first == QLatin1String("-V")) {
        cli::outLine(QStringLiteral("netcase %1").arg(QStringLiteral(NETCASE_VERSION)));
        return 0;
    }
    if (first == QLatin1String("--help") || first == QLatin1String("-h"))
        return cli::printHelp(QString());
    if (first == QLatin1String("help"))
        return cli::printHelp(args.value(1));
    if (first == QLatin1String("--review")) {
        if (args.size() != 2)
            return cli::fail(
                    makeError(QStringLiteral("usage: netcase --review CASE"), ErrorCode::Usage));
        return runGui(argc, argv, args.at(1), true);
    }
    if (const cli::Command *cmd = cli::findCommand(first)) {
        auto app = makeApp(cmd->app, argc, argv);
        // Scripts that ask for JSON get their errors as JSON too (docs/CLI.md).
        cli::setJsonErrors(args.contains(QStringLiteral("--json")));
        // Every command takes --key-file for an encrypted case; its working copy is saved
        // over the case file once the command has closed it.
        auto rest = cli::takeKeyFileOption(args.mid(1));
        if (!rest)
            return cli::fail(rest.error());
        const int code = cmd->run(*rest);
        if (Status saved = cli::finishEncryptedCases(); !saved.ok())
            return code != 0 ? code : cli::fail(saved.error());
        return code;
    }
    if (first.startsWith(QLatin1Char('-')) || args.size() > 1)
        return cli::fail(makeError(QStringLiteral("unknown command or option '%1'; see "
                                                  "'netcase --help'")
                                           .arg(first),
                                   ErrorCode::Usage));
    return runGui(argc, argv, first, false);
}

} // namespace netcase
