#pragma once

// Reading events back: a filter that maps to indexed SQL, and rows with strings resolved.

#include "core/event.h"
#include "core/result.h"
#include "store/eventhalves.h"
#include "store/rawblock.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace netcase {

class Database;
class Statement;

/// A condition from the query language (model/query), compiled for this case's SQL.
struct EventCondition
{
    std::string where = "1";        ///< over `events e`; lets every match through
    std::vector<std::string> flags; ///< SQL expressions read with each row, for check
    /// Set when SQL alone cannot decide (text in the raw record): decides each row that
    /// passed `where`, given its record (null when the case does not hold it) and its flags
    /// (NULL read as 0).
    std::function<bool(const std::string *raw, const std::vector<char> &flags)> check;
};

/// Something that becomes an EventCondition on the connection that runs the read (a query
/// resolves names and patterns against that connection's dictionaries), so a view can hand
/// it to a worker.
class EventPredicate
{
public:
    virtual ~EventPredicate() = default;
    virtual EventCondition conditionFor(const Database &db) const = 0;
};

struct EventFilter
{
    QStringList ips;                    ///< source, client or destination address equal to any
    QStringList users;                  ///< user.name equal to any
    std::optional<std::int64_t> fromUs; ///< inclusive
    std::optional<std::int64_t> toUs;   ///< exclusive
    std::vector<std::int64_t> eventIds; ///< restrict to these ids (evidence of a finding)
    int outcome = -1;                   ///< -1 any, else Outcome value
    std::int64_t limit = -1;
    /// A query (model/query/eventsearch.h), ANDed with the rest; null for none.
    std::shared_ptr<const EventPredicate> predicate;

    bool isEmpty() const
    {
        return ips.isEmpty() && users.isEmpty() && !fromUs && !toUs && eventIds.empty()
               && outcome < 0 && !predicate;
    }
    /// The WHERE clause (without "WHERE"), "1" when empty, without the predicate (which
    /// needs a connection: EventQuery adds it). Values are bound by bindTo().
    QString whereSql() const;
};

/// Binds the values of f.whereSql()'s placeholders, in its order, from parameter 1.
void bindEventFilter(Statement &st, const EventFilter &f);

/// An event as read back, with every interned string resolved.
struct EventRow
{
    std::int64_t id = 0;
    std::int64_t sourceId = 0;
    QString sourceName;
    Event event;
};

class EventQuery
{
public:
    explicit EventQuery(const Database &db)
        : m_db(db)
    {}

    std::int64_t count(const EventFilter &filter) const;
    /// Ids in time order (ascending), for a virtualised table.
    std::vector<std::int64_t> ids(const EventFilter &filter) const;
    /// Rows for the given ids, in the order given.
    std::vector<EventRow> rows(const std::vector<std::int64_t> &ids) const;
    /// Streams rows in time order; the callback returns false to stop.
    void forEach(const EventFilter &filter, const std::function<bool(const EventRow &)> &fn) const;
    /// The original record text of an event (stored, or rebuilt from the row's fields when the
    /// import found that they give it back exactly), if the case holds it. The last block read is
    /// kept, so the records of consecutive events cost one decompression per block; it is not
    /// refreshed when the case changes, so keep an EventQuery for one read, not for a session.
    std::optional<std::string> raw(const EventRow &row) const;

private:
    /// The filter's WHERE clause with its predicate's condition (into cond, if any).
    QString where(const EventFilter &f, std::optional<EventCondition> &cond) const;
    /// Ids in time order of the rows the condition's check accepts (limit applied).
    std::vector<std::int64_t>
    checkedIds(const EventFilter &f, const QString &where, const EventCondition &cond) const;
    /// (time, id) of the rows in range the check accepts, in time order.
    std::vector<std::pair<std::int64_t, std::int64_t>> checkedRange(const EventFilter &f,
                                                                    const QString &where,
                                                                    const EventCondition &cond,
                                                                    EventIdRange range) const;

    struct RawCache
    {
        std::int64_t sourceId = -1;
        std::int64_t firstLine = -1;
        std::int64_t lastLine = -1;
        RawBlockReader block;
    };
    const Database &m_db;
    mutable RawCache m_raw;
};

} // namespace netcase
