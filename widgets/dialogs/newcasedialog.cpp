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
    , m_noAuthorization(new QCheckBox(tr("&No authorisation reference"), this))
    , m_noAuthorizationReason(new QLineEdit(this))
    , m_scope(new QPlainTextEdit(this))
    , m_hasRetention(new QCheckBox(tr("Destroy after"), this))
    , m_retention(new QDateEdit(QDate::currentDate().addYears(1), this))
{
    setWindowTitle(tr("New case"));
    m_title->setPlaceholderText(tr("e.g. Suspicious sign-ins, November"));
    m_authorization->setObjectName(QStringLiteral("authorization"));
    m_authorization->setPlaceholderText(tr("ticket, warrant or approval reference"));
    m_noAuthorization->setObjectName(QStringLiteral("noAuthorization"));
    m_noAuthorizationReason->setObjectName(QStringLiteral("noAuthorizationReason"));
    m_noAuthorizationReason->setPlaceholderText(
            tr("why there is none (printed on every report page)"));
    m_noAuthorizationReason->setEnabled(false);
    m_scope->setPlaceholderText(tr("what this investigation may look at"));
    m_scope->setMaximumHeight(80);
    m_retention->setCalendarPopup(true);
    m_retention->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_retention->setEnabled(false);
    connect(m_hasRetention, &QCheckBox::toggled, m_retention, &QWidget::setEnabled);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Authorisation:"), m_authorization);
    form->addRow(m_noAuthorization, m_noAuthorizationReason);
    form->addRow(tr("&Scope:"), m_scope);
    form->addRow(m_hasRetention, m_retention);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_create = buttons->button(QDialogButtonBox::Ok);
    m_create->setText(tr("Create…"));
    form->addRow(buttons);
    connect(m_noAuthorization, &QCheckBox::toggled, this, [this](bool on) {
        m_authorization->setEnabled(!on);
        m_noAuthorizationReason->setEnabled(on);
        updateCreate();
    });
    connect(m_authorization, &QLineEdit::textChanged, this, &NewCaseDialog::updateCreate);
    connect(m_noAuthorizationReason, &QLineEdit::textChanged, this, &NewCaseDialog::updateCreate);
    updateCreate();
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void NewCaseDialog::updateCreate()
{
    m_create->setEnabled(m_noAuthorization->isChecked()
                                 ? !m_noAuthorizationReason->text().trimmed().isEmpty()
                                 : !m_authorization->text().trimmed().isEmpty());
}

CaseInfo NewCaseDialog::info() const
{
    CaseInfo i;
    i.title = m_title->text().trimmed();
    if (m_noAuthorization->isChecked())
        i.noAuthorizationReason = m_noAuthorizationReason->text().trimmed();
    else
        i.authorization = m_authorization->text().trimmed();
    i.scope = m_scope->toPlainText().trimmed();
    if (m_hasRetention->isChecked())
        i.retentionDate = m_retention->date().toString(Qt::ISODate);
    return i;
}

} // namespace netcase
