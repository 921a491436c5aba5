#include "findingsmodel.h"

#include "roles.h"

#include "audit/decisionstore.h"
#include "case/casesession.h"
#include "core/severity.h"
#include "core/shownzone.h"
#include "core/timeutil.h"

#include <QBrush>
#include <QColor>

#include <algorithm>

namespace netcase {

namespace {

constexpr int kHigh = kSeverityHigh;
constexpr int kMedium = kSeverityMedium;

QString entitiesText(const StoredFinding &f)
{
    QStringList parts;
    parts << f.accounts.mid(0, 2) << f.ips.mid(0, 2) << f.hosts.mid(0, 1);
    const qsizetype more = f.accounts.size() + f.ips.size() + f.hosts.size() - parts.size();
    QString s = parts.join(QStringLiteral(", "));
    if (more > 0)
        s += QStringLiteral(" +%1").arg(more);
    return s;
}

} // namespace

FindingsModel::FindingsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

QString FindingsModel::severityBand(int severity)
{
    return severityWord(severity);
}

void FindingsModel::setSession(CaseSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session)
        connect(m_session, &CaseSession::changed, this, &FindingsModel::reload);
    reload();
}

void FindingsModel::setShowAll(bool all)
{
    if (m_showAll == all)
        return;
    m_showAll = all;
    reload();
}

void FindingsModel::setFilter(const Filter &filter)
{
    if (m_filter == filter)
        return;
    m_filter = filter;
    reload();
}

bool FindingsModel::keeps(const StoredFinding &f) const
{
    const Filter &x = m_filter;
    if (!x.kind.isEmpty() && f.kind != x.kind)
        return false;
    if (!x.band.isEmpty() && severityBand(f.severity) != x.band)
        return false;
    const QString verdict = m_verdicts.value(f.id);
    if (x.hideDecided && !verdict.isEmpty())
        return false;
    if (x.state == QLatin1String("undecided") ? !verdict.isEmpty()
        : x.state == QLatin1String("decided") ? verdict.isEmpty()
                                              : !x.state.isEmpty() && verdict != x.state)
        return false;
    if (x.text.trimmed().isEmpty())
        return true;
    const QString t = x.text.trimmed();
    const auto has = [&](const QString &s) {
        return s.contains(t, Qt::CaseInsensitive);
    };
    return has(f.title) || has(f.kind) || has(f.rule)
           || std::any_of(f.ips.begin(), f.ips.end(), has)
           || std::any_of(f.accounts.begin(), f.accounts.end(), has)
           || std::any_of(f.hosts.begin(), f.hosts.end(), has);
}

void FindingsModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_verdicts.clear();
    m_kinds.clear();
    m_unfiltered = 0;
    if (m_session) {
        m_rows = FindingStore::read(m_session->db(), m_showAll);
        if (!m_showAll)
            m_rows.erase(std::remove_if(m_rows.begin(), m_rows.end(),
                                        [](const StoredFinding &f) { return f.suppressedBy > 0; }),
                         m_rows.end());
        // latest() is newest first: the first decision seen on a finding is its current one.
        for (const Decision &d : DecisionStore::latest(m_session->db()))
            if (d.subject.type == QLatin1String("finding")) {
                const std::int64_t id = d.subject.value.toLongLong();
                if (!m_verdicts.contains(id))
                    m_verdicts.insert(id, d.verdict);
            }
        m_unfiltered = int(m_rows.size());
        for (const StoredFinding &f : m_rows)
            if (!m_kinds.contains(f.kind))
                m_kinds << f.kind;
        m_kinds.sort();
        m_rows.erase(std::remove_if(m_rows.begin(), m_rows.end(),
                                    [this](const StoredFinding &f) { return !keeps(f); }),
                     m_rows.end());
    }
    endResetModel();
}

const StoredFinding *FindingsModel::findingAt(int row) const
{
    return (row >= 0 && std::size_t(row) < m_rows.size()) ? &m_rows[std::size_t(row)] : nullptr;
}

