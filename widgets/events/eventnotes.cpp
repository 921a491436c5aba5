#include "eventnotes.h"

#include "case/casesession.h"
#include "common/safetext.h"
#include "core/identity.h"
#include "items/eventtablemodel.h"
#include "notecommands.h"
#include "tagdialog.h"

#include <QAction>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QMenu>
#include <QTableView>
#include <QUndoStack>

#include <algorithm>

namespace netcase {

namespace {

const QKeySequence kStarShortcut(Qt::CTRL | Qt::Key_D);

} // namespace

EventNotes::EventNotes(QTableView *table, EventTableModel *model)
    : QObject(table)
    , m_table(table)
    , m_model(model)
    , m_stack(new QUndoStack(this))
{
    // Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y) on the table undo and redo note changes.
    QAction *undo = m_stack->createUndoAction(m_table, tr("Undo note"));
    undo->setObjectName(QStringLiteral("undoNote"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(undo);
    QAction *redo = m_stack->createRedoAction(m_table, tr("Redo note"));
    redo->setObjectName(QStringLiteral("redoNote"));
    redo->setShortcuts(
            {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    redo->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(redo);
    // Ctrl+D stars (or unstars) the selected rows, as browsers bookmark a page.
    QAction *star = new QAction(tr("Star / unstar"), m_table);
    star->setObjectName(QStringLiteral("starShortcut"));
    star->setShortcut(kStarShortcut);
    star->setShortcutContext(Qt::WidgetShortcut);
    connect(star, &QAction::triggered, this, &EventNotes::toggleStar);
    m_table->addAction(star);
}

void EventNotes::setSession(CaseSession *session)
{
    m_session = session;
    m_stack->clear(); // undo belongs to one case
}

bool EventNotes::writable() const
{
    return m_session && !m_session->readOnly();
}

std::vector<std::int64_t> EventNotes::selectedEvents() const
{
    std::vector<std::int64_t> out;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        if (const std::int64_t id = m_model->eventIdAt(i.row()))
            out.push_back(id);
    if (out.empty() && m_table->currentIndex().isValid())
        if (const std::int64_t id = m_model->eventIdAt(m_table->currentIndex().row()))
            out.push_back(id);
    std::sort(out.begin(), out.end());
    return out;
}

void EventNotes::addActions(QMenu *menu)
{
    const std::vector<std::int64_t> events = selectedEvents();
    if (events.empty())
        return;
    menu->addSeparator();
    const bool allStarred = std::all_of(events.begin(), events.end(), [this](std::int64_t id) {
        const EventMarks *m = m_model->marksOf(id);
        return m && m->starred;
    });
    const int n = int(events.size());
    QAction *star = menu->addAction(allStarred ? tr("Unstar %n event(s)", nullptr, n)
                                               : tr("Star %n event(s)", nullptr, n));
    star->setObjectName(QStringLiteral("starEvents"));
    star->setShortcut(kStarShortcut); // shown in the menu; the table's own action handles it
    connect(star, &QAction::triggered, this, &EventNotes::toggleStar);
    QAction *tagAction = menu->addAction(tr("Tag %n event(s)…", nullptr, n));
    tagAction->setObjectName(QStringLiteral("tagEvents"));
    connect(tagAction, &QAction::triggered, this, &EventNotes::askTag);
    QAction *commentAction = menu->addAction(tr("Comment on %n event(s)…", nullptr, n));
    commentAction->setObjectName(QStringLiteral("commentEvents"));
    connect(commentAction, &QAction::triggered, this, &EventNotes::askComment);
    const QString why = m_session && m_session->reviewMode()
                                ? tr("Review mode: notes are read-only")
                                : tr("The case is read-only");
    for (QAction *a : {star, tagAction, commentAction}) {
        a->setEnabled(writable());
        if (!writable())
            a->setToolTip(why);
    }
}

void EventNotes::toggleStar()
{
    if (!writable())
        return;
    const std::vector<std::int64_t> events = selectedEvents();
    if (events.empty())
        return;
    const bool allStarred = std::all_of(events.begin(), events.end(), [this](std::int64_t id) {
        const EventMarks *m = m_model->marksOf(id);
        return m && m->starred;
    });
    const QString analyst = currentUserName();
    auto *cmd = new NoteCommand(*m_session,
                                allStarred ? tr("Unstar %n event(s)", nullptr, int(events.size()))
                                           : tr("Star %n event(s)", nullptr, int(events.size())),
                                !allStarred, [events, allStarred, analyst](Database &db) {
                                    return allStarred ? NoteStore::removeFromEvents(
                                                   db, events, Note::Kind::Star, {}, analyst)
                                                      : NoteStore::addToEvents(db, events,
                                                                               Note::Kind::Star, {},
                                                                               {}, analyst);
                                });
    push(cmd);
}

void EventNotes::push(NoteCommand *cmd)
{
    cmd->onError = [this](const QString &why) {
        Q_EMIT message(tr("Note not saved: %1").arg(why));
    };
    m_stack->push(cmd); // deleted by the stack when it changed nothing or failed
}

void EventNotes::tag(const QString &text, const QString &color)
{
    if (!writable())
        return;
    const std::vector<std::int64_t> events = selectedEvents();
    const QString analyst = currentUserName();
    auto *cmd = new NoteCommand(
            *m_session, tr("Tag %1").arg(text), true, [events, text, color, analyst](Database &db) {
                return NoteStore::addToEvents(db, events, Note::Kind::Tag, text, color, analyst);
            });
    push(cmd);
}

void EventNotes::comment(const QString &text)
{
    if (!writable())
        return;
    const std::vector<std::int64_t> events = selectedEvents();
    const QString analyst = currentUserName();
    auto *cmd = new NoteCommand(
            *m_session, tr("Comment"), true, [events, text, analyst](Database &db) {
                return NoteStore::addToEvents(db, events, Note::Kind::Comment, text, {}, analyst);
            });
    push(cmd);
}

void EventNotes::askTag()
{
    if (!writable())
        return;
    // Window-modal and not exec(): the rows it acts on are read when it is accepted.
    auto *dialog = new TagDialog(NoteStore::tags(m_session->db()), int(selectedEvents().size()),
                                 m_table);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (!dialog->tag().isEmpty())
            tag(dialog->tag(), dialog->color());
    });
    dialog->open();
}

void EventNotes::askComment()
{
    if (!writable())
        return;
    auto *dialog = new QInputDialog(m_table);
    dialog->setObjectName(QStringLiteral("commentDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setOption(QInputDialog::UsePlainTextEditForTextInput);
    dialog->setWindowTitle(tr("Comment"));
    dialog->setLabelText(tr("Comment on %n event(s):", nullptr, int(selectedEvents().size())));
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &text) {
        if (!text.trimmed().isEmpty())
            comment(text);
    });
    dialog->open();
}

} // namespace netcase
