#pragma once

// One decision for many findings (findings triage): a verdict, confidence, reasoning and,
// for benign, rule tuning, recorded for each finding as its own decision through
// recordDecision (analysis/ruletuningstep.h), the annotation pane's path, with the factors
// pre-filled from that finding's signals.

#include "audit/decision.h"
#include "core/result.h"

#include <QDialog>

#include <vector>

class QCheckBox;
class QComboBox;
class QPlainTextEdit;

namespace netcase {

class Database;

class BulkDecisionDialog : public QDialog
{
    Q_OBJECT
public:
    BulkDecisionDialog(int findings, QWidget *parent = nullptr);

    QComboBox *verdictBox() const { return m_verdict; }
    QComboBox *confidenceBox() const { return m_confidence; }
    QPlainTextEdit *reasoningEdit() const { return m_reasoning; }
    QCheckBox *tuneBox() const { return m_tune; }

    QString verdict() const;
    QString confidence() const;
    QString reasoning() const;
    bool tune() const;

private:
    void updateOk();

    QComboBox *m_verdict;
    QComboBox *m_confidence;
    QPlainTextEdit *m_reasoning;
    QCheckBox *m_tune;
    class QPushButton *m_ok = nullptr;
};

struct BulkOutcome
{
    std::vector<std::int64_t> decisionIds;
    QStringList problems; ///< per finding that failed: "finding 3: ..."
    QStringList notes;    ///< what else happened per finding (tuning entries added, ...)
};

/// Records the decision on each finding, one audited decision each.
BulkOutcome recordForFindings(Database &db,
                              const std::vector<std::int64_t> &findingIds,
                              const QString &verdict,
                              const QString &confidence,
                              const QString &reasoning,
                              bool tune,
                              const QString &analyst);

} // namespace netcase
