#include "guimain.h"

#include "mainwindow/casecontroller.h"
#include "mainwindow/mainwindow.h"

#include <QApplication>
#include <QIcon>

#include <cstdio>
#include <cstdlib>

namespace netcase {

namespace {

QtMessageHandler g_qtHandler = nullptr;

/// Qt reports a window system it cannot reach (no DISPLAY over SSH, a dead X server) with
/// qFatal, which aborts. While the application starts, such a failure ends the process with a
/// message that says what to do and the data-error exit code instead.
void reportPlatformFailure(QtMsgType type, const QMessageLogContext &context, const QString &msg)
{
    if (type != QtFatalMsg) {
        if (g_qtHandler)
            g_qtHandler(type, context, msg);
        return;
    }
    const QByteArray display = qgetenv("DISPLAY");
    std::fprintf(stderr,
                 "netcase: the workbench cannot start: no window system could be reached "
                 "(DISPLAY=%s).\n"
                 "Every command works without one (see 'netcase --help'); on a machine without "
                 "a display, run the workbench as 'xvfb-run -a netcase CASE'.\n",
                 display.isEmpty() ? "<not set>" : display.constData());
    std::fflush(stderr);
    std::_Exit(2);
}

} // namespace

int runGui(int &argc, char **argv, const QString &casePath, bool review)
{
    g_qtHandler = qInstallMessageHandler(reportPlatformFailure);
    QApplication app(argc, argv);
    qInstallMessageHandler(g_qtHandler);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/netcase.svg")));
    QApplication::setDesktopFileName(QStringLiteral("org.netcase.Netcase"));
    MainWindow window;
    window.show();
    if (!casePath.isEmpty())
        window.controller().openCase(casePath, review);
    return app.exec();
}

} // namespace netcase
