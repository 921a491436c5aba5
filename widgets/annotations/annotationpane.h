#pragma once

// The annotation pane, docked beside the views. It follows the selection hub: for the current
// subject (a finding, an address, an account, a host or a selection of events) it drafts a
// decision with factors pre-filled from the subject's findings, lists earlier decisions on the
// same subject (newest first, each can be revised), and holds the decision trail for review.

#include "audit/decision.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QTabWidget;

namespace netcase {

class CaseSession;
class DecisionEditor;
class ReviewPanel;
class SelectionHub;
struct Selection;

class AnnotationPane : public QWidget
{
    Q_OBJECT
public:
    explicit AnnotationPane(SelectionHub &hub, QWidget *parent = nullptr);

    void setSession(CaseSession *session);
    DecisionEditor *editor() const { return m_editor; }
    ReviewPanel *reviewPanel() const { return m_review; }
    QListWidget *history() const { return m_history; }

    /// True when there is no unrecorded draft, or the analyst chose to discard it (asked in a
    /// dialog over parent). Closing the case or quitting asks this first.
    bool mayDiscardDraft(QWidget *parent);

    /// The decision subject a selection stands for (invalid when nothing is selected).
    static Subject subjectOf(const Selection &selection);

Q_SIGNALS:
    /// A short message for the status bar.
    void message(const QString &text, int timeoutMs);

private:
    void followSelection();
    void startDraftFor(const Subject &subject);
    void record();
    /// "Cite noted events…": asks which noted events to cite, adds them to the draft (undoable).
    void citeNotes();
    void refresh();
    void reviseSelected();
    void updateMode();

    SelectionHub &m_hub;
    CaseSession *m_session = nullptr;
    QTabWidget *m_tabs;
    DecisionEditor *m_editor;
    QLabel *m_pending;
    QPushButton *m_follow;
    QListWidget *m_history;
    QPushButton *m_revise;
    ReviewPanel *m_review;
    Subject m_pendingSubject;
    bool m_publishing = false;
};

} // namespace netcase
