#pragma once

// The event table: virtualised over the case. It holds only the ordered event ids matching the
// filter (8 bytes a row) and reads rows in pages of 256 on demand, so a million-event case
// scrolls smoothly without loading events. The ids are read on a worker thread with a
// connection of its own (0.1-0.3 s for a million events, longer for larger cases): the table
// keeps showing the previous rows until they arrive, then resets once and emits loaded().

#include "case/eventquery.h"
#include "items/caseload.h"

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
    /// Reloads ids after the case changed. Asynchronous: see loaded().
    void reload();
    /// True from a reload() until its ids are in place.
    bool isLoading() const { return m_load.running(); }
    /// Events in the whole case as counted by the last load, whatever the filter.
    std::int64_t caseEvents() const { return m_caseEvents; }
    /// Why the last load failed; empty when it did not.
    const QString &loadError() const { return m_loadError; }

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

Q_SIGNALS:
    /// The ids of the latest reload() (or setFilter(), setSession()) are in place.
    void loaded();

private:
    struct Loaded
    {
        std::vector<std::int64_t> ids; ///< ascending time
        std::int64_t caseEvents = 0;
        QString error;
    };
    static constexpr int kPage = 256;
    const std::vector<EventRow> *page(int pageNo) const;
    void apply(Loaded result);

    CaseSession *m_session = nullptr;
    EventFilter m_filter;
    std::vector<std::int64_t> m_ids;
    Qt::SortOrder m_order = Qt::AscendingOrder;
    mutable QCache<int, std::vector<EventRow>> m_pages{64};
    CaseLoad<Loaded> m_load{this, [this](Loaded result) {
                                apply(std::move(result));
                            }};
    std::int64_t m_caseEvents = 0;
    QString m_loadError;
};

} // namespace netcase