int FindingsModel::rowOfFinding(std::int64_t id) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == id)
            return int(i);
    return -1;
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingsModel::sortValue(const StoredFinding &f, int column) const
{
    switch (column) {
    case Severity:
        return f.severity;
    case Kind:
        return f.kind;
    case Title:
        return f.title;
    case Entities:
        return entitiesText(f);
    case From:
        return qint64(f.firstTs);
    case To:
        return qint64(f.lastTs);
    case Evidence:
        return qint64(f.evidenceCount);
    case Caveats:
        return int(f.caveats.size());
    case Verdict:
        return m_verdicts.value(f.id);
    default:
        return {};
    }
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    const StoredFinding *f = findingAt(index.row());
    if (!f || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case From:
            return shownSecond(f->firstTs);
        case To:
            return shownSecond(f->lastTs);
        case Kind:
            return QString(f->kind).replace(QLatin1Char('_'), QLatin1Char(' '));
        case Verdict: {
            const QString v = m_verdicts.value(f->id);
            return v.isEmpty() ? tr("undecided") : decisions::verdictLabel(v);
        }
        case Caveats: {
            // Why the finding can mislead, next to it: the texts themselves, not only a count.
            if (f->caveats.empty())
                return QStringLiteral("none");
            QStringList texts;
            for (const auto &c : f->caveats)
                texts << QString::fromStdString(c.value("text", std::string()));
            return QStringLiteral("(%1) %2")
                    .arg(texts.size())
                    .arg(texts.join(QStringLiteral("; ")));
        }
        default:
            return sortValue(*f, index.column());
        }
    case Qt::ToolTipRole: {
        QStringList lines{f->title};
        for (const auto &s : f->signalList)
            lines << QStringLiteral("%1 %2: %3")
                             .arg(s.value("weight", 0) >= 0 ? QStringLiteral("+") : QString())
                             .arg(s.value("weight", 0))
                             .arg(QString::fromStdString(s.value("detail", std::string())));
        for (const auto &c : f->caveats)
            lines << QStringLiteral("caveat: ")
                             + QString::fromStdString(c.value("text", std::string()));
        return lines.join(QLatin1Char('\n'));
    }
    case Qt::ForegroundRole:
        if (index.column() == Severity)
            return QBrush(f->severity >= kHigh     ? QColor(0xb7, 0x1c, 0x1c)
                          : f->severity >= kMedium ? QColor(0xb2, 0x6a, 0x00)
                                                   : QColor(0x55, 0x5f, 0x6d));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Severity || index.column() == Evidence)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case roles::Severity:
        return f->severity;
    case roles::FindingId:
        return qint64(f->id);
    case roles::Timestamp:
        return qint64(f->firstTs);
    case roles::SortValue:
        return sortValue(*f, index.column());
    case roles::Count:
        return qint64(f->evidenceCount);
    case roles::SourceIp:
        return f->ips.value(0);
    case roles::Account:
        return f->accounts.value(0);
    case roles::EntityType:
        return !f->accounts.isEmpty() ? QStringLiteral("account")
               : !f->ips.isEmpty()    ? QStringLiteral("ip")
               : !f->hosts.isEmpty()  ? QStringLiteral("host")
                                      : QString();
    case roles::EntityValue:
        return !f->accounts.isEmpty() ? f->accounts.first()
               : !f->ips.isEmpty()    ? f->ips.first()
                                      : f->hosts.value(0);
    default:
        return {};
    }
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Severity:
        return tr("Severity");
    case Kind:
        return tr("Kind");
    case Title:
        return tr("Finding");
    case Entities:
        return tr("Entities");
    case From:
        return tr("From");
    case To:
        return tr("To");
    case Evidence:
        return tr("Events");
    case Caveats:
        return tr("Caveats");
    case Verdict:
        return tr("Decision");
    default:
        return {};
    }
}

void FindingsModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    beginResetModel();
    std::stable_sort(m_rows.begin(), m_rows.end(),
                     [&](const StoredFinding &a, const StoredFinding &b) {
                         const QVariant va = sortValue(a, column);
                         const QVariant vb = sortValue(b, column);
                         const auto cmp = QVariant::compare(va, vb);
                         return order == Qt::AscendingOrder ? cmp < 0 : cmp > 0;
                     });
    endResetModel();
}

} // namespace netcase
