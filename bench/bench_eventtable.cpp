// How the virtualised event table behaves on a large case: time to open (load the ordered ids),
// to show the first screen, to jump to the end, per scroll step (a screen of 40 rows), and per
// change of filter (a selection in another view), each with the time the GUI thread was busy;
// then the case summary (status bar), the accounts list and the busiest account's context.
//   bench_eventtable CASE

#include "case/casesession.h"
#include "case/casesummary.h"
#include "items/accountcontext.h"
#include "items/accountlistmodel.h"
#include "items/eventtablemodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

using namespace netcase;

namespace {

/// Runs the event loop until the table's ids are in place; returns the milliseconds waited.
double waitLoaded(EventTableModel &m)
{
    QElapsedTimer t;
    t.start();
    if (m.isLoading()) {
        QEventLoop loop;
        QObject::connect(&m, &EventTableModel::loaded, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return t.nsecsElapsed() / 1e6;
}

double touchScreen(EventTableModel &m, int firstRow, int rows)
{
    QElapsedTimer t;
    t.start();
    for (int r = firstRow; r < std::min(m.rowCount(), firstRow + rows); ++r) {
        for (int c = 0; c < EventTableModel::ColumnCount; ++c)
            (void)m.data(m.index(r, c));
    }
    return t.nsecsElapsed() / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: bench_eventtable CASE\n");
        return 1;
    }
    CaseFile::OpenOptions o;
    o.readOnly = true;
    auto c = CaseFile::open(QString::fromLocal8Bit(argv[1]), o);
    if (!c) {
        std::fprintf(stderr, "%s\n", qPrintable(c.error().message));
        return 2;
    }
    CaseSession session(std::move(c.value()), true);
    EventTableModel model;
    QElapsedTimer t;
    t.start();
    model.setSession(&session);
    const double openBlockedMs = t.nsecsElapsed() / 1e6;
    waitLoaded(model);
    const double openMs = t.nsecsElapsed() / 1e6;
    const int rows = model.rowCount();
    const double firstMs = touchScreen(model, 0, 40);
    const double endMs = touchScreen(model, rows - 40, 40);

    // Scrolling: 2,000 steps of 3 rows (a wheel notch), then random jumps (dragging the bar).
    std::vector<double> steps;
    steps.reserve(2000);
    for (int i = 0, r = rows / 2; i < 2000; ++i, r += 3)
        steps.push_back(touchScreen(model, r % (rows - 40), 40));
    std::mt19937 rng(7);
    std::vector<double> jumps;
    jumps.reserve(200);
    for (int i = 0; i < 200; ++i)
        jumps.push_back(touchScreen(model, int(rng() % unsigned(rows - 40)), 40));
    auto pct = [](std::vector<double> v, double p) {
        std::sort(v.begin(), v.end());
        return v[size_t(p * double(v.size() - 1))];
    };
    t.restart();
    model.sort(EventTableModel::Time, Qt::DescendingOrder);
    const double sortMs = t.nsecsElapsed() / 1e6;

    // What a selection in another view costs: the table reloads its ids for the new filter.
    const EventRow *middle = model.rowAt(rows / 2);
    EventFilter byIp, byUser, byHalf, failures;
    if (middle) {
        byIp.ips << QString::fromStdString(middle->event.sourceIp);
        if (!middle->event.userName.empty())
            byUser.users << QString::fromStdString(middle->event.userName);
    }
    const EventRow *first = model.rowAt(rows - 1), *last = model.rowAt(0); // descending
    if (first && last) {
        byHalf.fromUs = first->event.timestampUs
                        + (last->event.timestampUs - first->event.timestampUs) / 4;
        byHalf.toUs = first->event.timestampUs
                      + (last->event.timestampUs - first->event.timestampUs) * 3 / 4;
    }
    failures.outcome = int(Outcome::Failure);
    struct Named
    {
        const char *name;
        EventFilter filter;
    };
    for (const Named &f :
         {Named{"filter: one address", byIp}, Named{"filter: one account", byUser},
          Named{"filter: middle half of the time", byHalf}, Named{"filter: failures", failures},
          Named{"filter: none", EventFilter{}}}) {
        if (f.filter.isEmpty() && std::string_view(f.name) != "filter: none")
            continue;
        t.restart();
        model.setFilter(f.filter);
        const double blockedMs = t.nsecsElapsed() / 1e6;
        waitLoaded(model);
        std::printf("%-32s %6.1f ms until loaded (GUI thread busy %.1f ms), %d rows\n", f.name,
                    t.nsecsElapsed() / 1e6, blockedMs, model.rowCount());
    }
    t.restart();
    const CaseSummary summary = CaseSummary::read(session.caseFile());
    const double summaryMs = t.nsecsElapsed() / 1e6;
    std::printf("rows                 %d\n", rows);
    std::printf("case summary         %.1f ms (status bar: %lld events, %lld accounts)\n",
                summaryMs, static_cast<long long>(summary.events),
                static_cast<long long>(summary.distinctUsers));
    std::printf("open (load ids)      %.1f ms until loaded (GUI thread busy %.1f ms)\n", openMs,
                openBlockedMs);
    std::printf("first screen         %.2f ms\n", firstMs);
    std::printf("jump to end          %.2f ms\n", endMs);
    std::printf("scroll step (3 rows) median %.3f ms, p99 %.3f ms, max %.3f ms\n", pct(steps, 0.5),
                pct(steps, 0.99), pct(steps, 1.0));
    std::printf("random jump          median %.2f ms, p99 %.2f ms, max %.2f ms\n", pct(jumps, 0.5),
                pct(jumps, 0.99), pct(jumps, 1.0));
    std::printf("sort by time desc    %.1f ms\n", sortMs);

    // The accounts view on the same case: its list (a grouped scan, on a worker) and the
    // context of the busiest account (on the GUI thread when the analyst picks it).
    AccountListModel accounts;
    t.restart();
    accounts.setSession(&session);
    const double accountsBlockedMs = t.nsecsElapsed() / 1e6;
    if (accounts.isLoading()) {
        QEventLoop loop;
        QObject::connect(&accounts, &AccountListModel::loaded, &loop, &QEventLoop::quit);
        loop.exec();
    }
    std::printf(
            "account list         %.1f ms until loaded (GUI thread busy %.1f ms), %d accounts\n",
            t.nsecsElapsed() / 1e6, accountsBlockedMs, accounts.rowCount());
    if (const AccountListModel::Row *busiest = accounts.rowAt(0)) {
        t.restart();
        const auto context = AccountContext::load(session.db(), busiest->account);
        std::printf("account context      %.1f ms on a worker (%s, %lld events)\n",
                    t.nsecsElapsed() / 1e6, qPrintable(busiest->account),
                    static_cast<long long>(busiest->events));
        if (!context)
            std::printf("  failed: %s\n", qPrintable(context.error().message));
    }
    return 0;
}
