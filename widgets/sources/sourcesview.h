#pragma once

// The Sources dock: every file imported into the case with its format, SHA-256, counts, time
// span, who imported it and why records were rejected; a click on a source lists its rejected
// lines (line number, reason, the text as read) below, filtered by reason if wanted. Reads
// through CaseSummary and SourceStore; everything from the case is shown as plain text.

#include <QWidget>

class QComboBox;
class QLabel;
class QTableWidget;

namespace netcase {

class CaseSession;

class SourcesView : public QWidget
{
    Q_OBJECT
public:
    explicit SourcesView(QWidget *parent = nullptr);

    void setSession(CaseSession *session);
    QTableWidget *sourcesTable() const { return m_sources; }
    QTableWidget *rejectsTable() const { return m_rejects; }
    QComboBox *reasonBox() const { return m_reason; }

    /// Rejected lines listed for one source at most (the caption says when there are more).
    static constexpr int kMaxRejectsShown = 1000;

private:
    void reload();
    void showRejects();

    CaseSession *m_session = nullptr;
    QLabel *m_caption;
    QTableWidget *m_sources;
    QLabel *m_rejectsCaption;
    QComboBox *m_reason;
    QTableWidget *m_rejects;
};

} // namespace netcase
