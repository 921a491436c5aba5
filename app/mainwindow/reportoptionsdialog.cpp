#include "reportoptionsdialog.h"

#include "common/safetext.h"
#include "core/severity.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace netcase {

ReportOptionsDialog::ReportOptionsDialog(ReportFormat format, QWidget *parent)
    : QDialog(parent)
    , m_minSeverity(new QComboBox(this))
{
    setWindowTitle(tr("Report options"));
    setObjectName(QStringLiteral("reportOptions"));
    m_minSeverity->setObjectName(QStringLiteral("minSeverity"));
    const QString byDefault
            = format == ReportFormat::Pdf
                      ? tr("Default: medium and above, raised until at most %1 undecided "
                           "findings are in full")
                                .arg(ReportOptions::kAutoFindingsInFull)
                      : tr("Default: every finding in full");
    m_minSeverity->addItem(byDefault, ReportOptions::kMinSeverityDefault);
    m_minSeverity->addItem(tr("Every finding in full (0)"), 0);
    m_minSeverity->addItem(tr("Medium and above in full (%1)").arg(kSeverityMedium),
                           kSeverityMedium);
    m_minSeverity->addItem(tr("High and above in full (%1)").arg(kSeverityHigh), kSeverityHigh);

    auto *form = new QFormLayout;
    form->addRow(tr("Findings in full:"), m_minSeverity);
    QLabel *note = ui::plainLabel(this, tr("Findings below the chosen severity that no decision "
                                           "cites are listed as one table row each, without "
                                           "detail or evidence lines. A finding a decision "
                                           "cites is always in full."));
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

ReportOptions ReportOptionsDialog::options() const
{
    ReportOptions options;
    options.minSeverity = m_minSeverity->currentData().toInt();
    return options;
}

} // namespace netcase
