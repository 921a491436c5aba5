#include "casepropertiesdialog.h"

#include "common/safetext.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace netcase {

CasePropertiesDialog::CasePropertiesDialog(const CaseInfo &info, bool readOnly, QWidget *parent)
    : QDialog(parent)
    , m_original(info)
    , m_title(new QLineEdit(info.title, this))
    , m_authorization(new QLineEdit(info.authorization, this))
    , m_scope(new QPlainTextEdit(info.scope, this))
    , m_hasRetention(new QCheckBox(tr("Destroy after"), this))
    , m_retention(new QDateEdit(this))
{
    setObjectName(QStringLiteral("CasePropertiesDialog"));
    setWindowTitle(tr("Case properties"));
    m_title->setObjectName(QStringLiteral("title"));
    m_authorization->setObjectName(QStringLiteral("authorization"));
    m_scope->setObjectName(QStringLiteral("scope"));
    m_hasRetention->setObjectName(QStringLiteral("hasRetention"));
    m_retention->setObjectName(QStringLiteral("retention"));
    m_authorization->setPlaceholderText(tr("Ticket, warrant or approval reference"));
    m_scope->setPlaceholderText(tr("What this investigation may look at"));
    m_retention->setCalendarPopup(true);
    m_retention->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    const QDate date = QDate::fromString(info.retentionDate, Qt::ISODate);
    m_hasRetention->setChecked(date.isValid());
    m_retention->setDate(date.isValid() ? date : QDate::currentDate().addYears(1));
    m_retention->setEnabled(date.isValid());
    connect(m_hasRetention, &QCheckBox::toggled, m_retention, &QWidget::setEnabled);

    auto *form = new QFormLayout;
    form->addRow(tr("Title"), m_title);
    form->addRow(tr("Authorisation"), m_authorization);
    form->addRow(tr("Scope"), m_scope);
    form->addRow(m_hasRetention, m_retention);
    form->addRow(tr("Created"), ui::plainLabel(this, tr("%1 by %2 (Netcase %3)")
                                                             .arg(info.createdAt, info.createdBy,
                                                                  info.netcaseVersion)));
    auto *buttons = new QDialogButtonBox(
            readOnly ? QDialogButtonBox::Close : QDialogButtonBox::Save | QDialogButtonBox::Cancel,
            this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    if (readOnly) {
        for (QWidget *w :
             {static_cast<QWidget *>(m_title), static_cast<QWidget *>(m_authorization),
              static_cast<QWidget *>(m_hasRetention), static_cast<QWidget *>(m_retention)})
            w->setEnabled(false);
        m_scope->setReadOnly(true);
        layout->addWidget(new QLabel(tr("The case is open read-only."), this));
    } else {
        layout->addWidget(new QLabel(tr("Changes are recorded in the case's audit log."), this));
    }
    layout->addWidget(buttons);
    resize(520, 360);
}

CaseInfo CasePropertiesDialog::info() const
{
    CaseInfo i = m_original;
    i.title = m_title->text().trimmed();
    i.authorization = m_authorization->text().trimmed();
    i.scope = m_scope->toPlainText().trimmed();
    i.retentionDate
            = m_hasRetention->isChecked() ? m_retention->date().toString(Qt::ISODate) : QString();
    return i;
}

} // namespace netcase
