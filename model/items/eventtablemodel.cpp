#include "eventtablemodel.h"

#include "case/casesession.h"
#include "core/fields.h"
#include "core/shownzone.h"
#include "core/timeutil.h"
#include "enrich/ecsdecorator.h"
#include "items/roles.h"

#include <QColor>
#include <QDateTime>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>

namespace netcase {

namespace {

/// Fields the fixed columns already show.
bool shownByFixedColumns(std::string_view ecs)
{
    static constexpr std::string_view kFixed[] = {"@timestamp",
                                                  "source.ip",
                                                  "user.name",
                                                  "event.outcome",
                                                  "event.action",
                                                  "http.request.method",
                                                  "url.original",
                                                  "http.response.status_code",
                                                  "user_agent.original",
                                                  "event.timezone",
                                                  "labels"};
    return std::find(std::begin(kFixed), std::end(kFixed), ecs) != std::end(kFixed);
}

const std::vector<EventTableModel::OptionalColumn> &optionalColumns()
{
    static const std::vector<EventTableModel::OptionalColumn> columns = [] {
        std::vector<EventTableModel::OptionalColumn> out;
        for (const FieldDef &f : eventFields())
            if (!shownByFixedColumns(f.ecs))
                out.push_back({&f, EventTableModel::OptionalColumn::Enriched::None, f.ecs});
        out.push_back({nullptr, EventTableModel::OptionalColumn::Enriched::Country,
                       "source.geo.country_iso_code"});
        out.push_back(
                {nullptr, EventTableModel::OptionalColumn::Enriched::Asn, "source.as.number"});
        return out;
    }();
    return columns;
}

} // namespace

EventTableModel::EventTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

EventTableModel::~EventTableModel() = default;

const EventTableModel::OptionalColumn *EventTableModel::optionalColumn(int column)
{
    const int i = column - ColumnCount;
    return i >= 0 && i < int(optionalColumns().size()) ? &optionalColumns()[size_t(i)] : nullptr;
}

QVariant EventTableModel::optionalData(const OptionalColumn &c, const EventRow &r) const
{
    const Event &e = r.event;
    if (c.field) {
        const FieldDef &f = *c.field;
        if (f.text)
            return QString::fromStdString(e.*f.text);
        if (f.number) {
            const std::int64_t v = documentNumber(f, e);
            return v >= 0 ? QVariant(qlonglong(v)) : QVariant();
        }
        if (f.type == FieldType::Outcome)
            return QString::fromLatin1(outcomeName(e.outcome));
        return {};
    }
    if (e.sourceIp.empty() || !m_session)
        return {};
    const QString ip = QString::fromStdString(e.sourceIp);
    auto it = m_geo.find(ip);
    if (it == m_geo.end()) {
        if (!m_decorator)
            m_decorator = std::make_unique<EcsDecorator>(m_session->db());
        nlohmann::json doc = {{"source", {{"ip", e.sourceIp}}}};
        m_decorator->decorate(doc);
        const nlohmann::json &src = doc["source"];
        QString country, asn;
        if (src.contains("geo") && src["geo"].is_object())
            country = QString::fromStdString(src["geo"].value("country_iso_code", std::string()));
        if (src.contains("as") && src["as"].is_object() && src["as"].contains("number"))
            asn = QString::fromStdString(src["as"]["number"].dump());
        it = m_geo.insert(ip, {country, asn});
    }
    return c.enriched == OptionalColumn::Enriched::Country ? it->first : it->second;
}

void EventTableModel::setSession(CaseSession *session)
{
    if (m_session)
        disconnect(m_session, &CaseSession::notesChanged, this, nullptr);
    m_session = session;
    m_decorator.reset();
    m_geo.clear();
    if (m_session)
        connect(m_session, &CaseSession::notesChanged, this, &EventTableModel::refreshMarks);
    reload();
}

const EventMarks *EventTableModel::marksOf(std::int64_t eventId) const
{
    const auto it = m_marks.find(eventId);
    return it == m_marks.end() ? nullptr : &it->second;
}

void EventTableModel::refreshMarks()
{
    m_marks = m_session ? NoteStore::marks(m_session->db()) : std::map<std::int64_t, EventMarks>{};
    if (!m_ids.empty())
        Q_EMIT dataChanged(index(0, Notes), index(rowCount() - 1, Notes));
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
    m_geo.clear();
    m_decorator.reset(); // enrichment may have changed with the case
    m_ids = std::move(result.ids);
    if (m_order == Qt::DescendingOrder)
        std::reverse(m_ids.begin(), m_ids.end());
    m_caseEvents = result.caseEvents;
    m_loadError = std::move(result.error);
    m_marks = m_session ? NoteStore::marks(m_session->db()) : std::map<std::int64_t, EventMarks>{};
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
    return parent.isValid() ? 0 : ColumnCount + int(optionalColumns().size());
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
    if (const OptionalColumn *c = optionalColumn(index.column())) {
        if (role == Qt::DisplayRole || role == roles::FullText)
            return optionalData(*c, *r);
        if (role == roles::EventId)
            return QVariant::fromValue<qint64>(r->id);
        return {};
    }
    switch (role) {
    case roles::FullText:
        if (index.column() == Url)
            return q(e.urlPath);
        if (index.column() == UserAgent)
            return q(e.userAgent);
        return data(index, Qt::DisplayRole);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return shownMillis(e.timestampUs);
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
        case Notes:
            if (const EventMarks *m = marksOf(r->id)) {
                QStringList parts;
                if (m->starred)
                    parts << QStringLiteral("★");
                for (const auto &[tag, colour] : m->tags)
                    parts << tag;
                if (!m->comments.isEmpty())
                    parts << QStringLiteral("✎");
                return parts.join(QLatin1Char(' '));
            }
            return {};
        }
        break;
    case Qt::ForegroundRole:
        if (index.column() == Notes)
            if (const EventMarks *m = marksOf(r->id); m && !m->tags.empty())
                return QColor(m->tags.front().second);
        break;
    case Qt::ToolTipRole:
        if (index.column() == Url || index.column() == UserAgent)
            return data(index, Qt::DisplayRole);
        if (index.column() == Notes)
            if (const EventMarks *m = marksOf(r->id)) {
                QStringList lines;
                if (m->starred)
                    lines << QStringLiteral("Starred");
                for (const auto &[tag, colour] : m->tags)
                    lines << QStringLiteral("Tag: %1").arg(tag);
                for (const QString &c : m->comments)
                    lines << QStringLiteral("Comment: %1").arg(c);
                return lines.join(QLatin1Char('\n'));
            }
        if (index.column() == Time && e.tzOffsetMin != kNoOffset)
            return QStringLiteral("%1; the log line's own offset %2 min")
                    .arg(ShownZone::name())
                    .arg(e.tzOffsetMin);
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
    // The fixed columns' fields; their titles and ECS names come from the field table.
    static const char *const kFields[] = {"@timestamp",         "source.ip",
                                          "user.name",          "event.outcome",
                                          "event.action",       "http.request.method",
                                          "url.original",       "http.response.status_code",
                                          "user_agent.original"};
    static_assert(std::size(kFields) == Source);
    if (const OptionalColumn *c = optionalColumn(section)) {
        if (role == Qt::DisplayRole)
            return QString::fromLatin1(c->ecs);
        if (role == Qt::ToolTipRole)
            return c->field ? QStringLiteral("ECS field: %1").arg(QLatin1String(c->ecs))
                            : QStringLiteral("ECS field: %1 (of the source address, from "
                                             "enrichment)")
                                      .arg(QLatin1String(c->ecs));
        return {};
    }
    if (section < 0 || section >= ColumnCount)
        return {};
    if (section == Source) // not event fields: where the event came from, the analyst's notes
        return role == Qt::DisplayRole   ? QStringLiteral("Source")
               : role == Qt::ToolTipRole ? QStringLiteral("ECS field: source:line")
                                         : QVariant();
    if (section == Notes)
        return role == Qt::DisplayRole   ? QStringLiteral("Notes")
               : role == Qt::ToolTipRole ? QStringLiteral("ECS field: tags (analyst's notes)")
                                         : QVariant();
    const FieldDef *f = findField(kFields[section]);
    if (!f)
        return {};
    const QString utc
            = section == Time ? QStringLiteral(" (%1)").arg(ShownZone::name()) : QString();
    if (role == Qt::DisplayRole)
        return QString(QLatin1String(f->title) + utc);
    if (role == Qt::ToolTipRole)
        return QStringLiteral("ECS field: %1").arg(QLatin1String(f->ecs) + utc);
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
