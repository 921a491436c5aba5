#include "guimain.h"

#include "mainwindow/casecontroller.h"
#include "mainwindow/mainwindow.h"

#include <QApplication>
#include <QIcon>

namespace netcase {

int runGui(int &argc, char **argv, const QString &casePath, bool review)
{
    QApplication app(argc, argv);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/netcase.svg")));
    QApplication::setDesktopFileName(QStringLiteral("org.netcase.Netcase"));
    MainWindow window;
    window.show();
    if (!casePath.isEmpty())
        window.controller().openCase(casePath, review);
    return app.exec();
}

} // namespace netcase
