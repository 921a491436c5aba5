#pragma once

// The case lifecycle of the main window: new, open (also for review), close, recent cases and
// imports. It owns the CaseSession; views learn about it through caseOpened/caseClosed.

#include "mainwindow/importrunner.h"

#include <QObject>
#include <QStringList>

#include <functional>

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

    /// Opens a case; on failure shows a dialog (unless quiet) and returns the message. An
    /// encrypted case needs passphrase, or asks for it (unless quiet).
    QString openCase(const QString &path,
                     bool review = false,
                     bool quiet = false,
                     bool readOnly = false,
                     const QByteArray &passphrase = {});
    void closeCase();
    /// Asked before the open case is closed (by Close, Open, New, or quitting); returns false to
    /// keep it open (an unrecorded decision draft the analyst chose to keep).
    void setCloseGuard(std::function<bool()> guard) { m_closeGuard = std::move(guard); }
    /// True when there is no case, or the guard lets it close.
    bool mayClose() const { return !m_session || !m_closeGuard || m_closeGuard(); }
    void importFiles(const QStringList &paths);

    QStringList recentCases() const;

public Q_SLOTS:
    /// Closes the case once the guard agrees (File → Close case).
    void closeCaseInteractive();
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
    std::function<bool()> m_closeGuard;
};

} // namespace netcase
