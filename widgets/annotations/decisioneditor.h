#pragma once

// The form that drafts one decision: verdict, confidence, factors (each linked to its evidence
// events and showing the enrichment values with their sources), reasoning and proportionality.
// Every edit is an undoable command; nothing is written until the owner records the draft.

#include "audit/decision.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;
class QUndoStack;

namespace netcase {

enum class DraftField;

class DecisionEditor : public QWidget
{
    Q_OBJECT
public:
    explicit DecisionEditor(QWidget *parent = nullptr);
    ~DecisionEditor() override;

    /// Starts a fresh draft for the subject with the proposed factors (clears undo history).
    void startDraft(const Subject &subject, std::vector<Factor> factors);
    /// Starts a draft that revises an earlier decision, pre-filled with its content.
    void startRevision(const Decision &base);
    /// The decision the draft revises, 0 for a new decision.
    std::int64_t revises() const { return m_revises; }
    /// The draft as it would be recorded (analyst included).
    Decision draft() const;
    const Subject &subject() const { return m_subject; }
    const std::vector<Factor> &factors() const { return m_factors; }
    /// True once the analyst changed anything since startDraft().
    bool dirty() const;
    void setEditable(bool editable, const QString &why = {});
    /// Shown for a benign verdict when the subject's findings can feed rule tuning.
    void setTuningAvailable(bool available);
    bool tuningRequested() const;
    QUndoStack *undoStack() const { return m_stack; }
    /// The row of the factor selected in the factor list, -1 when none.
    int currentFactorRow() const;

    /// Called by the undo commands only.
    void applyField(DraftField field, const QString &value);
    void applyInsertFactor(int row, const Factor &factor);
    void applyRemoveFactor(int row);

Q_SIGNALS:
    void recordRequested();
    /// The analyst clicked "Cite noted events…" (the annotation pane asks which).
    void citeNotesRequested();
    /// The analyst clicked a factor: select its evidence events.
    void evidenceActivated(const std::vector<std::int64_t> &eventIds);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildLayout();
    void addFactorFromInput();
    void removeSelectedFactor();
    void textEdited(DraftField field);
    void choiceEdited(DraftField field);
    void factorClicked(QTreeWidgetItem *item);
    void updateButtons();
    QTreeWidgetItem *makeFactorItem(const Factor &f) const;

    QUndoStack *m_stack;
    QLabel *m_subjectLabel;
    QComboBox *m_verdict;
    QComboBox *m_confidence;
    QTreeWidget *m_factorTree;
    QLineEdit *m_newFactor;
    QPushButton *m_addFactor;
    QPushButton *m_removeFactor;
    QPushButton *m_cite;
    QPlainTextEdit *m_reasoning;
    QPlainTextEdit *m_proportionality;
    QLineEdit *m_analyst;
    QCheckBox *m_tune;
    QToolButton *m_undo;
    QToolButton *m_redo;
    QPushButton *m_record;
    QLabel *m_note;

    Subject m_subject;
    std::int64_t m_revises = 0;
    std::vector<Factor> m_factors;
    QString m_lastVerdict;
    QString m_lastConfidence;
    QString m_lastReasoning;
    QString m_lastProportionality;
    bool m_applying = false;
    bool m_editable = true;
    bool m_tuningAvailable = false;
};

} // namespace netcase
