#include "notesview.h"

#include "case/casesession.h"
#include "case/eventquery.h"
#include "common/safetext.h"
#include "core/displaytext.h"
#include "core/identity.h"
#include "core/shownzone.h"
#include "core/timeutil.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace netcase {

namespace {

/// "1 star", "3 stars".
QString counted(int n, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

} // namespace

NotesView::NotesView(QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(this))
    , m_caption(ui::plainLabel(this))
    , m_time(new QLineEdit(this))
    , m_text(new QLineEdit(this))
    , m_add(new QPushButton(tr("Add entry"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
{
    setObjectName(QStringLiteral("NotesView"));
    m_table->setObjectName(QStringLiteral("notesTable"));
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels({tr("Time (%1)").arg(ShownZone::name()), tr("Event"),
                                        tr("Note"), tr("Text"), tr("Analyst")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    ui::guardView(m_table);
    m_time->setObjectName(QStringLiteral("entryTime"));
    m_time->setPlaceholderText(tr("2024-01-20T10:05 (UTC unless an offset is given)"));
    m_text->setObjectName(QStringLiteral("entryText"));
    m_text->setPlaceholderText(tr("What happened, e.g. user reports phone stolen"));
    m_add->setObjectName(QStringLiteral("addEntry"));
    m_remove->setObjectName(QStringLiteral("removeNotes"));

    auto *entry = new QHBoxLayout;
    entry->addWidget(m_time, 2);
    entry->addWidget(m_text, 4);
    entry->addWidget(m_add);
    entry->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_caption);
    layout->addWidget(m_table);
    layout->addLayout(entry);

    connect(m_table, &QTableWidget::cellClicked, this, [this](int row, int) { activate(row); });
    connect(m_table, &QTableWidget::cellActivated, this, [this](int row, int) { activate(row); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &NotesView::updateButtons);
    connect(m_add, &QPushButton::clicked, this, &NotesView::addEntry);
    connect(m_text, &QLineEdit::returnPressed, this, &NotesView::addEntry);
    connect(m_remove, &QPushButton::clicked, this, &NotesView::removeSelected);
    reload();
}

void NotesView::setSession(CaseSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session) {
        connect(m_session, &CaseSession::notesChanged, this, &NotesView::reload);
        connect(m_session, &CaseSession::changed, this, &NotesView::reload);
    }
    reload();
}

void NotesView::reload()
{
    m_notes = m_session ? NoteStore::all(m_session->db()) : std::vector<Note>{};
    std::vector<std::int64_t> ids;
    for (const Note &n : m_notes)
        if (n.eventId)
            ids.push_back(n.eventId);
    std::map<std::int64_t, std::int64_t> timeOf;
    if (m_session && !ids.empty())
        for (const EventRow &r : EventQuery(m_session->db()).rows(ids))
            timeOf[r.id] = r.event.timestampUs;
    const auto when = [&](const Note &n) {
        return n.eventId ? timeOf[n.eventId] : n.atUs;
    };
    std::stable_sort(m_notes.begin(), m_notes.end(),
                     [&](const Note &a, const Note &b) { return when(a) < when(b); });
    m_table->setRowCount(int(m_notes.size()));
    for (int row = 0; row < int(m_notes.size()); ++row) {
        const Note &n = m_notes[size_t(row)];
        const auto put = [&](int col, const QString &text) {
            auto *item = new QTableWidgetItem(displaySafe(text));
            m_table->setItem(row, col, item);
            return item;
        };
        put(Time, shownMillis(when(n)));
        put(Event, n.eventId ? QString::number(n.eventId) : tr("entry"));
        QString kind = QLatin1String(notes::kindName(n.kind));
        if (n.kind == Note::Kind::Star)
            kind = QStringLiteral("★ star");
        QTableWidgetItem *k = put(Kind, kind);
        if (n.kind == Note::Kind::Tag)
            k->setForeground(QColor(n.color));
        QTableWidgetItem *t = put(Text, n.text);
        if (n.kind == Note::Kind::Tag)
            t->setForeground(QColor(n.color));
        put(Analyst, n.analyst);
    }
    m_table->resizeColumnsToContents();
    int stars = 0, tags = 0, comments = 0, entries = 0;
    for (const Note &n : m_notes) {
        stars += n.kind == Note::Kind::Star;
        tags += n.kind == Note::Kind::Tag;
        comments += n.kind == Note::Kind::Comment;
        entries += n.kind == Note::Kind::Entry;
    }
    if (!m_session)
        ui::setPlainText(m_caption, tr("No case open."));
    else if (m_notes.empty())
        ui::setPlainText(m_caption, tr("No notes yet: right-click events in the table to star, "
                                       "tag or comment on them, or add a timeline entry below."));
    else
        ui::setPlainText(m_caption, tr("%1, %2, %3, %4")
                                            .arg(counted(stars, tr("star"), tr("stars")),
                                                 counted(tags, tr("tag"), tr("tags")),
                                                 counted(comments, tr("comment"), tr("comments")),
                                                 counted(entries, tr("timeline entry"),
                                                         tr("timeline entries"))));
    updateButtons();
}

void NotesView::updateButtons()
{
    const bool writable = m_session && !m_session->readOnly();
    const QString why = !m_session                ? tr("Open a case first")
                        : m_session->reviewMode() ? tr("Review mode: notes are read-only")
                                                  : tr("The case is read-only");
    for (QWidget *w : std::initializer_list<QWidget *>{m_time, m_text, m_add}) {
        w->setEnabled(writable);
        w->setToolTip(writable ? QString() : why);
    }
    m_remove->setEnabled(writable && !m_table->selectionModel()->selectedRows().isEmpty());
}

void NotesView::activate(int row)
{
    if (row < 0 || row >= int(m_notes.size()))
        return;
    const Note &n = m_notes[size_t(row)];
    if (n.eventId)
        Q_EMIT eventActivated(n.eventId);
    else
        Q_EMIT timeActivated(n.atUs);
}

void NotesView::addEntry()
{
    if (!m_session || m_session->readOnly())
        return;
    const auto at = parseIso(m_time->text().trimmed().toStdString());
    if (!at) {
        Q_EMIT message(tr("The entry's time does not read as a time (2024-01-20T10:05)"), 6000);
        m_time->setFocus();
        return;
    }
    auto added = NoteStore::addEntry(m_session->caseFile().db(), *at, m_text->text(),
                                     currentUserName());
    if (!added) {
        Q_EMIT message(tr("Entry not added: %1").arg(added.error().message), 8000);
        return;
    }
    m_text->clear();
    m_session->notifyNotesChanged();
    Q_EMIT message(tr("Timeline entry added"), 4000);
}

void NotesView::removeSelected()
{
    if (!m_session || m_session->readOnly())
        return;
    std::vector<std::int64_t> ids;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        if (i.row() < int(m_notes.size()))
            ids.push_back(m_notes[size_t(i.row())].id);
    auto removed = NoteStore::remove(m_session->caseFile().db(), ids, currentUserName());
    if (!removed) {
        Q_EMIT message(tr("Notes not removed: %1").arg(removed.error().message), 8000);
        return;
    }
    m_session->notifyNotesChanged();
}

} // namespace netcase
