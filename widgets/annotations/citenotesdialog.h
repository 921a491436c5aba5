#pragma once

// "Cite noted events…" in the decision editor: lists the case's starred events, its tagged
// events (one group per tag) and the analyst's timeline entries, each checkable. Accepted, each
// group with checked events becomes a factor citing them ("starred events", "events tagged T",
// audit/notecitation.h, the same factor as `netcase decide --cite-starred / --cite-tag`) and
// each checked timeline entry a free-text factor; or, when the analyst asks for it, the checked
// events join the evidence of the factor selected in the editor.

#include "audit/notecitation.h"

#include <QDialog>

#include <map>

class QCheckBox;
class QTreeWidget;
class QTreeWidgetItem;

namespace netcase {

class CiteNotesDialog : public QDialog
{
    Q_OBJECT
public:
    /// eventText: a one-line description of each noted event (time, source:line, raw line).
    /// selectedFactor: the text of the factor selected in the editor, empty when none.
    CiteNotesDialog(const std::vector<citation::NotedGroup> &groups,
                    const std::vector<Note> &entries,
                    const std::map<std::int64_t, QString> &eventText,
                    const QString &selectedFactor,
                    QWidget *parent = nullptr);

    /// The factors to add: one per group with checked events, one per checked entry (with
    /// addToSelected(), only the entries).
    std::vector<Factor> factors() const;
    /// Every checked event, ascending.
    std::vector<std::int64_t> checkedEvents() const;
    /// True when the checked events go into the selected factor's evidence.
    bool addToSelected() const;

    QTreeWidget *tree() const { return m_tree; }
    QCheckBox *addToSelectedBox() const { return m_addToSelected; }

private:
    void updateOk();

    std::vector<citation::NotedGroup> m_groups;
    std::vector<Note> m_entries;
    QTreeWidget *m_tree;
    QCheckBox *m_addToSelected;
    QTreeWidgetItem *m_entriesItem = nullptr;
    bool m_canAddToSelected = false;
};

} // namespace netcase
