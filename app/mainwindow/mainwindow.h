#pragma once

// The workbench window. It only wires its parts together: the case lifecycle (CaseController),
// the views (DockManager), menus and shortcuts (MainActions), the shared selection
// (SelectionHub) and the status bar. Each concern lives in its own class.

#include <QMainWindow>

class QLabel;

namespace netcase {

class CaseController;
class CaseSession;
class DockManager;
class MainActions;
class ModeBanner;
class ProgressPanel;
class SelectionHub;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    CaseController &controller() const { return *m_controller; }
    DockManager &docks() const { return *m_docks; }
    SelectionHub &hub() const { return *m_hub; }
    MainActions &actions() const { return *m_actions; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void onCaseOpened(CaseSession *session);
    void onCaseClosed();
    void updateStatus();
    void updateTitle();

    SelectionHub *m_hub;
    CaseController *m_controller;
    DockManager *m_docks;
    MainActions *m_actions;
    ProgressPanel *m_progress;
    QLabel *m_counts;
    QLabel *m_mode;
    ModeBanner *m_banner = nullptr;
};

} // namespace netcase
