#include "accountlistmodel.h"

#include "roles.h"

#include "case/casesession.h"
#include "case/sqlite.h"
#include "core/shownzone.h"
#include "core/timeutil.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace netcase {

AccountListModel::AccountListModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void AccountListModel::setSession(CaseSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session)
        connect(m_session, &CaseSession::changed, this, &AccountListModel::reload);
    reload();
}

void AccountListModel::reload()
{
    m_load.cancel(); // a newer load supersedes the one in flight
    if (!m_session) {
        apply({});
        return;
    }
    if (const Status started = m_load.start(
                *m_session, [](const Database &db, const std::atomic<bool> &) { return read(db); });
        !started.ok())
        apply({{}, started.error().message});
}

AccountListModel::Loaded AccountListModel::read(const Database &db)
{
    Loaded out;
    QHash<QString, qint64> findings;
    Statement f = db.prepare("SELECT value, count(DISTINCT finding_id) FROM finding_entities "
                             "WHERE type IN ('account', 'accounts') GROUP BY value");
    while (f.valid() && f.step())
        findings.insert(f.text(0), f.int64(1));
    QSet<QString> directory;
    Statement d = db.prepare("SELECT lower(account) FROM directory");
    while (d.valid() && d.step())
        directory.insert(d.text(0));
    Statement st = db.prepare(
            "SELECT s.s, x.n, x.fail, x.ips, x.first, x.last FROM (SELECT user, count(*) AS n, "
            "sum(outcome = 2) AS fail, count(DISTINCT source_ip) AS ips, min(ts) AS first, "
            "max(ts) AS last FROM events WHERE user IS NOT NULL GROUP BY user) x "
            "JOIN strs s ON s.id = x.user");
    while (st.valid() && st.step()) {
        Row r;
        r.account = st.text(0);
        r.events = st.int64(1);
        r.failures = st.int64(2);
        r.ips = st.int64(3);
        r.firstTs = st.int64(4);
        r.lastTs = st.int64(5);
        r.findings = findings.value(r.account);
        r.inDirectory = directory.contains(r.account.toLower());
        out.rows.push_back(std::move(r));
    }
    if (!st.valid())
        out.error = db.lastError();
    return out;
}

void AccountListModel::apply(Loaded result)
{
    beginResetModel();
    m_rows = std::move(result.rows);
    m_loadError = std::move(result.error);
    sortRows();
    endResetModel();
    Q_EMIT loaded();
}

int AccountListModel::rowOfAccount(const QString &account) const
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].account == account)
            return int(i);
    }
    return -1;
}

const AccountListModel::Row *AccountListModel::rowAt(int row) const
{
    return row >= 0 && size_t(row) < m_rows.size() ? &m_rows[size_t(row)] : nullptr;
}

int AccountListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AccountListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AccountListModel::sortValue(const Row &r, int column) const
{
    switch (column) {
    case Account:
        return r.account.toLower();
    case Events:
        return r.events;
    case Failures:
        return r.failures;
    case Ips:
        return r.ips;
    case Findings:
        return r.findings;
    case LastSeen:
        return r.lastTs;
    default:
        return {};
    }
}

QVariant AccountListModel::data(const QModelIndex &index, int role) const
{
    const Row *r = rowAt(index.row());
    if (!r || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == LastSeen)
            return shownMinute(r->lastTs);
        if (index.column() == Account)
            return r->account;
        return sortValue(*r, index.column());
    case Qt::ToolTipRole:
        return tr("%1: %2 events, %3 failed, from %4 addresses; %5 findings%6")
                .arg(r->account)
                .arg(r->events)
                .arg(r->failures)
                .arg(r->ips)
                .arg(r->findings)
                .arg(r->inDirectory ? tr("; in the imported directory") : QString());
    case Qt::TextAlignmentRole:
        if (index.column() != Account && index.column() != LastSeen)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case roles::Account:
    case roles::EntityValue:
        return r->account;
    case roles::EntityType:
        return QStringLiteral("account");
    case roles::Count:
        return r->events;
    case roles::Timestamp:
        return r->lastTs;
    case roles::SortValue:
        return sortValue(*r, index.column());
    default:
        return {};
    }
}

QVariant AccountListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Account:
            return tr("Account");
        case Events:
            return tr("Events");
        case Failures:
            return tr("Failed");
        case Ips:
            return tr("IPs");
        case Findings:
            return tr("Findings");
        case LastSeen:
            return tr("Last seen (%1)").arg(ShownZone::name());
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Account:
            return tr("user.name");
        case Failures:
            return tr("events with event.outcome = failure");
        case Ips:
            return tr("distinct source.ip");
        case Findings:
            return tr("findings that name the account");
        default:
            return {};
        }
    }
    return {};
}

void AccountListModel::sortRows()
{
    std::stable_sort(m_rows.begin(), m_rows.end(), [this](const Row &a, const Row &b) {
        const auto cmp = QVariant::compare(sortValue(a, m_sortColumn), sortValue(b, m_sortColumn));
        return m_sortOrder == Qt::AscendingOrder ? cmp < 0 : cmp > 0;
    });
}

void AccountListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<QString> keys;
    for (const QModelIndex &i : before)
        keys.push_back(rowAt(i.row()) ? rowAt(i.row())->account : QString());
    sortRows();
    QModelIndexList after;
    for (qsizetype k = 0; k < before.size(); ++k) {
        const int row = rowOfAccount(keys[size_t(k)]);
        after << (row < 0 ? QModelIndex() : index(row, before[k].column()));
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace netcase
