#pragma once

// The timeline's buckets as an item model: one row per time bucket, columns for the bucket
// start and the counts per outcome. The chart, a table and tests read the same rows through
// roles (roles::Timestamp = bucket start, roles::Count = total events).

#include "items/timelinesummary.h"

#include <QAbstractTableModel>

#include <memory>

namespace netcase {

class TimelineModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Start, Success, Failure, Other, ColumnCount };

    explicit TimelineModel(QObject *parent = nullptr);

    /// Replaces the per-minute counts (null clears) and re-buckets the current range.
    void setSummary(std::shared_ptr<const TimelineSummary> summary);
    const TimelineSummary *summary() const { return m_summary.get(); }
    /// Shows [fromUs, toUs) with the nicest bucket size that fits maxBuckets buckets.
    void setRange(std::int64_t fromUs, std::int64_t toUs, int maxBuckets);

    std::int64_t fromUs() const { return m_from; }
    std::int64_t toUs() const { return m_to; }
    std::int64_t bucketUs() const { return m_bucketUs; }
    const std::vector<TimelineBucket> &buckets() const { return m_buckets; }
    /// Events in the buckets shown (the visible range, rounded out to whole buckets).
    std::int64_t shownTotal() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void rebucket();

    std::shared_ptr<const TimelineSummary> m_summary;
    std::vector<TimelineBucket> m_buckets;
    std::int64_t m_from = 0;
    std::int64_t m_to = 0;
    std::int64_t m_bucketUs = TimelineSummary::kMinuteUs;
    int m_maxBuckets = 200;
};

} // namespace netcase
