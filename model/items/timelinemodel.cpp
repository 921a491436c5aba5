#include "timelinemodel.h"

#include "core/timeutil.h"
#include "items/roles.h"

namespace netcase {

TimelineModel::TimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void TimelineModel::setSummary(std::shared_ptr<const TimelineSummary> summary)
{
    m_summary = std::move(summary);
    rebucket();
}

void TimelineModel::setRange(std::int64_t fromUs, std::int64_t toUs, int maxBuckets)
{
    m_from = fromUs;
    m_to = std::max(toUs, fromUs + TimelineSummary::kMinuteUs);
    m_maxBuckets = std::max(maxBuckets, 1);
    rebucket();
}

void TimelineModel::rebucket()
{
    beginResetModel();
    m_bucketUs = TimelineSummary::chooseBucketUs(m_to - m_from, m_maxBuckets);
    if (m_summary && !m_summary->isEmpty())
        m_buckets = m_summary->rebucket(m_from, m_to, m_bucketUs);
    else
        m_buckets.clear();
    endResetModel();
}

std::int64_t TimelineModel::shownTotal() const
{
    std::int64_t n = 0;
    for (const TimelineBucket &b : m_buckets)
        n += b.total();
    return n;
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_buckets.size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TimelineBucket &b = m_buckets[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Start:
            return utcIso(b.startUs);
        case Success:
            return qlonglong(b.success);
        case Failure:
            return qlonglong(b.failure);
        case Other:
            return qlonglong(b.other);
        default:
            return {};
        }
    case roles::Timestamp:
        return qlonglong(b.startUs);
    case roles::Count:
        return qlonglong(b.total());
    case roles::SortValue:
        return index.column() == Start ? qlonglong(b.startUs)
                                       : data(index, Qt::DisplayRole).toLongLong();
    default:
        return {};
    }
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Start:
        return tr("Bucket start (UTC)");
    case Success:
        return tr("event.outcome: success");
    case Failure:
        return tr("event.outcome: failure");
    case Other:
        return tr("other / unknown");
    default:
        return {};
    }
}

} // namespace netcase
