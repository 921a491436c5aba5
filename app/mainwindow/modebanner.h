#pragma once

// A full-width banner across the top of the main window while a case is open for review or
// read-only, so the mode is seen at a glance (with the window title), not only in the status
// bar. Hidden for an ordinary, writable case.

#include <QToolBar>

class QLabel;

namespace netcase {

class CaseSession;

class ModeBanner : public QToolBar
{
    Q_OBJECT
public:
    explicit ModeBanner(QWidget *parent = nullptr);

    /// Shows the banner for the session's mode (none for a writable case or no case).
    void showFor(const CaseSession *session);
    QString text() const;

private:
    QLabel *m_label;
};

} // namespace netcase
