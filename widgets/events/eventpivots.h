#pragma once

// Pivots from the event table's cells: a click on an address or account selects it in every
// view (the selection hub); a right-click offers filter for / filter out (which edit the
// search bar's query), select this entity and copy.

#include <QObject>
#include <QPoint>
#include <QString>

#include <functional>

class QMenu;
class QTableView;

namespace netcase {

class EventTableModel;
class SearchBar;
class SelectionHub;

class EventPivots : public QObject
{
    Q_OBJECT
public:
    EventPivots(QTableView *table, EventTableModel *model, SearchBar *search, SelectionHub &hub);

    /// The menu for a cell (empty for none); the caller shows it. Public for tests.
    QMenu *menuFor(const QModelIndex &index, QWidget *parent);
    /// Further entries for every cell menu (the notes on the selected rows).
    void setMenuExtension(std::function<void(QMenu *)> extend) { m_extend = std::move(extend); }

private:
    struct Cell
    {
        QString field; ///< query name ("src"), empty when the column has none
        QString value; ///< full value (not the table's shortened text)
        bool numeric = false;
        enum class Entity { None, Address, Account } entity = Entity::None;
    };
    Cell cellAt(const QModelIndex &index) const;
    void clicked(const QModelIndex &index);
    void contextMenu(const QPoint &pos);
    void addTerm(const QString &term);
    void select(const Cell &cell);

    QTableView *m_table;
    EventTableModel *m_model;
    SearchBar *m_search;
    SelectionHub &m_hub;
    std::function<void(QMenu *)> m_extend;
};

} // namespace netcase
