#pragma once

// The revisions of one decision side by side: one column per revision, one row per field, and
// every value that changed from the revision before it highlighted.

#include "audit/decision.h"

#include <QTableWidget>

#include <vector>

namespace netcase {

class RevisionDiffView : public QTableWidget
{
    Q_OBJECT
public:
    explicit RevisionDiffView(QWidget *parent = nullptr);

    /// Shows the revisions (oldest first).
    void setRevisions(const std::vector<Decision> &revisions);
    /// Whether the cell of field row r in revision column c differs from the revision before.
    bool changed(int row, int column) const;

    enum Row { Verdict, Confidence, Factors, Reasoning, Proportionality, Analyst, Time, RowCount };
};

} // namespace netcase
