#include "eventquery.h"

#include "case/sqlite.h"
#include "core/rawform.h"
#include "store/eventhalves.h"
#include "store/eventstore.h"
#include "store/eventwriter.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <unordered_map>
#include <vector>

namespace netcase {

namespace {

// Columns selected for an EventRow, in the order readRow() expects.
constexpr const char *kSelect
        = "SELECT e.id, e.source_id, src.name, e.line, e.ts, e.tz_offset, e.outcome, "
          "(SELECT s FROM strs WHERE id = e.category), (SELECT s FROM strs WHERE id = e.action), "
          "(SELECT ip FROM ips WHERE id = e.source_ip), e.source_port, "
          "(SELECT s FROM strs WHERE id = e.source_domain), "
          "(SELECT ip FROM ips WHERE id = e.client_ip), "
          "(SELECT ip FROM ips WHERE id = e.destination_ip), e.destination_port, "
          "(SELECT s FROM strs WHERE id = e.destination_domain), "
          "(SELECT s FROM strs WHERE id = e.host), (SELECT s FROM strs WHERE id = e.user), "
          "(SELECT s FROM strs WHERE id = e.user_agent), "
          "(SELECT s FROM strs WHERE id = e.http_method), (SELECT s FROM strs WHERE id = e.url), "
          "e.status, e.body_bytes, (SELECT s FROM strs WHERE id = e.transport), "
          "(SELECT s FROM strs WHERE id = e.session), (SELECT s FROM strs WHERE id = e.device), "
          "(SELECT s FROM strs WHERE id = e.mfa), e.source_bytes, e.destination_bytes, e.packets, "
          "e.duration, e.labels FROM events e JOIN sources src ON src.id = e.source_id ";

std::int64_t numOr(const Statement &st, int col)
{
    return st.isNull(col) ? -1 : st.int64(col);
}

// The same columns with the texts as dictionary ids (and the source id again in place of its
// name), for TextResolver.
#define NETCASE_SELECT_IDS                                                                         \
    "SELECT e.id, e.source_id, e.source_id, e.line, e.ts, e.tz_offset, e.outcome, "                \
    "e.category, e.action, e.source_ip, e.source_port, e.source_domain, e.client_ip, "             \
    "e.destination_ip, e.destination_port, e.destination_domain, e.host, e.user, "                 \
    "e.user_agent, e.http_method, e.url, e.status, e.body_bytes, e.transport, e.session, "         \
    "e.device, e.mfa, e.source_bytes, e.destination_bytes, e.packets, e.duration, e.labels"
constexpr const char *kSelectIds = NETCASE_SELECT_IDS " FROM events e ";
constexpr const char *kSelectIdsColumns = NETCASE_SELECT_IDS;
#undef NETCASE_SELECT_IDS
constexpr int kColumnCount = 32;
/// Checks over at least this many events read the two halves of the id range at once.
constexpr std::int64_t kSplitCheckedEvents = 200000;

constexpr int kSourceNameColumn = 2;
constexpr int kLabelsColumn = 31;

bool isIpColumn(int col)
{
    return col == 9 || col == 12 || col == 13;
}

/// Texts of kSelectIds rows, each dictionary id looked up once: streaming many events, the
/// same accounts, addresses and user agents come back again and again, and a subquery per
/// column and row was half the time of `netcase events`. Dictionary ids are dense from 1, so the
/// first kDenseIds of them are kept in a vector indexed by id (a hash look-up and a copy per
/// text column and row were a third of a raw-word search over every event); the rare larger ids
/// in a map that starts again past kMaxEntries. The source's name is converted to a QString once
/// per source, not per row.
class TextResolver
{
public:
    explicit TextResolver(const Database &db)
        : m_strs(db.prepare("SELECT s FROM strs WHERE id = ?"))
        , m_ips(db.prepare("SELECT ip FROM ips WHERE id = ?"))
        , m_sources(db.prepare("SELECT name FROM sources WHERE id = ?"))
    {}

