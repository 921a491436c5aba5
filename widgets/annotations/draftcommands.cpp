#include "draftcommands.h"

#include "annotations/decisioneditor.h"

#include <QCoreApplication>

namespace netcase {

namespace {

QString fieldName(DraftField f)
{
    switch (f) {
    case DraftField::Verdict:
        return QCoreApplication::translate("DraftCommands", "verdict");
    case DraftField::Confidence:
        return QCoreApplication::translate("DraftCommands", "confidence");
    case DraftField::Reasoning:
        return QCoreApplication::translate("DraftCommands", "reasoning");
    case DraftField::Proportionality:
        return QCoreApplication::translate("DraftCommands", "proportionality");
    }
    return {};
}

} // namespace

SetFieldCommand::SetFieldCommand(DecisionEditor &editor,
                                 DraftField field,
                                 QString before,
                                 QString after)
    : m_editor(editor)
    , m_field(field)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(QCoreApplication::translate("DraftCommands", "Edit %1").arg(fieldName(field)));
}

void SetFieldCommand::undo()
{
    m_editor.applyField(m_field, m_before);
}

void SetFieldCommand::redo()
{
    m_editor.applyField(m_field, m_after);
}

int SetFieldCommand::id() const
{
    // Only typing merges; choosing a verdict or confidence is one step each.
    return m_field == DraftField::Reasoning || m_field == DraftField::Proportionality
                   ? 1000 + int(m_field)
                   : -1;
}

bool SetFieldCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetFieldCommand *>(other);
    if (o->m_field != m_field)
        return false;
    m_after = o->m_after;
    return true;
}

AddFactorCommand::AddFactorCommand(DecisionEditor &editor, Factor factor, int row)
    : m_editor(editor)
    , m_factor(std::move(factor))
    , m_row(row)
{
    setText(QCoreApplication::translate("DraftCommands", "Add factor"));
}

void AddFactorCommand::undo()
{
    m_editor.applyRemoveFactor(m_row);
}

void AddFactorCommand::redo()
{
    m_editor.applyInsertFactor(m_row, m_factor);
}

RemoveFactorCommand::RemoveFactorCommand(DecisionEditor &editor, int row)
    : m_editor(editor)
    , m_factor(editor.factors().at(std::size_t(row)))
    , m_row(row)
{
    setText(QCoreApplication::translate("DraftCommands", "Remove factor"));
}

void RemoveFactorCommand::undo()
{
    m_editor.applyInsertFactor(m_row, m_factor);
}

void RemoveFactorCommand::redo()
{
    m_editor.applyRemoveFactor(m_row);
}

ReplaceFactorCommand::ReplaceFactorCommand(DecisionEditor &editor, int row, Factor after)
    : m_editor(editor)
    , m_before(editor.factors().at(std::size_t(row)))
    , m_after(std::move(after))
    , m_row(row)
{
    setText(QCoreApplication::translate("DraftCommands", "Cite events in factor"));
}

void ReplaceFactorCommand::undo()
{
    m_editor.applyRemoveFactor(m_row);
    m_editor.applyInsertFactor(m_row, m_before);
}

void ReplaceFactorCommand::redo()
{
    m_editor.applyRemoveFactor(m_row);
    m_editor.applyInsertFactor(m_row, m_after);
}

} // namespace netcase
