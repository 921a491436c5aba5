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
    , m_encrypt(new QCheckBox(tr("&Encrypt"), this))
    , m_passphrase(new QLineEdit(this))
    , m_passphraseAgain(new QLineEdit(this))
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
    m_encrypt->setObjectName(QStringLiteral("encrypt"));
    m_encrypt->setToolTip(tr("Keep the case file encrypted (SQLCipher, AES-256); the passphrase "
                             "is asked each time the case is opened and cannot be recovered"));
    for (QLineEdit *e : {m_passphrase, m_passphraseAgain}) {
        e->setEchoMode(QLineEdit::Password);
        e->setEnabled(false);
        connect(m_encrypt, &QCheckBox::toggled, e, &QWidget::setEnabled);
        connect(e, &QLineEdit::textChanged, this, &NewCaseDialog::updateCreate);
    }
    m_passphrase->setObjectName(QStringLiteral("passphrase"));
    m_passphrase->setPlaceholderText(tr("passphrase"));
    m_passphraseAgain->setObjectName(QStringLiteral("passphraseAgain"));
    m_passphraseAgain->setPlaceholderText(tr("the same passphrase again"));
    connect(m_encrypt, &QCheckBox::toggled, this, &NewCaseDialog::updateCreate);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("&Authorisation:"), m_authorization);
    form->addRow(m_noAuthorization, m_noAuthorizationReason);
    form->addRow(tr("&Scope:"), m_scope);
    form->addRow(m_hasRetention, m_retention);
    form->addRow(m_encrypt, m_passphrase);
    form->addRow(QString(), m_passphraseAgain);
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
    const bool authorised = m_noAuthorization->isChecked()
                                    ? !m_noAuthorizationReason->text().trimmed().isEmpty()
                                    : !m_authorization->text().trimmed().isEmpty();
    const bool keyed = !m_encrypt->isChecked()
                       || (!m_passphrase->text().isEmpty()
                           && m_passphrase->text() == m_passphraseAgain->text());
    m_create->setEnabled(authorised && keyed);
}

QByteArray NewCaseDialog::passphrase() const
{
    return m_encrypt->isChecked() ? m_passphrase->text().toUtf8() : QByteArray();
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
