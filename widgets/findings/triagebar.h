#pragma once

// The findings triage bar above the findings table: filter by kind, severity band, text and
// decision state, hide decided findings, and record one decision for every selected finding
// (BulkDecisionDialog; each finding gets its own audited decision through recordDecision, the
// annotation pane's path).

#include "items/findingsmodel.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;

namespace netcase {

class TriageBar : public QWidget
{
    Q_OBJECT
public:
    explicit TriageBar(FindingsModel *model, QWidget *parent = nullptr);

    /// Refills the kind list from the model (after a reload) keeping the choice.
    void refreshKinds();
    /// Enables "Decide…" for n selected findings on a writable case.
    void setSelectionCount(int n, bool writable, const QString &whyNot);

    QComboBox *kindBox() const { return m_kind; }
    QComboBox *severityBox() const { return m_band; }
    QLineEdit *textEdit() const { return m_text; }
    QComboBox *stateBox() const { return m_state; }
    QCheckBox *hideDecided() const { return m_hideDecided; }
    QPushButton *decideButton() const { return m_decide; }

Q_SIGNALS:
    void decideRequested();

private:
    void apply();

    FindingsModel *m_model;
    QComboBox *m_kind;
    QComboBox *m_band;
    QLineEdit *m_text;
    QComboBox *m_state;
    QCheckBox *m_hideDecided;
    QPushButton *m_decide;
};

} // namespace netcase
