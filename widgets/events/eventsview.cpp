#include "eventsview.h"

#include "case/casesession.h"
#include "case/eventquery.h"
#include "common/columnwidths.h"
#include "common/safetext.h"
#include "eventcolumns.h"
#include "eventnotes.h"
#include "eventpivots.h"
#include "items/eventtablemodel.h"
#include "items/selectionhub.h"
#include "savedsearches.h"
#include "searchbar.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <iterator>

namespace netcase {

EventsView::EventsView(SelectionHub &hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_model(new EventTableModel(this))
    , m_search(new SearchBar(this))
    , m_table(new QTableView(this))
    , m_raw(new QPlainTextEdit(this))
    , m_caption(ui::plainLabel(this))
    , m_saved(new SavedSearchButton(m_search, this))
{
    setObjectName(QStringLiteral("EventsView"));
    m_caption->setWordWrap(true); // a long selection must not widen the window
    m_table->setObjectName(QStringLiteral("eventTable"));
    m_table->setModel(m_model);
    ui::guardView(m_table);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(EventTableModel::Time, Qt::AscendingOrder);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setToolTip(
            tr("Columns carry Elastic Common Schema names (hover a header). "
               "The table sorts by time; use the filter to narrow it."));
    static constexpr const char *samples[] = {"2026-10-21 08:19:56.000",
                                              "203.0.113.200",
                                              "alice@example",
                                              "success",
                                              "user.authentication",
                                              "POST",
                                              "/account/login?next=/home",
                                              "200",
                                              "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
                                              "access.log",
                                              "★ phishing"};
    static_assert(std::size(samples) == EventTableModel::ColumnCount);
    fitColumnsToSamples(m_table, samples);

    m_raw->setObjectName(QStringLiteral("rawRecord"));
    m_raw->setReadOnly(true);
    m_raw->setPlaceholderText(tr("Select an event to see its original record."));
    m_raw->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_raw->setFont(mono);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_raw);
    split->setStretchFactor(0, 5);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *searchRow = new QHBoxLayout;
    searchRow->setContentsMargins(0, 0, 6, 0);
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_saved, 0, Qt::AlignTop);
    layout->addLayout(searchRow);
    layout->addWidget(m_caption);
    layout->addWidget(split);
    m_caption->setContentsMargins(6, 3, 6, 3);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EventsView::showRaw);
    connect(&m_hub, &SelectionHub::filterChanged, this, &EventsView::followFilter);
    connect(m_model, &EventTableModel::loaded, this, &EventsView::updateCaption);
    connect(m_model, &EventTableModel::loaded, this, &EventsView::restoreCurrent);
    connect(m_search, &SearchBar::applied, this, &EventsView::followFilter);
    auto *pivots = new EventPivots(m_table, m_model, m_search, m_hub);
    m_notes = new EventNotes(m_table, m_model);
    pivots->setMenuExtension([this](QMenu *menu) { m_notes->addActions(menu); });
    // The notes column comes first: a star is seen before the time.
    m_table->horizontalHeader()->moveSection(EventTableModel::Notes, 0);
    m_columns = new EventColumns(m_table);
    // Ctrl+F from anywhere in the window goes to the search bar.
    auto *find = new QShortcut(QKeySequence::Find, this, nullptr, nullptr, Qt::WindowShortcut);
    find->setWhatsThis(tr("Search the events (the query bar)"));
    connect(find, &QShortcut::activated, this, [this] {
        m_search->edit()->setFocus(Qt::ShortcutFocusReason);
        m_search->edit()->selectAll();
    });
    updateCaption();
}

EventFilter EventsView::filter() const
{
    EventFilter f = m_hub.filter();
    f.predicate = m_search->predicate();
    return f;
}

void EventsView::setSession(CaseSession *session)
{
    m_session = session;
    // Detached first, so that the filter does not start a load on the case being closed.
    m_model->setSession(nullptr);
    m_search->setSession(session);
    m_notes->setSession(session);
    m_saved->setSession(session);
    m_search->setBaseFilter(m_hub.filter());
    m_model->setFilter(filter());
    m_model->setSession(session);
    m_raw->clear();
    if (session)
        connect(session, &CaseSession::changed, m_model, &EventTableModel::reload);
    updateCaption();
}

