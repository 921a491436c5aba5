#include "newcasedialog.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

namespace netcase {

NewCaseDialog::NewCaseDialog(QWidget *parent)
    : QDialog(parent)
    , m_title(new QLineEdit(this))
    , m_authorization(new QLineEdit(this))
    , m_scope(new QPlainTextEdit(this))
    , m_hasRetention(new QCheckBox(tr("Destroy after"), this))
    , m_retention(new QDateEdit(QDate::currentDate().addYears(1), this))
{
    setWindowTitle(tr("New case"));
    m_title->setPlaceholderText(tr("e.g. Suspicious sign-ins, November"));
    m_authorization->setPlaceholderText(tr("ticket, warrant or approval reference"));
    m_scope->setPlaceholderText(tr("what this investigation may look at"));
    m_scope->setMaximumHeight(80);
    m_retention->setCalendarPopup(true);
    m_retention->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_retention->setEnabled(false);
    connect(m_hasRetention, &QCheckBox::toggled, m_retention, &QWidget::setEnabled);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Authorisation:"), m_authorization);
    form->addRow(tr("&Scope:"), m_scope);
    form->addRow(m_hasRetention, m_retention);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create…"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

CaseInfo NewCaseDialog::info() const
{
    CaseInfo i;
    i.title = m_title->text().trimmed();
    i.authorization = m_authorization->text().trimmed();
    i.scope = m_scope->toPlainText().trimmed();
    if (m_hasRetention->isChecked())
        i.retentionDate = m_retention->date().toString(Qt::ISODate);
    return i;
}

} // namespace netcase
