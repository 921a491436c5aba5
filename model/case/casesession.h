#pragma once

// The case as the GUI sees it: the open CaseFile on the GUI thread (for reads and small writes)
// plus change notification after imports, enrichment and analysis, which run in workers on
// their own connections. For an encrypted case the file is the plaintext working copy and each
// change notification is a save point (model/case/encryptedcase.h).

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
    /// The database file (an encrypted case's working copy: see casePath()).
    QString path() const { return m_case.path(); }
    /// The case file the user opened.
    QString casePath() const { return m_case.casePath(); }
    QString title() const;
    bool readOnly() const { return m_case.readOnly() || m_reviewMode; }
    bool reviewMode() const { return m_reviewMode; }
    QString readOnlyReason() const { return m_case.readOnlyReason(); }

    /// A further connection for a worker thread (writable unless the session is read-only).
    Result<CaseFile> openWorkerConnection() const;

    /// Tell every view that the case's data changed (after a worker committed). A save point:
    /// an encrypted case's working copy is encrypted over the case file.
    void notifyChanged();
    /// Tell the views that show notes (the event table's notes column, the Notes view) that
    /// notes or saved searches changed; lighter than changed(), which reloads every view. Also a
    /// save point.
    void notifyNotesChanged();
    /// Encrypts an encrypted case's working copy over its case file (nothing for a plain or
    /// read-only case); a failure is also told through saveFailed.
    Status save();

Q_SIGNALS:
    void changed();
    void notesChanged();
    /// An encrypted case could not be saved; the last saved version of the file is kept.
    void saveFailed(const QString &message);

private:
    CaseFile m_case;
    bool m_reviewMode;
};

} // namespace netcase
