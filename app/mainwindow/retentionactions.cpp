#include "retentionactions.h"

#include "case/casesession.h"
#include "common/safetext.h"
#include "core/identity.h"
#include "mainwindow/casecontroller.h"
#include "mainwindow/jobprogress.h"

#include <QAction>
#include <QDate>
#include <QInputDialog>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>

namespace netcase {

namespace {

QString purgeSummary(const retention::PurgeResult &r)
{
    const QLocale loc;
    return QObject::tr("Purged %1 events, %2 raw-record blocks and %3 rejects. Findings, "
                       "decisions, reviews, notes and the audit trail are kept (recorded as "
                       "case.purge). The file went from %4 to %5.")
            .arg(loc.toString(qlonglong(r.events)), loc.toString(qlonglong(r.rawBlocks)),
                 loc.toString(qlonglong(r.rejects)), loc.formattedDataSize(r.bytesBefore),
                 loc.formattedDataSize(r.bytesAfter));
}

} // namespace

RetentionActions::RetentionActions(QWidget *window, CaseController &controller, QMenu *caseMenu)
    : QObject(window)
    , m_window(window)
    , m_controller(controller)
    , m_preserve(caseMenu->addAction(tr("Pre&serve for incident…")))
    , m_purge(caseMenu->addAction(tr("P&urge past-retention records…")))
    , m_job([this](Result<retention::PurgeResult> r) { purged(std::move(r)); })
{
    m_preserve->setObjectName(QStringLiteral("casePreserve"));
    m_purge->setObjectName(QStringLiteral("casePurge"));
    connect(m_preserve, &QAction::triggered, this, &RetentionActions::preserveInteractive);
    connect(m_purge, &QAction::triggered, this, &RetentionActions::purgeInteractive);
    connect(&controller, &CaseController::caseOpened, this, &RetentionActions::update);
    connect(&controller, &CaseController::caseClosed, this, &RetentionActions::update);
    update();
}

RetentionActions::~RetentionActions() = default; // the runner waits for a purge in flight

void RetentionActions::update()
{
    CaseSession *s = m_controller.session();
    const bool writable = s && !s->readOnly() && !busy();
    const bool preserved = s && retention::preservation(s->db()).preserved;
    m_preserve->setText(preserved ? tr("Relea&se preservation…") : tr("Pre&serve for incident…"));
    m_preserve->setToolTip(preserved ? tr("Allow the purge again once the retention date passes")
                                     : tr("Keep every record of this case past its retention "
                                          "date (an incident, a legal hold)"));
    m_preserve->setEnabled(writable);
    m_purge->setEnabled(writable);
    const QString refusal = s ? retention::purgeRefusal(s->db(), QDate::currentDate()) : QString();
    m_purge->setToolTip(refusal.isEmpty() ? tr("Remove the events, raw records and rejects of a "
                                               "case past its retention date")
                                          : refusal);
}

Status RetentionActions::setPreserved(bool preserve, const QString &reason)
{
    CaseSession *s = m_controller.session();
    if (!s)
        return makeError(tr("No case is open."), ErrorCode::Usage);
    Status st = retention::setPreserved(s->db(), preserve, reason, currentUserName());
    if (st.ok())
        s->notifyChanged();
    update();
    return st;
}

void RetentionActions::preserveInteractive()
{
    CaseSession *s = m_controller.session();
    if (!s)
        return;
    const bool preserve = !retention::preservation(s->db()).preserved;
    bool ok = false;
    const QString reason = QInputDialog::getText(
            m_window, preserve ? tr("Preserve for incident") : tr("Release preservation"),
            preserve ? tr("Why must this case be kept past its retention date (incident, legal "
                          "hold, ticket)? Recorded in the audit trail.")
                     : tr("Why may this case be purged again? Recorded in the audit trail."),
            QLineEdit::Normal, QString(), &ok);
    if (!ok)
        return;
    if (reason.trimmed().isEmpty()) {
        ui::showMessage(m_window, QMessageBox::Warning, tr("Preserve for incident"),
                        tr("A reason is required: nothing was changed."));
        return;
    }
    if (Status st = setPreserved(preserve, reason.trimmed()); !st.ok())
        ui::showMessage(m_window, QMessageBox::Warning, tr("Preserve for incident"),
                        st.error().message);
}

void RetentionActions::purgeInteractive()
{
    CaseSession *s = m_controller.session();
    if (!s || busy())
        return;
    const QString refusal = retention::purgeRefusal(s->db(), QDate::currentDate());
    if (!refusal.isEmpty()) {
        ui::showMessage(m_window, QMessageBox::Information, tr("Purge past-retention records"),
                        tr("The purge is refused: %1").arg(refusal));
        return;
    }
    QMessageBox ask(QMessageBox::Warning, tr("Purge past-retention records"),
                    tr("The case is past its retention date (%1). The purge removes its "
                       "events, raw records and rejects for good; findings, decisions, reviews, "
                       "notes and the audit trail are kept. Purge now?")
                            .arg(s->caseFile().info().retentionDate),
                    QMessageBox::Cancel, m_window);
    ask.setTextFormat(Qt::PlainText);
    QPushButton *go = ask.addButton(tr("Purge"), QMessageBox::DestructiveRole);
    ask.setDefaultButton(QMessageBox::Cancel);
    ask.exec();
    if (ask.clickedButton() == go)
        startPurge();
}

void RetentionActions::startPurge()
{
    CaseSession *s = m_controller.session();
    if (!s || busy())
        return;
    auto conn = std::make_shared<Result<CaseFile>>(s->openWorkerConnection());
    m_dialog = jobProgressDialog(m_window, QStringLiteral("purgeProgress"),
                                 tr("Purge past-retention records"),
                                 tr("Purging and compacting the case…"), 0);
    m_dialog->setCancelButton(nullptr); // one transaction, then VACUUM: nothing to cancel
    const QString actor = currentUserName();
    m_job.start([conn, actor](JobContext<int> &) -> Result<retention::PurgeResult> {
        if (!*conn)
            return conn->error();
        return retention::purge(conn->value(), actor, QDate::currentDate());
    });
    update();
}

void RetentionActions::purged(Result<retention::PurgeResult> r)
{
    if (m_dialog) {
        m_dialog->close();
        m_dialog->deleteLater();
    }
    if (CaseSession *s = m_controller.session())
        s->notifyChanged();
    update();
    const QString text = r ? purgeSummary(*r) : tr("The purge failed: %1").arg(r.error().message);
    if (m_showMessages && m_window && m_window->isVisible())
        ui::showMessage(m_window, r ? QMessageBox::Information : QMessageBox::Warning,
                        tr("Purge past-retention records"), text);
    Q_EMIT finished(bool(r), text);
}

} // namespace netcase
