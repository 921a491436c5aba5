#include "selectionhub.h"

namespace netcase {

QString Selection::describe(int namedPerKind) const
{
    QStringList parts;
    auto add = [&](const QStringList &values, const char *kind, const char *plural) {
        const int named = namedPerKind < 0 ? int(values.size()) : namedPerKind;
        for (int i = 0; i < values.size() && i < named; ++i)
            parts << QStringLiteral("%1 %2").arg(QLatin1String(kind), values[i]);
        if (values.size() > named)
            parts << QStringLiteral("%1 more %2")
                             .arg(values.size() - named)
                             .arg(QLatin1String(plural));
    };
    add(ips, "ip", "addresses");
    add(accounts, "account", "accounts");
    add(hosts, "host", "hosts");
    if (findingId)
        parts << QStringLiteral("finding #%1").arg(findingId);
    if (fromUs || toUs)
        parts << QStringLiteral("time range");
    if (!eventIds.empty() && !findingId)
        parts << QStringLiteral("%1 events").arg(eventIds.size());
    return parts.isEmpty() ? QStringLiteral("nothing selected") : parts.join(QStringLiteral(", "));
}

SelectionHub::SelectionHub(QObject *parent)
    : QObject(parent)
{}

EventFilter SelectionHub::filter() const
{
    EventFilter f;
    if (!m_filterActive)
        return f;
    f.fromUs = m_selection.fromUs;
    f.toUs = m_selection.toUs;
    if (!m_selection.eventIds.empty()) { // a finding's evidence is already the precise set
        f.eventIds = m_selection.eventIds;
        return f;
    }
    f.ips = m_selection.ips;
    f.users = m_selection.accounts;
    return f;
}

void SelectionHub::select(const Selection &s)
{
    if (s == m_selection)
        return;
    m_history.resize(size_t(m_pos + 1));
    m_history.push_back(s);
    m_pos = int(m_history.size()) - 1;
    apply(s);
    Q_EMIT historyChanged();
}

void SelectionHub::clear()
{
    select(Selection());
}

void SelectionHub::selectIp(const QString &ip)
{
    Selection s;
    s.ips = {ip};
    select(s);
}

void SelectionHub::selectIps(const QStringList &ips)
{
    Selection s;
    s.ips = ips;
    select(s);
}

void SelectionHub::selectAccount(const QString &account)
{
    Selection s;
    s.accounts = {account};
    select(s);
}

void SelectionHub::selectTimeRange(std::int64_t fromUs, std::int64_t toUs)
{
    Selection s = m_selection;
    s.fromUs = fromUs;
    s.toUs = toUs;
    select(s);
}

void SelectionHub::clearTimeRange()
{
    Selection s = m_selection;
    s.fromUs.reset();
    s.toUs.reset();
    select(s);
}

void SelectionHub::selectFinding(std::int64_t findingId,
                                 const std::vector<std::int64_t> &eventIds,
                                 const QStringList &ips,
                                 const QStringList &accounts,
                                 std::int64_t evidenceTotal)
{
    Selection s;
    s.findingId = findingId;
    s.eventIds = eventIds;
    if (evidenceTotal > std::int64_t(eventIds.size()))
        s.evidenceTotal = evidenceTotal;
    s.ips = ips;
    s.accounts = accounts;
    select(s);
}

void SelectionHub::setFilterActive(bool active)
{
    if (active == m_filterActive)
        return;
    m_filterActive = active;
    Q_EMIT filterChanged();
}

void SelectionHub::back()
{
    if (!canGoBack())
        return;
    --m_pos;
    apply(m_history[size_t(m_pos)]);
    Q_EMIT historyChanged();
}

void SelectionHub::forward()
{
    if (!canGoForward())
        return;
    ++m_pos;
    apply(m_history[size_t(m_pos)]);
    Q_EMIT historyChanged();
}

void SelectionHub::apply(const Selection &s)
{
    m_selection = s;
    Q_EMIT selectionChanged(m_selection);
    Q_EMIT filterChanged();
}

} // namespace netcase
