#pragma once

// The case as the GUI sees it: the open CaseFile on the GUI thread (for reads and small writes)
// plus change notification after imports, enrichment and analysis, which run in workers on
// their own connections.

#include "case/casefile.h"

#include <QObject>

namespace netcase {

class CaseSession : public QObject
{
    Q_OBJECT
public:
    CaseSession(CaseFile caseFile, bool reviewMode, QObject *parent = nullptr);
    ~CaseSession() override;

    CaseFile &caseFile() { return m_case; }
    const CaseFile &caseFile() const { return m_case; }
    const Database &db() const { return m_case.db(); }
    Database &db() { return m_case.db(); }
    QString path() const { return m_case.path(); }
    QString title() const;
    bool readOnly() const { return m_case.readOnly() || m_reviewMode; }
    bool reviewMode() const { return m_reviewMode; }
    QString readOnlyReason() const { return m_case.readOnlyReason(); }

    /// A further connection for a worker thread (writable unless the session is read-only).
    Result<CaseFile> openWorkerConnection() const;

    /// Tell every view that the case's data changed (after a worker committed).
    void notifyChanged();
    /// Tell the views that show notes (the event table's notes column, the Notes view) that
    /// notes or saved searches changed; lighter than changed(), which reloads every view.
    void notifyNotesChanged() { Q_EMIT notesChanged(); }

Q_SIGNALS:
    void changed();
    void notesChanged();

private:
    CaseFile m_case;
    bool m_reviewMode;
};

} // namespace netcase
