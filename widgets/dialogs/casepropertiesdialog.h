#pragma once

// Case → Properties…: the case's title, authorisation reference (ticket, warrant or approval),
// scope and retention date. Saving goes through CaseFile::setInfo, which audits the change.

#include "case/caseinfo.h"

#include <QDialog>

class QCheckBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace netcase {

class CasePropertiesDialog : public QDialog
{
    Q_OBJECT
public:
    CasePropertiesDialog(const CaseInfo &info, bool readOnly, QWidget *parent = nullptr);

    /// The edited values (created-by fields are kept from the original).
    CaseInfo info() const;

private:
    CaseInfo m_original;
    QLineEdit *m_title;
    QLineEdit *m_authorization;
    QPlainTextEdit *m_scope;
    QCheckBox *m_hasRetention;
    QDateEdit *m_retention;
};

} // namespace netcase