void EventsView::followFilter()
{
    // The event in view stays current if the new filter keeps it (a click on its address
    // selects the address and narrows the table; the record shown stays).
    const QModelIndex current = m_table->currentIndex();
    m_keepEvent = current.isValid() ? m_model->eventIdAt(current.row()) : -1;
    m_search->setBaseFilter(m_hub.filter());
    m_model->setFilter(filter());
    m_raw->clear();
    updateCaption();
}

void EventsView::revealEvent(std::int64_t eventId)
{
    if (const int row = m_model->rowOfEvent(eventId); row >= 0 && !m_model->isLoading()) {
        const QModelIndex index = m_model->index(row, EventTableModel::Time);
        m_table->setCurrentIndex(index);
        m_table->scrollTo(index);
        showRaw();
        return;
    }
    // Not in the table: select the event itself (the hub's filter then shows it).
    Selection s;
    s.eventIds = {eventId};
    m_hub.select(s);
    m_keepEvent = eventId;
}

void EventsView::restoreCurrent()
{
    const int row = m_keepEvent > 0 ? m_model->rowOfEvent(m_keepEvent) : -1;
    m_keepEvent = -1;
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, std::max(0, m_table->currentIndex().column()));
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
    showRaw();
}

void EventsView::updateCaption()
{
    const QLocale loc;
    if (!m_session) {
        ui::setPlainText(m_caption, tr("No case open."));
        return;
    }
    if (m_model->isLoading()) {
        ui::setPlainText(m_caption, m_model->filter().isEmpty() ? tr("Loading events…")
                                    : m_hub.filter().isEmpty()
                                            ? tr("Finding the events of the query…")
                                            : tr("Finding the events of the selection (%1)…")
                                                      .arg(m_hub.selection().summary()));
        return;
    }
    if (!m_model->loadError().isEmpty()) {
        ui::setPlainText(m_caption, tr("The events cannot be read: %1").arg(m_model->loadError()));
        return;
    }
    const std::int64_t total = m_model->caseEvents();
    const int shown = m_model->rowCount();
    if (m_model->filter().isEmpty() && shown == 0)
        ui::setPlainText(m_caption,
                         m_session->readOnly()
                                 ? tr("This case holds no events.")
                                 : tr("No events yet: import log files with File ▸ Import "
                                      "files… (Ctrl+I) or drop them on the window."));
    else if (m_model->filter().isEmpty())
        ui::setPlainText(m_caption, tr("%1 events").arg(loc.toString(qlonglong(shown))));
    else if (!m_search->predicate())
        ui::setPlainText(m_caption,
                         tr("%1 of %2 events match the selection (%3)")
                                 .arg(loc.toString(shown), loc.toString(qlonglong(total)),
                                      m_hub.selection().summary()));
    else if (m_hub.filter().isEmpty())
        ui::setPlainText(m_caption,
                         tr("%1 of %2 events match the query")
                                 .arg(loc.toString(shown), loc.toString(qlonglong(total))));
    else
        ui::setPlainText(m_caption,
                         tr("%1 of %2 events match the query and the selection (%3)")
                                 .arg(loc.toString(shown), loc.toString(qlonglong(total)),
                                      m_hub.selection().summary()));
}

void EventsView::showRaw()
{
    const QModelIndex idx = m_table->currentIndex();
    const EventRow *row = idx.isValid() ? m_model->rowAt(idx.row()) : nullptr;
    if (!row || !m_session) {
        m_raw->clear();
        return;
    }
    const auto text = EventQuery(m_session->db()).raw(*row);
    const QString header = tr("%1, line %2").arg(row->sourceName).arg(row->event.line);
    // Shown as written but inert: controls and bidi overrides are made visible.
    m_raw->setPlainText(displaySafe(header + QLatin1Char('\n')
                                            + (text ? QString::fromStdString(*text)
                                                    : tr("(the original record is not stored "
                                                         "in this case)")),
                                    LineBreaks::Keep));
}

} // namespace netcase
