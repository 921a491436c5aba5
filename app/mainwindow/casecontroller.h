#pragma once

// The case lifecycle of the main window: new, open (also for review), close, recent cases and
// imports. It owns the CaseSession; views learn about it through caseOpened/caseClosed.

#include "mainwindow/importrunner.h"

#include <QObject>
#include <QStringList>

#include <memory>

class QWidget;

namespace netcase {

class CaseSession;

class CaseController : public QObject
{
    Q_OBJECT
public:
    explicit CaseController(QWidget *window);
    ~CaseController() override;

    CaseSession *session() const { return m_session.get(); }
    ImportRunner &importRunner() { return m_import; }

    /// Opens a case; on failure shows a dialog (unless quiet) and returns the message.
    QString
    openCase(const QString &path, bool review = false, bool quiet = false, bool readOnly = false);
    void closeCase();
    void importFiles(const QStringList &paths);

    QStringList recentCases() const;

public Q_SLOTS:
    void newCaseInteractive();
    void openCaseInteractive();
    void reviewCaseInteractive();
    void importInteractive();

Q_SIGNALS:
    void caseOpened(netcase::CaseSession *session);
    void caseClosed();
    void recentChanged();
    void message(const QString &text, int timeoutMs);

private:
    void addRecent(const QString &path);
    void importFinished(const ImportOutcome &outcome);

    QWidget *m_window;
    std::unique_ptr<CaseSession> m_session;
    ImportRunner m_import;
};

} // namespace netcase
