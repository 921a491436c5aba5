#pragma once

// Case → Time zone…: the zone the case's times are shown in (model/case/casezone.h, the same
// call as `netcase timezone CASE ZONE`). The choice is stored in the case and audited; every
// view, the report and the notes then show times in it, with the zone named in their headers.
// Stored times and data exports stay UTC. Opening a case shows its zone; closing it, UTC.

#include "core/result.h"

#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace netcase {

class CaseController;

class TimeZoneAction : public QObject
{
    Q_OBJECT
public:
    TimeZoneAction(QWidget *window, CaseController &controller, QMenu *caseMenu);

    QAction *action() const { return m_action; }
    /// Stores and shows the zone given as text (the dialog's path without the dialog).
    Status apply(const QString &zone);

private:
    void chooseInteractive();
    void caseOpened();
    void update();

    QWidget *m_window;
    CaseController &m_controller;
    QAction *m_action;
};

} // namespace netcase
