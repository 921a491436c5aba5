#pragma once

// The event table: virtualised over the case. It holds only the ordered event ids matching the
// filter (8 bytes a row) and reads rows in pages of 256 on demand, so a million-event case
// scrolls smoothly without loading events.

#include "case/eventquery.h"

#include <QAbstractTableModel>
#include <QCache>

#include <vector>

namespace netcase {

class CaseSession;

class EventTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Time,
        SourceIp,
        User,
        Outcome,
        Action,
        Method,
        Url,
        Status,
        UserAgent,
        Source,
        ColumnCount
    };

    explicit EventTableModel(QObject *parent = nullptr);

    /// Shows the session's events (null clears the table).
    void setSession(CaseSession *session);
    void setFilter(const EventFilter &filter);
    const EventFilter &filter() const { return m_filter; }
    /// Reloads ids after the case changed.
    void reload();

    /// The row showing an event, or -1.
    int rowOfEvent(std::int64_t eventId) const;
    std::int64_t eventIdAt(int row) const;
    /// The full row (fetched through the page cache).
    const EventRow *rowAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    static constexpr int kPage = 256;
    const std::vector<EventRow> *page(int pageNo) const;

    CaseSession *m_session = nullptr;
    EventFilter m_filter;
    std::vector<std::int64_t> m_ids;
    Qt::SortOrder m_order = Qt::AscendingOrder;
    mutable QCache<int, std::vector<EventRow>> m_pages{64};
};

} // namespace netcase
