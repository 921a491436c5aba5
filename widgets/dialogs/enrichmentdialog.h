#pragma once

// Case → Enrichment sources…: the databases and lists Netcase uses (configured in the settings
// or found in the usual places) with their type, build date, SHA-256 and staleness, the sources
// the open case has recorded, and "Re-enrich", which runs in a worker (a JobRunner) on its own
// connection.

#include "enrich/geodatasettings.h"
#include "jobs/jobrunner.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace netcase {

class CaseSession;

class EnrichmentDialog : public QDialog
{
    Q_OBJECT
public:
    /// session may be null (no case open): then only the settings can be edited.
    explicit EnrichmentDialog(CaseSession *session, QWidget *parent = nullptr);
    ~EnrichmentDialog() override;

    /// Starts re-enrichment of the whole case with the listed sources.
    void reEnrich();
    bool running() const { return m_job.running(); }

Q_SIGNALS:
    void finished(bool ok, const QString &message);

private:
    void addDatabase();
    void addAsnCsv();
    void addList();
    void removeSelected();
    void refresh();
    void fillCaseSources();
    void onProgress(int percent);
    void onDone(const QString &message, bool ok);

    CaseSession *m_session;
    GeodataSettings m_settings;
    QLabel *m_notice;
    QTreeWidget *m_sources;
    QTreeWidget *m_recorded;
    QCheckBox *m_usual;
    QPushButton *m_remove;
    QPushButton *m_reEnrich;
    QProgressBar *m_progress;
    QLabel *m_status;
    /// The summary (or the error) to show, and progress in percent.
    JobRunner<QString, int> m_job;
};

} // namespace netcase