    std::string operator()(const Statement &row, int col)
    {
        if (col == kLabelsColumn)
            return std::string(row.textView(col));
        if (row.isNull(col))
            return {};
        const std::int64_t id = row.int64(col);
        if (col == kSourceNameColumn)
            return lookup(m_sourceNames, m_sources, id);
        return isIpColumn(col) ? lookup(m_ipTexts, m_ips, id) : lookup(m_strTexts, m_strs, id);
    }

    /// The row's source name (kSourceNameColumn), converted once per source.
    QString sourceName(const Statement &row)
    {
        const std::int64_t id = row.isNull(kSourceNameColumn) ? -1 : row.int64(kSourceNameColumn);
        if (id != m_lastSource || m_lastSourceName.isNull()) {
            m_lastSource = id;
            m_lastSourceName
                    = id < 0 ? QString(QLatin1String(""))
                             : QString::fromStdString(lookup(m_sourceNames, m_sources, id));
        }
        return m_lastSourceName;
    }

private:
    static constexpr size_t kMaxEntries = size_t{1} << 20;
    static constexpr std::int64_t kDenseIds = std::int64_t{1} << 20;
    struct Cache
    {
        std::vector<std::string> dense; ///< by id, below kDenseIds
        std::vector<char> known;        ///< dense[id] was read
        std::unordered_map<std::int64_t, std::string> sparse;
    };

    static const std::string &lookup(Cache &cache, Statement &st, std::int64_t id)
    {
        const bool dense = id >= 0 && id < kDenseIds;
        if (dense && size_t(id) < cache.known.size() && cache.known[size_t(id)])
            return cache.dense[size_t(id)];
        if (!dense)
            if (auto it = cache.sparse.find(id); it != cache.sparse.end())
                return it->second;
        st.bind(1, id);
        std::string text = st.step() ? std::string(st.textView(0)) : std::string();
        st.reset();
        if (dense) {
            if (size_t(id) >= cache.known.size()) {
                const size_t size = std::min(size_t(kDenseIds),
                                             std::max(size_t(id) + 1, cache.known.size() * 2));
                cache.known.resize(size, 0);
                cache.dense.resize(size);
            }
            cache.known[size_t(id)] = 1;
            return cache.dense[size_t(id)] = std::move(text);
        }
        if (cache.sparse.size() >= kMaxEntries)
            cache.sparse.clear();
        return cache.sparse.emplace(id, std::move(text)).first->second;
    }

