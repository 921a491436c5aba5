#pragma once

// Menus, actions and their shortcuts. Each action forwards to the object that owns the work
// (the case controller, the selection hub); nothing here holds state of its own.

#include <QObject>

class QAction;
class QMainWindow;
class QMenu;

namespace netcase {

class CaseController;
class DockManager;
class ClusterPuller;
class RetentionActions;
class TimeZoneAction;
class IntelImporter;
class SelectionHub;

class MainActions : public QObject
{
    Q_OBJECT
public:
    MainActions(QMainWindow &window,
                CaseController &controller,
                DockManager &docks,
                SelectionHub &hub);

    QMenu *fileMenu() const { return m_file; }
    QMenu *caseMenu() const { return m_case; }
    QMenu *viewMenu() const { return m_view; }
    QAction *importAction() const { return m_import; }
    /// Case → Import intelligence… (tests drive it without the file dialog).
    IntelImporter *intelImporter() const { return m_intel; }
    ClusterPuller *clusterPuller() const { return m_pull; }
    RetentionActions *retention() const { return m_retention; }
    TimeZoneAction *timeZone() const { return m_timeZone; }

    /// Enables what makes sense for the current case (none, writable, read-only).
    void updateState();

private:
    void fillRecent();

    QMainWindow &m_window;
    CaseController &m_controller;
    SelectionHub &m_hub;
    QMenu *m_file = nullptr;
    QMenu *m_recent = nullptr;
    QMenu *m_case = nullptr;
    QMenu *m_view = nullptr;
    QAction *m_import = nullptr;
    IntelImporter *m_intel = nullptr;
    ClusterPuller *m_pull = nullptr;
    RetentionActions *m_retention = nullptr;
    TimeZoneAction *m_timeZone = nullptr;
    QAction *m_exportTable = nullptr;
    QAction *m_close = nullptr;
    QAction *m_back = nullptr;
    QAction *m_forward = nullptr;
};

} // namespace netcase
