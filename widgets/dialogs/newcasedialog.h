#pragma once

#include "case/caseinfo.h"

#include <QDialog>

class QDateEdit;
class QCheckBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace netcase {

/// Asks for a new case's title, authorisation reference, scope and retention date. "Create" is
/// enabled only with an authorisation reference, or with "No authorisation reference" checked
/// and a reason given (recorded in the case and printed on every report page). "Encrypt" asks
/// for a passphrase twice; Create then also needs the two to match.
class NewCaseDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NewCaseDialog(QWidget *parent = nullptr);
    CaseInfo info() const;
    /// The passphrase to encrypt the case with; empty when "Encrypt" is not checked.
    QByteArray passphrase() const;

private:
    void updateCreate();

    QLineEdit *m_title;
    QLineEdit *m_authorization;
    QCheckBox *m_noAuthorization;
    QLineEdit *m_noAuthorizationReason;
    QPushButton *m_create = nullptr;
    QPlainTextEdit *m_scope;
    QCheckBox *m_hasRetention;
    QDateEdit *m_retention;
    QCheckBox *m_encrypt;
    QLineEdit *m_passphrase;
    QLineEdit *m_passphraseAgain;
};

} // namespace netcase
