#include "eventtablemodel.h"

#include "case/casesession.h"
#include "core/timeutil.h"
#include "items/roles.h"

#include <QDateTime>

#include <algorithm>

namespace netcase {

EventTableModel::EventTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void EventTableModel::setSession(CaseSession *session)
{
    m_session = session;
    reload();
}

void EventTableModel::setFilter(const EventFilter &filter)
{
    m_filter = filter;
    reload();
}

void EventTableModel::reload()
{
    m_load.cancel(); // a newer load supersedes the one in flight
    if (!m_session) {
        apply({});
        return;
    }
    const EventFilter filter = m_filter;
    const netcase::Status started
            = m_load.start(*m_session, [filter](const Database &db, const std::atomic<bool> &) {
                  Loaded out;
                  const EventQuery query(db);
                  out.ids = query.ids(filter);
                  out.caseEvents
                          = filter.isEmpty() ? std::int64_t(out.ids.size()) : query.count({});
                  return out;
              });
    if (!started.ok())
        apply({{}, 0, started.error().message});
}

void EventTableModel::apply(Loaded result)
{
    beginResetModel();
    m_pages.clear();
    m_ids = std::move(result.ids);
    if (m_order == Qt::DescendingOrder)
        std::reverse(m_ids.begin(), m_ids.end());
    m_caseEvents = result.caseEvents;
    m_loadError = std::move(result.error);
    endResetModel();
    Q_EMIT loaded();
}

int EventTableModel::rowOfEvent(std::int64_t eventId) const
{
    const auto it = std::find(m_ids.begin(), m_ids.end(), eventId);
    return it == m_ids.end() ? -1 : int(it - m_ids.begin());
}

std::int64_t EventTableModel::eventIdAt(int row) const
{
    return row >= 0 && size_t(row) < m_ids.size() ? m_ids[size_t(row)] : 0;
}

const std::vector<EventRow> *EventTableModel::page(int pageNo) const
{
    if (auto *p = m_pages.object(pageNo))
        return p;
    if (!m_session)
        return nullptr;
    const size_t begin = size_t(pageNo) * kPage;
    const size_t end = std::min(m_ids.size(), begin + kPage);
    std::vector<std::int64_t> ids(m_ids.begin() + qsizetype(begin), m_ids.begin() + qsizetype(end));
    auto *rows = new std::vector<EventRow>(EventQuery(m_session->db()).rows(ids));
    m_pages.insert(pageNo, rows);
    return rows;
}

const EventRow *EventTableModel::rowAt(int row) const
{
    if (row < 0 || size_t(row) >= m_ids.size())
        return nullptr;
    const auto *p = page(row / kPage);
    const size_t i = size_t(row % kPage);
    if (!p || i >= p->size())
        return nullptr;
    return &(*p)[i];
}

int EventTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const EventRow *r = rowAt(index.row());
    if (!r)
        return {};
    const Event &e = r->event;
    auto q = [](const std::string &s) {
        return QString::fromStdString(s);
    };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return utcMillis(e.timestampUs);
        case SourceIp:
            return e.sourceIp.empty() ? q(e.sourceDomain) : q(e.sourceIp);
        case User:
            return q(e.userName);
        case Outcome:
            return QString::fromLatin1(outcomeName(e.outcome));
        case Action:
            return q(e.action);
        case Method:
            return q(e.httpMethod);
        case Url:
            return q(e.urlPath).left(300);
        case Status:
            return e.statusCode >= 0 ? QVariant(e.statusCode) : QVariant();
        case UserAgent:
            return q(e.userAgent).left(300);
        case Source:
            return QStringLiteral("%1:%2").arg(r->sourceName).arg(e.line);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == Url || index.column() == UserAgent)
            return data(index, Qt::DisplayRole);
        if (index.column() == Time && e.tzOffsetMin != kNoOffset)
            return QStringLiteral("UTC; original offset %1 min").arg(e.tzOffsetMin);
        break;
    case roles::EventId:
        return QVariant::fromValue<qint64>(r->id);
    case roles::SourceIp:
        return q(e.sourceIp);
    case roles::Account:
        return q(e.userName);
    case roles::Timestamp:
        return QVariant::fromValue<qint64>(e.timestampUs);
    case roles::Outcome:
        return int(e.outcome);
    case roles::SourceId:
        return QVariant::fromValue<qint64>(r->sourceId);
    case roles::Line:
        return QVariant::fromValue<qint64>(e.line);
    }
    return {};
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    static const char *const kNames[] = {"@timestamp (UTC)",    "source.ip",
                                         "user.name",           "event.outcome",
                                         "event.action",        "http.request.method",
                                         "url.original",        "http.response.status_code",
                                         "user_agent.original", "source:line"};
    static const char *const kTitles[]
            = {"Time (UTC)", "Source IP", "User",   "Outcome",    "Action",
               "Method",     "URL",       "Status", "User agent", "Source"};
    if (section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole)
        return QString::fromLatin1(kTitles[section]);
    if (role == Qt::ToolTipRole)
        return QStringLiteral("ECS field: %1").arg(QLatin1String(kNames[section]));
    return {};
}

void EventTableModel::sort(int column, Qt::SortOrder order)
{
    // Rows are kept in time order from the ts index; other columns would need a full sort of
    // the case, so the table sorts by time only and says so in its header tooltip.
    if (column != Time || order == m_order)
        return;
    beginResetModel();
    m_order = order;
    std::reverse(m_ids.begin(), m_ids.end());
    m_pages.clear();
    endResetModel();
}

} // namespace netcase
