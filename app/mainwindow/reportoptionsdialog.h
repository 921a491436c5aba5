#pragma once

// File → Export report…, after the file is chosen: which findings the report shows in full
// (netcase report --min-severity). The default is the format's (report/report.h): every finding
// in HTML and JSON, and in a PDF medium, raised so that a large case stays short.

#include "report/report.h"

#include <QDialog>

class QComboBox;

namespace netcase {

class ReportOptionsDialog : public QDialog
{
    Q_OBJECT
public:
    ReportOptionsDialog(ReportFormat format, QWidget *parent = nullptr);

    /// The options chosen (default options but for minSeverity).
    ReportOptions options() const;

private:
    QComboBox *m_minSeverity;
};

} // namespace netcase
