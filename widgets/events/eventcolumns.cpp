#include "eventcolumns.h"

#include "core/displaytext.h"
#include "items/eventtablemodel.h"
#include "items/roles.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMenu>
#include <QSettings>
#include <QTableView>

#include <algorithm>

namespace netcase {

namespace {
const char *const kSettingsKey = "events/columns";
} // namespace

EventColumns::EventColumns(QTableView *table)
    : QObject(table)
    , m_table(table)
{
    QHeaderView *header = m_table->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu *m = menu(m_table);
        m->setAttribute(Qt::WA_DeleteOnClose);
        m->popup(m_table->horizontalHeader()->mapToGlobal(pos));
    });
    auto *copy = new QAction(tr("Copy rows"), m_table);
    copy->setObjectName(QStringLiteral("copyRows"));
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &EventColumns::copySelected);
    m_table->addAction(copy);
    restore();
}

QMenu *EventColumns::menu(QWidget *parent)
{
    auto *m = new QMenu(parent);
    m->setObjectName(QStringLiteral("eventColumnsMenu"));
    const QAbstractItemModel *model = m_table->model();
    for (int c = 0; c < model->columnCount(); ++c) {
        const QString title = model->headerData(c, Qt::Horizontal).toString();
        QAction *a = m->addAction(QString(title).replace(QLatin1Char('&'), QLatin1String("&&")));
        a->setObjectName(QStringLiteral("column:") + title);
        a->setCheckable(true);
        a->setChecked(!m_table->isColumnHidden(c));
        a->setToolTip(model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString());
        connect(a, &QAction::toggled, this, [this, c](bool on) { setShown(c, on); });
        if (c == EventTableModel::ColumnCount - 1)
            m->addSeparator(); // the optional columns follow
    }
    return m;
}

void EventColumns::setShown(int column, bool shown)
{
    m_table->setColumnHidden(column, !shown);
    save();
}

void EventColumns::save() const
{
    QStringList shown, hidden;
    const QAbstractItemModel *model = m_table->model();
    for (int c = 0; c < model->columnCount(); ++c) {
        const QString title = model->headerData(c, Qt::Horizontal).toString();
        (m_table->isColumnHidden(c) ? hidden : shown) << title;
    }
    QSettings s;
    s.setValue(QString::fromLatin1(kSettingsKey) + QStringLiteral("/shown"), shown);
    s.setValue(QString::fromLatin1(kSettingsKey) + QStringLiteral("/hidden"), hidden);
}

void EventColumns::restore()
{
    QSettings s;
    const QStringList shown
            = s.value(QString::fromLatin1(kSettingsKey) + QStringLiteral("/shown")).toStringList();
    const QStringList hidden
            = s.value(QString::fromLatin1(kSettingsKey) + QStringLiteral("/hidden")).toStringList();
    const QAbstractItemModel *model = m_table->model();
    for (int c = 0; c < model->columnCount(); ++c) {
        const QString title = model->headerData(c, Qt::Horizontal).toString();
        // Optional columns start hidden; a saved choice wins either way.
        const bool optional = c >= EventTableModel::ColumnCount;
        m_table->setColumnHidden(c, hidden.contains(title) || (optional && !shown.contains(title)));
    }
}

QString EventColumns::selectedAsTsv() const
{
    const QAbstractItemModel *model = m_table->model();
    const QHeaderView *header = m_table->horizontalHeader();
    std::vector<int> columns;
    for (int v = 0; v < header->count(); ++v) {
        const int c = header->logicalIndex(v);
        if (!m_table->isColumnHidden(c))
            columns.push_back(c);
    }
    std::vector<int> rows;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        rows.push_back(i.row());
    std::sort(rows.begin(), rows.end());
    const auto cell = [](const QVariant &v) {
        // One line per row, one cell per column: tabs and line breaks become visible symbols.
        return displaySafe(v.toString(), LineBreaks::Show);
    };
    QStringList lines;
    QStringList head;
    for (int c : columns)
        head << cell(model->headerData(c, Qt::Horizontal));
    lines << head.join(QLatin1Char('\t'));
    for (int r : rows) {
        QStringList line;
        for (int c : columns)
            line << cell(model->index(r, c).data(roles::FullText));
        lines << line.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void EventColumns::copySelected() const
{
    if (m_table->selectionModel()->selectedRows().isEmpty())
        return;
    QApplication::clipboard()->setText(selectedAsTsv());
}

} // namespace netcase
