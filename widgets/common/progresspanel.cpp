#include "progresspanel.h"

#include "common/safetext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace netcase {

ProgressPanel::ProgressPanel(QWidget *parent)
    : QWidget(parent)
    , m_label(ui::plainLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
{
    setObjectName(QStringLiteral("progressPanel"));
    m_bar->setRange(0, 1000);
    m_bar->setMaximumWidth(220);
    m_bar->setTextVisible(false);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setToolTip(tr("Stop and leave the case exactly as it was (Esc)"));
    auto *l = new QHBoxLayout(this);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(m_label);
    l->addWidget(m_bar);
    l->addWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, &ProgressPanel::cancelRequested);
    hide();
}

void ProgressPanel::start(const QString &what)
{
    m_what = what;
    m_clock.start();
    m_bar->setValue(0);
    ui::setPlainText(m_label, what);
    m_cancel->setEnabled(true);
    show();
}

void ProgressPanel::setBytes(qint64 done, qint64 total, const QString &detail)
{
    m_bar->setValue(total > 0 ? int(1000 * done / total) : 0);
    const double secs = std::max<qint64>(1, m_clock.elapsed()) / 1000.0;
    ui::setPlainText(m_label, tr("%1 %2: %3 of %4 MB, %5 MB/s")
                                      .arg(m_what, detail)
                                      .arg(done / 1e6, 0, 'f', 1)
                                      .arg(total / 1e6, 0, 'f', 1)
                                      .arg(done / 1e6 / secs, 0, 'f', 1));
}

void ProgressPanel::setPercent(int percent, const QString &detail)
{
    m_bar->setValue(percent * 10);
    ui::setPlainText(m_label, QStringLiteral("%1: %2").arg(m_what, detail));
}

void ProgressPanel::finish()
{
    hide();
}

} // namespace netcase
