#pragma once

// The event table: virtualised over the case. It holds only the ordered event ids matching the
// filter (8 bytes a row) and reads rows in pages of 256 on demand, so a million-event case
// scrolls smoothly without loading events. The ids are read on a worker thread with a
// connection of its own (0.1-0.3 s for a million events, longer for larger cases): the table
// keeps showing the previous rows until they arrive, then resets once and emits loaded().

#include "case/eventquery.h"
#include "case/notestore.h"
#include "items/caseload.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QHash>

#include <memory>

#include <vector>

namespace netcase {

class CaseSession;
class EcsDecorator;
struct FieldDef;

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
        Notes,      ///< star and tags (case/notestore.h); shown first by the events view
        ColumnCount ///< the fixed columns; optional ones follow (optionalColumn())
    };

    /// A column beyond the fixed ones: a field of the field table the fixed columns do not show
    /// (destination address and port, bytes, host, session...), or the country or AS of the
    /// source address from enrichment. The views hide them until chosen.
    struct OptionalColumn
    {
        const FieldDef *field = nullptr; ///< null for the enrichment columns
        enum class Enriched { None, Country, Asn } enriched = Enriched::None;
        const char *ecs = ""; ///< the header and its query name
    };
    /// The optional column at a column index (null for a fixed column).
    static const OptionalColumn *optionalColumn(int column);

    explicit EventTableModel(QObject *parent = nullptr);
    ~EventTableModel() override;

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
    /// What the notes say about an event (null when it has none).
    const EventMarks *marksOf(std::int64_t eventId) const;
    /// Rereads the notes (cheap: only noted events) and repaints the notes column.
    void refreshMarks();

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
    std::map<std::int64_t, EventMarks> m_marks;
    QVariant optionalData(const OptionalColumn &c, const EventRow &r) const;
    /// Country and AS per source address, read once per address through the ECS decorator.
    mutable std::unique_ptr<EcsDecorator> m_decorator;
    mutable QHash<QString, std::pair<QString, QString>> m_geo;
};

} // namespace netcase
