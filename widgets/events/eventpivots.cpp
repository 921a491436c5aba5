#include "eventpivots.h"

#include "core/event.h"
#include "core/fields.h"
#include "items/eventtablemodel.h"
#include "items/roles.h"
#include "items/selectionhub.h"
#include "query/termtext.h"
#include "searchbar.h"

#include <QApplication>
#include <QClipboard>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QMenu>
#include <QTableView>

namespace netcase {

EventPivots::EventPivots(QTableView *table,
                         EventTableModel *model,
                         SearchBar *search,
                         SelectionHub &hub)
    : QObject(table)
    , m_table(table)
    , m_model(model)
    , m_search(search)
    , m_hub(hub)
{
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QTableView::clicked, this, &EventPivots::clicked);
    connect(m_table, &QTableView::customContextMenuRequested, this, &EventPivots::contextMenu);
}

EventPivots::Cell EventPivots::cellAt(const QModelIndex &index) const
{
    Cell c;
    const EventRow *row = index.isValid() ? m_model->rowAt(index.row()) : nullptr;
    if (!row)
        return c;
    if (const auto *oc = EventTableModel::optionalColumn(index.column())) {
        c.value = index.data(roles::FullText).toString();
        if (oc->field) {
            c.field = QString::fromLatin1(oc->field->alias ? oc->field->alias : oc->field->ecs);
            c.numeric = oc->field->type == FieldType::Integer;
            if (oc->field->type == FieldType::Address)
                c.entity = Cell::Entity::Address;
        } else {
            const bool asn = oc->enriched == EventTableModel::OptionalColumn::Enriched::Asn;
            c.field = asn ? QStringLiteral("asn") : QStringLiteral("country");
            c.numeric = asn;
        }
        return c;
    }
    const Event &e = row->event;
    const auto text = [](const std::string &s) {
        return QString::fromStdString(s);
    };
    switch (index.column()) {
    case EventTableModel::SourceIp:
        c = {QStringLiteral("src"), text(e.sourceIp), false, Cell::Entity::Address};
        break;
    case EventTableModel::User:
        c = {QStringLiteral("user"), text(e.userName), false, Cell::Entity::Account};
        break;
    case EventTableModel::Outcome:
        c = {QStringLiteral("outcome"), QString::fromLatin1(outcomeName(e.outcome)), true};
        break;
    case EventTableModel::Action:
        c = {QStringLiteral("action"), text(e.action)};
        break;
    case EventTableModel::Method:
        c = {QStringLiteral("method"), text(e.httpMethod)};
        break;
    case EventTableModel::Url:
        c = {QStringLiteral("path"), text(e.urlPath)};
        break;
    case EventTableModel::Status:
        c = {QStringLiteral("status"),
             e.statusCode >= 0 ? QString::number(e.statusCode) : QString(), true};
        break;
    case EventTableModel::UserAgent:
        c = {QStringLiteral("ua"), text(e.userAgent)};
        break;
    case EventTableModel::Source:
        c = {QStringLiteral("source"), row->sourceName};
        break;
    default:
        c.value = index.data().toString();
        break;
    }
    return c;
}

void EventPivots::select(const Cell &cell)
{
    if (cell.value.isEmpty())
        return;
    if (cell.entity == Cell::Entity::Address)
        m_hub.selectIp(cell.value);
    else if (cell.entity == Cell::Entity::Account)
        m_hub.selectAccount(cell.value);
}

void EventPivots::clicked(const QModelIndex &index)
{
    // Ctrl- and Shift-clicks that gather several rows (to star or tag them) do not pivot.
    if (m_table->selectionModel()->selectedRows().size() > 1)
        return;
    select(cellAt(index));
}

void EventPivots::addTerm(const QString &term)
{
    const std::string q = m_search->edit()->text().toStdString();
    m_search->setQuery(QString::fromStdString(query::narrowed(q, term.toStdString())));
}

QMenu *EventPivots::menuFor(const QModelIndex &index, QWidget *parent)
{
    auto *menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("eventCellMenu"));
    const Cell cell = cellAt(index);
    if (!cell.field.isEmpty()) {
        const QString term = QString::fromStdString(
                query::termFor(cell.field.toStdString(), cell.value.toStdString(), cell.numeric));
        // Menu texts are plain: & would be a mnemonic, so it is doubled.
        const QString shown = QString(term).replace(QLatin1Char('&'), QLatin1String("&&"));
        QAction *in = menu->addAction(tr("Filter for %1").arg(shown.left(80)));
        in->setObjectName(QStringLiteral("filterFor"));
        connect(in, &QAction::triggered, this, [this, term] { addTerm(term); });
        QAction *out = menu->addAction(tr("Filter out %1").arg(shown.left(80)));
        out->setObjectName(QStringLiteral("filterOut"));
        connect(out, &QAction::triggered, this,
                [this, term] { addTerm(QStringLiteral("NOT ") + term); });
    }
    if (cell.entity != Cell::Entity::None && !cell.value.isEmpty()) {
        QAction *sel = menu->addAction(cell.entity == Cell::Entity::Address
                                               ? tr("Select this address everywhere")
                                               : tr("Select this account everywhere"));
        sel->setObjectName(QStringLiteral("selectEntity"));
        connect(sel, &QAction::triggered, this, [this, cell] { select(cell); });
    }
    const QString copied = cell.value.isEmpty() ? index.data().toString() : cell.value;
    QAction *copy = menu->addAction(tr("Copy"));
    copy->setObjectName(QStringLiteral("copyValue"));
    connect(copy, &QAction::triggered, this,
            [copied] { QApplication::clipboard()->setText(copied); });
    if (m_extend)
        m_extend(menu);
    return menu;
}

void EventPivots::contextMenu(const QPoint &pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    // A right-click outside the selected rows acts on the clicked row (as file managers do).
    if (!m_table->selectionModel()->isRowSelected(index.row(), {}))
        m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                                  | QItemSelectionModel::Rows);
    QMenu *menu = menuFor(index, m_table);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(m_table->viewport()->mapToGlobal(pos));
}

} // namespace netcase
