#include "cli/args.h"
#include "cli/casekey.h"
#include "cli/command.h"
#include "cli/output.h"

#include "accounts/accountsview.h"
#include "case/encryptedcase.h"
#include "events/eventsview.h"
#include "events/searchbar.h"
#include "findings/findingsview.h"
#include "ipdetails/ipdetailsview.h"
#include "items/accountlistmodel.h"
#include "items/eventtablemodel.h"
#include "items/findingsmodel.h"
#include "mainwindow/casecontroller.h"
#include "mainwindow/dockmanager.h"
#include "mainwindow/mainwindow.h"
#include "map/mapview.h"
#include "timeline/timelineview.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QPalette>
#include <QTableView>
#include <QThread>

namespace netcase::cli {

namespace {

void settle(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(10);
    }
}

/// Settles, then waits (a minute at most) for the views that read the case on worker threads,
/// so that a large case is captured loaded rather than half-drawn.
void settleViews(MainWindow &window, int ms)
{
    settle(ms);
    const auto busy = [&window] {
        const auto *timeline
                = qobject_cast<TimelineView *>(window.docks().view(QStringLiteral("timeline")));
        const auto *map = qobject_cast<MapView *>(window.docks().view(QStringLiteral("map")));
        const auto *accounts
                = qobject_cast<AccountsView *>(window.docks().view(QStringLiteral("accounts")));
        const auto *ip
                = qobject_cast<IpDetailsView *>(window.docks().view(QStringLiteral("ipdetails")));
        return window.docks().eventsView()->model()->isLoading()
               || (timeline && timeline->isLoading()) || (map && map->isLoading())
               || (accounts && (accounts->model()->isLoading() || accounts->isLoadingContext()))
               || (ip && ip->isLoading());
    };
    QElapsedTimer t;
    t.start();
    while (busy() && t.elapsed() < 60000)
        settle(50);
}

// A dark Fusion palette, to check that every view stays readable on dark desktops.
QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Mid, QColor(0x55, 0x57, 0x5c));
    p.setColor(QPalette::Midlight, QColor(0x44, 0x46, 0x4b));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    return p;
}

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("screenshot", argv,
                                   {{"out", true},
                                    {"width", true},
                                    {"height", true},
                                    {"finding", true},
                                    {"query", true},
                                    {"palette", true}},
                                   {.required = {"out"}});
    if (!args)
        return fail(args.error());
    auto width = args->number(QStringLiteral("width"), 1600);
    auto height = args->number(QStringLiteral("height"), 1000);
    if (!width || !height)
        return fail(!width ? width.error() : height.error());
    const QString outDir = args->value(QStringLiteral("out"));
    if (!QDir().mkpath(outDir))
        return fail(makeError(QStringLiteral("cannot create %1").arg(outDir)));

    const QString palette = args->value(QStringLiteral("palette"), QStringLiteral("default"));
    if (palette == QLatin1String("dark")) {
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(darkPalette());
    } else if (palette != QLatin1String("default")) {
        return fail(makeError(QStringLiteral("--palette: default or dark, not '%1'").arg(palette),
                              ErrorCode::Usage));
    }

    QByteArray passphrase;
    if (crypt::looksEncrypted(args->positional().first())) {
        auto pass = casePassphrase(args->positional().first(), false);
        if (!pass)
            return fail(pass.error());
        passphrase = *pass;
    }
    MainWindow window;
    window.docks().arrangeFor(QSize(int(*width), int(*height))); // as a screen of that size
    window.show();
    const QString err = window.controller().openCase(args->positional().first(), true, true, true,
                                                     passphrase);
    if (!err.isEmpty())
        return fail(makeError(err));
    settleViews(window, 800);
    if (args->has(QStringLiteral("finding"))) {
        // Open a finding as an analyst would (Enter in the findings view): every view follows.
        auto row = args->number(QStringLiteral("finding"), 1);
        auto *findings
                = qobject_cast<FindingsView *>(window.docks().view(QStringLiteral("findings")));
        if (!row || *row < 1 || !findings || *row > findings->model()->rowCount())
            return fail(makeError(QStringLiteral("--finding: no finding on row %1")
                                          .arg(args->value(QStringLiteral("finding"))),
                                  ErrorCode::Usage));
        findings->table()->selectRow(int(*row) - 1);
        findings->openRow(int(*row) - 1);
        settleViews(window, 800);
    }
    if (args->has(QStringLiteral("query"))) {
        // Typed into the Events search bar and confirmed, as an analyst would.
        SearchBar *bar = window.docks().eventsView()->searchBar();
        bar->setQuery(args->value(QStringLiteral("query")));
        settleViews(window, 800);
    }

    int written = 0;
    auto save = [&](QWidget *w, const QString &name) {
        const QString file = QDir(outDir).filePath(name + QStringLiteral(".png"));
        if (w->grab().save(file)) {
            outLine(file);
            ++written;
        } else {
            errLine(QStringLiteral("could not write %1").arg(file));
        }
    };
    save(&window, QStringLiteral("main"));
    // Each view on its own, large enough to read: float it and give it the window's size.
    for (const DockManager::View &v : window.docks().views()) {
        if (v.dock) {
            v.dock->setFloating(true);
            v.dock->show();
            v.dock->resize(int(*width) * 3 / 4, int(*height) * 3 / 4);
            settle(300);
            save(v.widget, v.id);
        } else {
            save(v.widget, v.id);
        }
    }
    return written > 0 ? 0 : 2;
}

} // namespace

extern const Command kScreenshotCommand
        = {"screenshot",
           "screenshot CASE --out DIR [--width W] [--height H] [--finding ROW] [--query Q] "
           "[--palette dark]",
           "render the main window and each view of a case to PNG without a display",
           "Opens the case read-only in an offscreen window, then writes main.png (the whole\n"
           "window) and one PNG per view (events.png, timeline.png, map.png, ...) into DIR.\n"
           "--finding ROW first opens the finding on that row of the findings view (1 = the\n"
           "most severe), so every view shows its evidence. --query Q types Q into the Events\n"
           "search bar and confirms it. --palette dark renders with a dark\n"
           "Fusion palette, to check that every view stays readable on dark desktops.",
           AppKind::Widgets,
           &run};

} // namespace netcase::cli