    Statement m_strs;
    Statement m_ips;
    Statement m_sources;
    Cache m_strTexts;
    Cache m_ipTexts;
    Cache m_sourceNames;
    std::int64_t m_lastSource = -2;
    QString m_lastSourceName;
};

template<typename TextOf>
EventRow readRow(const Statement &st, TextOf &&textOf)
{
    EventRow r;
    r.id = st.int64(0);
    r.sourceId = st.int64(1);
    if constexpr (requires { textOf.sourceName(st); })
        r.sourceName = textOf.sourceName(st);
    else
        r.sourceName = QString::fromStdString(textOf(st, kSourceNameColumn));
    Event &e = r.event;
    e.line = st.int64(3);
    e.timestampUs = st.int64(4);
    e.tzOffsetMin = st.isNull(5) ? kNoOffset : std::int16_t(st.int64(5));
    e.outcome = Outcome(st.int64(6));
    auto s = [&](int col) {
        return textOf(st, col);
    };
    e.category = s(7);
    e.action = s(8);
    e.sourceIp = s(9);
    e.sourcePort = std::int32_t(numOr(st, 10));
    e.sourceDomain = s(11);
    e.clientIp = s(12);
    e.destinationIp = s(13);
    e.destinationPort = std::int32_t(numOr(st, 14));
    e.destinationDomain = s(15);
    e.hostName = s(16);
    e.userName = s(17);
    e.userAgent = s(18);
    e.httpMethod = s(19);
    e.urlPath = s(20);
    e.statusCode = std::int32_t(numOr(st, 21));
    e.bodyBytes = numOr(st, 22);
    e.transport = s(23);
    e.sessionId = s(24);
    e.deviceId = s(25);
    e.mfa = s(26);
    e.sourceBytes = numOr(st, 27);
    e.destinationBytes = numOr(st, 28);
    e.packets = numOr(st, 29);
    e.durationUs = numOr(st, 30);
    e.labels = s(kLabelsColumn);
    return r;
}

EventRow readRow(const Statement &st)
{
    return readRow(st, [](const Statement &row, int col) {
        return col == kSourceNameColumn ? row.text(col).toStdString()
                                        : std::string(row.textView(col));
    });
}

} // namespace

void bindEventFilter(Statement &st, const EventFilter &f)
{
    int i = 1;
    for (const QString &ip : f.ips) {
        st.bind(i++, ip);
        st.bind(i++, ip);
        st.bind(i++, ip);
    }
    for (const QString &u : f.users)
        st.bind(i++, u);
    if (f.fromUs)
        st.bind(i++, *f.fromUs);
    if (f.toUs)
        st.bind(i++, *f.toUs);
    if (f.outcome >= 0)
        st.bind(i++, f.outcome);
}

QString EventFilter::whereSql() const
{
    QStringList parts;
    if (!ips.isEmpty()) {
        QStringList ors;
        for (qsizetype i = 0; i < ips.size(); ++i)
            ors << QStringLiteral("e.source_ip = (SELECT id FROM ips WHERE ip = ?) OR e.client_ip "
                                  "= (SELECT id FROM ips WHERE ip = ?) OR e.destination_ip = "
                                  "(SELECT id FROM ips WHERE ip = ?)");
        parts << QLatin1Char('(') + ors.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    }
    if (!users.isEmpty()) {
        QStringList ors;
        for (qsizetype i = 0; i < users.size(); ++i)
            ors << QStringLiteral("e.user = (SELECT id FROM strs WHERE s = ?)");
        parts << QLatin1Char('(') + ors.join(QStringLiteral(" OR ")) + QLatin1Char(')');
    }
    if (fromUs)
        parts << QStringLiteral("e.ts >= ?");
    if (toUs)
        parts << QStringLiteral("e.ts < ?");
    if (outcome >= 0)
        parts << QStringLiteral("e.outcome = ?");
    if (!eventIds.empty()) {
        QString list;
        list.reserve(qsizetype(eventIds.size()) * 8);
        for (std::int64_t id : eventIds) {
            if (!list.isEmpty())
                list += QLatin1Char(',');
            list += QString::number(id);
        }
        parts << QStringLiteral("e.id IN (%1)").arg(list);
    }
    return parts.isEmpty() ? QStringLiteral("1") : parts.join(QStringLiteral(" AND "));
}

std::int64_t EventQuery::count(const EventFilter &f) const
{
    // The blocks know their sizes: no need to walk a million rows through the virtual table
    // (about 60 ms per million events) to count them all.
    if (f.isEmpty())
        return eventStoreStats(m_db).events;
    std::optional<EventCondition> cond;
    const QString w = where(f, cond);
    if (cond && cond->check) {
        EventFilter unlimited = f;
        unlimited.limit = -1;
        return std::int64_t(checkedIds(unlimited, w, *cond).size());
    }
    const QByteArray sql = (QStringLiteral("SELECT count(*) FROM events e WHERE ") + w).toUtf8();
    Statement st = m_db.prepare(std::string_view(sql.constData(), size_t(sql.size())));
    bindEventFilter(st, f);
    return st.step() ? st.int64(0) : 0;
}

std::vector<std::int64_t> EventQuery::ids(const EventFilter &f) const
{
    // Sorted here rather than by ORDER BY: events arrive mostly in time order, which the
    // check below turns into no sort at all, where SQLite would sort every row.
    std::optional<EventCondition> cond;
    const QString w = where(f, cond);
    if (cond && cond->check)
        return checkedIds(f, w, *cond);
    const QByteArray utf8 = (QStringLiteral("SELECT e.ts, e.id FROM events e WHERE ") + w).toUtf8();
    Statement st = m_db.prepare(std::string_view(utf8.constData(), size_t(utf8.size())));
    bindEventFilter(st, f);
    std::vector<std::pair<std::int64_t, std::int64_t>> byTime;
    while (st.step())
        byTime.emplace_back(st.int64(0), st.int64(1));
    if (!std::is_sorted(byTime.begin(), byTime.end()))
        std::sort(byTime.begin(), byTime.end());
    if (f.limit >= 0 && byTime.size() > size_t(f.limit))
        byTime.resize(size_t(f.limit));
    std::vector<std::int64_t> out;
    out.reserve(byTime.size());
    for (const auto &[ts, id] : byTime)
        out.push_back(id);
    return out;
}

std::vector<EventRow> EventQuery::rows(const std::vector<std::int64_t> &ids) const
{
    std::vector<EventRow> out;
    if (ids.empty())
        return out;
    std::string sql = kSelect;
    sql += "WHERE e.id IN (";
    for (size_t i = 0; i < ids.size(); ++i) {
        if (i)
            sql += ',';
        sql += std::to_string(ids[i]);
    }
    sql += ')';
    Statement st = m_db.prepare(sql);
    std::unordered_map<std::int64_t, EventRow> byId;
    while (st.step()) {
        EventRow r = readRow(st);
        byId.emplace(r.id, std::move(r));
    }
    out.reserve(ids.size());
    for (std::int64_t id : ids) {
        auto it = byId.find(id);
        if (it != byId.end())
            out.push_back(std::move(it->second));
    }
    return out;
}

void EventQuery::forEach(const EventFilter &f,
                         const std::function<bool(const EventRow &)> &fn) const
{
    // The time order comes from ids() (16 bytes an event). An ORDER BY e.ts over whole rows
    // would make SQLite sort every row in memory. When time order is id order (events imported
    // in time order, the usual case) one statement streams the rows in id order, which the
    // event store returns without sorting; otherwise rows are read a page of ids at a time.
    EventFilter unlimited = f;
    unlimited.limit = -1;
    std::vector<std::int64_t> all = ids(unlimited);
    std::optional<EventCondition> cond;
    const QString w = where(f, cond);
    // Rows a check decided are read by id below rather than decided again.
    if (!(cond && cond->check)
        && std::is_sorted(all.begin(),
                          all.end())) { // then the first N by id are the first N in time
        QString sql = QString::fromLatin1(kSelectIds) + QStringLiteral("WHERE ") + w
                      + QStringLiteral(" ORDER BY e.id");
        if (f.limit >= 0)
            sql += QStringLiteral(" LIMIT %1").arg(f.limit);
        const QByteArray utf8 = sql.toUtf8();
        Statement st = m_db.prepare(std::string_view(utf8.constData(), size_t(utf8.size())));
        bindEventFilter(st, f);
        TextResolver texts(m_db);
        while (st.step()) {
            if (!fn(readRow(st, texts)))
                return;
        }
        return;
    }
    if (f.limit >= 0 && all.size() > size_t(f.limit))
        all.resize(size_t(f.limit));
    constexpr size_t kPage = 1000;
    for (size_t begin = 0; begin < all.size(); begin += kPage) {
        const std::vector<std::int64_t> page(
                all.begin() + std::ptrdiff_t(begin),
                all.begin() + std::ptrdiff_t(std::min(all.size(), begin + kPage)));
        for (const EventRow &row : rows(page)) {
            if (!fn(row))
                return;
        }
    }
}

QString EventQuery::where(const EventFilter &f, std::optional<EventCondition> &cond) const
{
    QString w = f.whereSql();
    if (!f.predicate)
        return w;
    cond = f.predicate->conditionFor(m_db);
    return w + QStringLiteral(" AND (") + QString::fromStdString(cond->where) + QLatin1Char(')');
}

std::vector<std::int64_t>
EventQuery::checkedIds(const EventFilter &f, const QString &where, const EventCondition &cond) const
{
    // A check reads every row the SQL part lets through and, for words, phrases and regular
    // expressions, its raw record: on a large case the two halves of the id range are read at
    // once, each through its own EventQuery (its own raw-block cache).
    std::vector<std::pair<std::int64_t, std::int64_t>> halves[2];
    readInHalves(m_db, kSplitCheckedEvents,
                 [&](const Database &conn, EventIdRange range, int half) {
                     halves[half] = EventQuery(conn).checkedRange(f, where, cond, range);
                 });
    std::vector<std::pair<std::int64_t, std::int64_t>> byTime;
    byTime.reserve(halves[0].size() + halves[1].size());
    std::merge(halves[0].begin(), halves[0].end(), halves[1].begin(), halves[1].end(),
               std::back_inserter(byTime));
    if (f.limit >= 0 && byTime.size() > size_t(f.limit))
        byTime.resize(size_t(f.limit));
    std::vector<std::int64_t> out;
    out.reserve(byTime.size());
    for (const auto &[ts, id] : byTime)
        out.push_back(id);
    return out;
}

std::vector<std::pair<std::int64_t, std::int64_t>>
EventQuery::checkedRange(const EventFilter &f,
                         const QString &where,
                         const EventCondition &cond,
                         EventIdRange range) const
{
    std::string sql = kSelectIdsColumns;
    for (const std::string &flag : cond.flags)
        sql += ", " + flag;
    sql += " FROM events e WHERE e.id BETWEEN " + std::to_string(range.lo) + " AND "
           + std::to_string(range.hi) + " AND (" + where.toStdString() + ')';
    Statement st = m_db.prepare(sql);
    bindEventFilter(st, f);
    TextResolver texts(m_db);
    std::vector<char> flags(cond.flags.size());
    std::vector<std::pair<std::int64_t, std::int64_t>> byTime;
    while (st.step()) {
        const EventRow row = readRow(st, texts);
        for (size_t i = 0; i < flags.size(); ++i)
            flags[i] = !st.isNull(kColumnCount + int(i)) && st.int64(kColumnCount + int(i)) != 0;
        const std::optional<std::string> text = raw(row);
        if (cond.check(text ? &*text : nullptr, flags))
            byTime.emplace_back(row.event.timestampUs, row.id);
    }
    if (!std::is_sorted(byTime.begin(), byTime.end()))
        std::sort(byTime.begin(), byTime.end());
    return byTime;
}

std::optional<std::string> EventQuery::raw(const EventRow &row) const
{
    const std::int64_t sourceId = row.sourceId, line = row.event.line;
    if (sourceId != m_raw.sourceId || line < m_raw.firstLine || line > m_raw.lastLine) {
        Statement st = m_db.prepare("SELECT first_line, last_line, data FROM raw_blocks WHERE "
                                    "source_id = ? AND first_line <= ? "
                                    "ORDER BY first_line DESC LIMIT 1");
        st.bind(1, sourceId).bind(2, line);
        if (!st.step())
            return std::nullopt;
        m_raw.sourceId = sourceId;
        m_raw.firstLine = st.int64(0);
        m_raw.lastLine = st.int64(1);
        (void)m_raw.block.load(st.blob(2));
    }
    const auto stored = m_raw.block.record(line);
    if (!stored)
        return std::nullopt;
    if (!stored->rebuilt)
        return std::string(stored->text);
    std::string text;
    if (!rawform::render(stored->text, row.event, text))
        return std::nullopt; // a form this build does not know
    return text;
}

} // namespace netcase
