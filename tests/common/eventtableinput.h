#pragma once

// Driving the event table in widget tests: waiting for its model's load, the centre of a cell,
// and a right-click that opens the context menu on the offscreen platform. Header-only: the
// tests that include it link the items and widgets libraries; netcase_testcommon does not.

#include "items/eventtablemodel.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

namespace netcase::test {

/// True once the model has its rows (waits up to 30 s for a load in flight).
inline bool loaded(EventTableModel &model)
{
    if (!model.isLoading())
        return true;
    QSignalSpy spy(&model, &EventTableModel::loaded);
    return spy.wait(30000) && !model.isLoading();
}

inline QPoint cellCenter(QTableView *table, int row, int column)
{
    return table->visualRect(table->model()->index(row, column)).center();
}

/// A right-click on a cell. The offscreen platform does not turn a right mouse press into a
/// context menu event (the window system does that), so the event it would deliver is sent.
inline void rightClick(QTableView *table, const QPoint &pos)
{
    QTest::mouseClick(table->viewport(), Qt::RightButton, {}, pos);
    QContextMenuEvent event(QContextMenuEvent::Mouse, pos, table->viewport()->mapToGlobal(pos));
    QApplication::sendEvent(table->viewport(), &event);
}

} // namespace netcase::test
