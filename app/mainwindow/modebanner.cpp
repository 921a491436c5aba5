#include "modebanner.h"

#include "case/casesession.h"
#include "common/safetext.h"

#include <QDate>
#include <QLabel>

namespace netcase {

ModeBanner::ModeBanner(QWidget *parent)
    : QToolBar(tr("Case mode"), parent)
    , m_label(ui::plainLabel(this))
{
    setObjectName(QStringLiteral("modeBanner"));
    setMovable(false);
    setFloatable(false);
    toggleViewAction()->setVisible(false); // not something to switch off by mistake
    m_label->setObjectName(QStringLiteral("modeBannerText"));
    m_label->setContentsMargins(6, 1, 6, 1); // one line: the window must still fit 1366x768
    setContentsMargins(0, 0, 0, 0);
    m_label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    addWidget(m_label);
    hide();
}

namespace {

/// "" unless the case is past its retention date with its records neither purged nor preserved.
QString retentionWarning(const CaseSession &session)
{
    const CaseInfo info = session.caseFile().info();
    const QDate until = QDate::fromString(info.retentionDate, Qt::ISODate);
    if (!until.isValid() || until >= QDate::currentDate() || !info.purgedAt.isEmpty()
        || !info.preserveReason.isEmpty())
        return {};
    return ModeBanner::tr("RETENTION — this case was to be kept until %1. Purge its past-retention "
                          "records (Case → Purge…) or preserve it for an incident.")
            .arg(info.retentionDate);
}

} // namespace

void ModeBanner::showFor(const CaseSession *session)
{
    const QString retention = session ? retentionWarning(*session) : QString();
    if (session && !session->reviewMode() && !session->readOnly() && !retention.isEmpty()) {
        m_label->setStyleSheet(
                QStringLiteral("QLabel { background: #a0281e; color: white; font-weight: bold; }"));
        ui::setPlainText(m_label, retention);
        show();
        return;
    }
    if (!session || (!session->reviewMode() && !session->readOnly())) {
        hide();
        return;
    }
    const bool review = session->reviewMode();
    // Strong colours that read the same in light and dark themes: white on dark.
    const QString bg = review ? QStringLiteral("#6a3fa0") : QStringLiteral("#8a5a00");
    m_label->setStyleSheet(
            QStringLiteral("QLabel { background: %1; color: white; font-weight: bold; }").arg(bg));
    QString text = review ? tr("REVIEW MODE — you are reviewing this case: only reviews can be "
                               "recorded; imports, analysis, enrichment and decisions are off.")
                          : tr("READ-ONLY — this case cannot be changed here.");
    if (!session->readOnlyReason().isEmpty())
        text += QLatin1Char(' ') + session->readOnlyReason();
    if (!retention.isEmpty())
        text += QLatin1Char(' ') + retention;
    ui::setPlainText(m_label, text);
    show();
}

QString ModeBanner::text() const
{
    return m_label->text();
}

} // namespace netcase
