#pragma once

// The search bar over the events: a query (model/query, `netcase help query`) typed with
// field-name completion, checked as it is typed (an error is shown in plain text under the
// bar, naming the character), its matches counted on a worker while typing and applied to the
// event table with Enter. Up and Down recall earlier queries.

#include "case/eventquery.h"
#include "items/caseload.h"

#include <QWidget>

#include <memory>

class QCompleter;
class QLabel;
class QLineEdit;
class QStringListModel;
class QTimer;

namespace netcase {

class CaseSession;

class SearchBar : public QWidget
{
    Q_OBJECT
public:
    explicit SearchBar(QWidget *parent = nullptr);

    void setSession(CaseSession *session);
    /// The filter the count combines the query with (the linked selection's).
    void setBaseFilter(const EventFilter &filter);
    /// The applied query (Enter), null for none.
    std::shared_ptr<const EventPredicate> predicate() const { return m_applied; }
    QString appliedText() const { return m_appliedText; }
    QStringList history() const { return m_history; }
    QLineEdit *edit() const { return m_edit; }
    QLabel *status() const { return m_status; }
    /// Sets the text and applies it, as if typed and confirmed (pivots from other views).
    void setQuery(const QString &text);

Q_SIGNALS:
    /// Enter on a valid query (or an emptied bar).
    void applied();
    /// The live count arrived (tests wait for it).
    void counted(qint64 matches);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void textEdited();
    void check();
    void apply();
    void recall(int step);
    void completeWord();
    void insertCompletion(const QString &completion);

    QLineEdit *m_edit;
    QLabel *m_status;
    QCompleter *m_completer;
    QStringListModel *m_words;
    QTimer *m_debounce;
    CaseSession *m_session = nullptr;
    EventFilter m_base;
    std::shared_ptr<const EventPredicate> m_pending; ///< parsed, not yet applied
    std::shared_ptr<const EventPredicate> m_applied;
    QString m_appliedText;
    QStringList m_history;
    int m_historyPos = -1;
    bool m_valid = true;
    CaseLoad<std::int64_t> m_count;
};

} // namespace netcase
