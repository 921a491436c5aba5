#include "entry.h"

#include "cli/command.h"
#include "cli/help.h"
#include "cli/output.h"
#include "gui/guimain.h"

#include <QApplication>
#include <QCoreApplication>
#include <QGuiApplication>

#include <memory>

namespace netcase {

namespace {

void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Netcase"));
    QCoreApplication::setApplicationName(QStringLiteral("netcase"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NETCASE_VERSION));
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
        return cmd->run(args.mid(1));
    }
    if (first.startsWith(QLatin1Char('-')) || args.size() > 1)
        return cli::fail(makeError(QStringLiteral("unknown command or option '%1'; see "
                                                  "'netcase --help'")
                                           .arg(first),
                                   ErrorCode::Usage));
    return runGui(argc, argv, first, false);
}

} // namespace netcase
