#pragma once

// The views of the workbench: the event table in the centre and every other view in a dock.
// Views are registered here once; the layout is saved and restored with the window state.

#include <QList>
#include <QObject>
#include <QSize>
#include <QString>

#include <functional>

class QDockWidget;
class QMainWindow;
class QMenu;
class QWidget;

namespace netcase {

class CaseSession;
class EventsView;
class SelectionHub;

class DockManager : public QObject
{
    Q_OBJECT
public:
    DockManager(QMainWindow &window, SelectionHub &hub);

    EventsView *eventsView() const { return m_events; }

    struct View
    {
        QString id; ///< object name, used for layout state and screenshots
        QString title;
        QWidget *widget = nullptr;
        QDockWidget *dock = nullptr; ///< null for the central view
        std::function<void(CaseSession *)> setSession;
    };
    const QList<View> &views() const { return m_views; }
    QWidget *view(const QString &id) const;
    QDockWidget *dock(const QString &id) const;
    /// Puts every dock back in the default layout for the window's current height (View →
    /// Reset layout; the window arranges once when it is built). Below 900 pixels the right
    /// column's views share one group of tabs.
    void arrangeDefault();
    /// Gives the window that size and the default layout for it (a saved layout may need a
    /// taller window than the screen has).
    void arrangeFor(QSize size);

    void setSession(CaseSession *session);
    /// Adds a toggle for each dock to the menu.
    void fillViewMenu(QMenu &menu) const;

private:
    void addDock(const QString &id,
                 const QString &title,
                 QWidget *widget,
                 int area,
                 std::function<void(CaseSession *)> setSession);

    QMainWindow &m_window;
    SelectionHub &m_hub;
    EventsView *m_events;
    QList<View> m_views;
};

} // namespace netcase
