#pragma once

// The decision trail of the case: every decision (latest revision first), its revisions side
// by side, and its reviews. In review mode the reviewer agrees with or challenges a decision
// with a note; that review is the only thing review mode writes to the case. A benign decision
// can feed rule tuning in one step (outside review mode).

#include <QWidget>

#include <cstdint>

class QLabel;
class QCheckBox;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;

namespace netcase {

class CaseSession;
class RevisionDiffView;

class ReviewPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ReviewPanel(QWidget *parent = nullptr);

    void setSession(CaseSession *session);
    void refresh();
    QListWidget *decisionList() const { return m_decisions; }
    RevisionDiffView *diffView() const { return m_diff; }

Q_SIGNALS:
    void message(const QString &text, int timeoutMs);

private:
    void showSelected();
    void recordReview();
    void tuneSelected();
    void updateButtons();
    std::int64_t selectedId() const;
    bool canReview(QString *why) const;

    CaseSession *m_session = nullptr;
    QListWidget *m_decisions;
    RevisionDiffView *m_diff;
    QListWidget *m_reviews;
    QRadioButton *m_agree;
    QRadioButton *m_challenge;
    QPlainTextEdit *m_note;
    QLineEdit *m_reviewer;
    QCheckBox *m_selfReview;
    QPushButton *m_record;
    QPushButton *m_tune;
    QLabel *m_state;
};

} // namespace netcase
