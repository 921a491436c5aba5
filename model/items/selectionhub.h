#pragma once

// The one owner of the shared selection and the active filter (shared/design/ARCHITECTURE.md).
// Views publish what the user picked and follow changes; they never reference each other.
// Selections are values, kept in a history for Back/Forward.

#include "case/eventquery.h"

#include <QObject>
#include <QStringList>

#include <optional>
#include <vector>

namespace netcase {

struct Selection
{
    QStringList ips;
    QStringList accounts;
    QStringList hosts;
    std::int64_t findingId = 0;
    std::optional<std::int64_t> fromUs;
    std::optional<std::int64_t> toUs;
    std::vector<std::int64_t> eventIds;
    /// A finding's whole evidence count when eventIds holds only the stored (capped) part;
    /// 0 when eventIds is all of it.
    std::int64_t evidenceTotal = 0;

    bool isEmpty() const
    {
        return ips.isEmpty() && accounts.isEmpty() && hosts.isEmpty() && findingId == 0 && !fromUs
               && !toUs && eventIds.empty();
    }
    bool operator==(const Selection &o) const = default;
    /// Every value, human-readable ("ip 203.0.113.7, account alice"): the subject of a
    /// decision on this selection, so nothing may be left out.
    QString describe() const { return describe(-1); }
    /// The same naming at most a few values of each kind and counting the rest, for captions
    /// ("…, account c, 102 more accounts"): a finding can select hundreds.
    QString summary() const { return describe(3); }

private:
    QString describe(int namedPerKind) const;
};

class SelectionHub : public QObject
{
    Q_OBJECT
public:
    explicit SelectionHub(QObject *parent = nullptr);

    const Selection &selection() const { return m_selection; }
    /// The filter the event-level views apply: the selection's entities and time range.
    EventFilter filter() const;
    bool filterActive() const { return m_filterActive; }

    bool canGoBack() const { return m_pos > 0; }
    bool canGoForward() const { return m_pos + 1 < int(m_history.size()); }

public Q_SLOTS:
    /// Publishes a new selection (recorded in the history unless equal to the current one).
    void select(const netcase::Selection &selection);
    void clear();
    void selectIp(const QString &ip);
    /// Selects several addresses at once (a map cluster, a graph neighbourhood).
    void selectIps(const QStringList &ips);
    void selectAccount(const QString &account);
    void selectTimeRange(std::int64_t fromUs, std::int64_t toUs);
    /// Drops the time range from the selection, keeping its entities.
    void clearTimeRange();
    void selectFinding(std::int64_t findingId,
                       const std::vector<std::int64_t> &eventIds,
                       const QStringList &ips,
                       const QStringList &accounts,
                       std::int64_t evidenceTotal = 0);
    /// Whether the selection also filters the event table (the filter bar's switch).
    void setFilterActive(bool active);
    void back();
    void forward();

Q_SIGNALS:
    void selectionChanged(const netcase::Selection &selection);
    void filterChanged();
    void historyChanged();

private:
    void apply(const Selection &s);

    Selection m_selection;
    std::vector<Selection> m_history{Selection()};
    int m_pos = 0;
    bool m_filterActive = true;
};

} // namespace netcase
