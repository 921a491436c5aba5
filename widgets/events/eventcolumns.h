#pragma once

// The event table's column chooser and its copy: a right-click on the header lists every
// column (the fixed ones and the optional fields of the field table: destination address and
// port, bytes, host, session, country, AS...) with a check box; the choice is kept in the
// settings (events/columns). Ctrl+C copies the selected rows as tab-separated text with a
// header of the visible columns, each cell through displaySafe (a tab or line break in a value
// cannot split a cell).

#include <QObject>
#include <QPoint>
#include <QString>

class QMenu;
class QTableView;

namespace netcase {

class EventColumns : public QObject
{
    Q_OBJECT
public:
    explicit EventColumns(QTableView *table);

    /// The header's menu (the caller shows it). Public for tests.
    QMenu *menu(QWidget *parent);
    /// The selected rows as TSV (header first), visible columns in their visual order.
    QString selectedAsTsv() const;
    void copySelected() const;

private:
    void setShown(int column, bool shown);
    void save() const;
    void restore();

    QTableView *m_table;
};

} // namespace netcase
