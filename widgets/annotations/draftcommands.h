#pragma once

// Undo commands for editing a decision draft. Every edit of the draft (verdict, confidence,
// factors, reasoning and proportionality text) goes through the editor's QUndoStack, so one
// Ctrl+Z / Ctrl+Shift+Z history covers all of it. Typing merges into one command per field.

#include "audit/decision.h"

#include <QUndoCommand>

namespace netcase {

class DecisionEditor;

enum class DraftField { Verdict, Confidence, Reasoning, Proportionality };

class SetFieldCommand : public QUndoCommand
{
public:
    SetFieldCommand(DecisionEditor &editor, DraftField field, QString before, QString after);
    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    DecisionEditor &m_editor;
    DraftField m_field;
    QString m_before;
    QString m_after;
};

class AddFactorCommand : public QUndoCommand
{
public:
    AddFactorCommand(DecisionEditor &editor, Factor factor, int row);
    void undo() override;
    void redo() override;

private:
    DecisionEditor &m_editor;
    Factor m_factor;
    int m_row;
};

class RemoveFactorCommand : public QUndoCommand
{
public:
    RemoveFactorCommand(DecisionEditor &editor, int row);
    void undo() override;
    void redo() override;

private:
    DecisionEditor &m_editor;
    Factor m_factor;
    int m_row;
};

/// Replaces a factor with an edited one (the events cited into its evidence).
class ReplaceFactorCommand : public QUndoCommand
{
public:
    ReplaceFactorCommand(DecisionEditor &editor, int row, Factor after);
    void undo() override;
    void redo() override;

private:
    DecisionEditor &m_editor;
    Factor m_before;
    Factor m_after;
    int m_row;
};

} // namespace netcase
