#pragma once

// What the event-table tests start from: a case opened for writing, shown in an EventsView of
// 1000x500 with its rows loaded. Header-only, like eventtableinput.h (the widget tests link the
// widgets library; netcase_testcommon does not).

#include "common/eventtableinput.h"

#include "case/casefile.h"
#include "case/casesession.h"
#include "events/eventsview.h"
#include "items/selectionhub.h"

#include <QTest>

#include <memory>

namespace netcase::test {

class ShownEvents
{
public:
    explicit ShownEvents(const QString &path)
    {
        auto c = CaseFile::open(path);
        if (!c) {
            qWarning("cannot open %s: %s", qPrintable(path), qPrintable(c.error().message));
            return;
        }
        session = std::make_unique<CaseSession>(std::move(*c), false);
        view = std::make_unique<EventsView>(hub);
        view->resize(1000, 500);
        view->show();
        view->setSession(session.get());
        m_ok = QTest::qWaitForWindowExposed(view.get()) && loaded(*view->model());
    }
    bool ok() const { return m_ok; }

    // Declared in this order so that the view goes first and the session last.
    std::unique_ptr<CaseSession> session;
    SelectionHub hub;
    std::unique_ptr<EventsView> view;

private:
    bool m_ok = false;
};

} // namespace netcase::test
