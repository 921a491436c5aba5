#pragma once

// The Notes dock: every star, tag, comment and timeline entry of the case, in time order (of
// the event, or the entry's own time). Activating a note on an event jumps to the event in the
// event table; an entry selects the minutes around it. Below, the analyst adds a timeline entry
// ("user reports phone stolen" at 10:05) or removes the selected notes; both are audited
// NoteStore writes, disabled in review mode and on read-only cases.

#include "case/notestore.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace netcase {

class CaseSession;

class NotesView : public QWidget
{
    Q_OBJECT
public:
    explicit NotesView(QWidget *parent = nullptr);

    void setSession(CaseSession *session);
    QTableWidget *table() const { return m_table; }
    QLineEdit *entryTime() const { return m_time; }
    QLineEdit *entryText() const { return m_text; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }

    enum Column { Time, Event, Kind, Text, Analyst, ColumnCount };

Q_SIGNALS:
    void eventActivated(qint64 eventId);
    /// An entry was activated: the time it names (UTC microseconds).
    void timeActivated(qint64 atUs);
    void message(const QString &text, int timeoutMs);

private:
    void reload();
    void activate(int row);
    void addEntry();
    void removeSelected();
    void updateButtons();

    CaseSession *m_session = nullptr;
    QTableWidget *m_table;
    QLabel *m_caption;
    QLineEdit *m_time;
    QLineEdit *m_text;
    QPushButton *m_add;
    QPushButton *m_remove;
    std::vector<Note> m_notes; ///< as shown, by row
};

} // namespace netcase
