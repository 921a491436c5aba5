#pragma once

#include "case/caseinfo.h"

#include <QDialog>

class QDateEdit;
class QCheckBox;
class QLineEdit;
class QPlainTextEdit;

namespace netcase {

/// Asks for a new case's title, authorisation reference, scope and retention date.
class NewCaseDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NewCaseDialog(QWidget *parent = nullptr);
    CaseInfo info() const;

private:
    QLineEdit *m_title;
    QLineEdit *m_authorization;
    QPlainTextEdit *m_scope;
    QCheckBox *m_hasRetention;
    QDateEdit *m_retention;
};

} // namespace netcase
