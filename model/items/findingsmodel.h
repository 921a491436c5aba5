#pragma once

// The findings table for the findings view: one row per active finding, most severe first,
// reloaded when the case changes. Custom roles (roles.h) give the view the finding id, the
// severity and the main entity so a click can drive the SelectionHub.

#include "analysis/findingstore.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>

#include <vector>

namespace netcase {

class CaseSession;

class FindingsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Severity,
        Kind,
        Title,
        Entities,
        From,
        To,
        Evidence,
        Caveats,
        Verdict, ///< the latest decision recorded on the finding (subject finding:ID)
        ColumnCount
    };

    /// Which findings the triage filter keeps (empty members keep all).
    struct Filter
    {
        QString kind;
        QString band;  ///< high, medium or low (severityBand)
        QString text;  ///< in the title, kind, rule or an entity, ignoring case
        QString state; ///< "undecided", "decided" or a verdict (escalate, benign, ...)
        bool hideDecided = false;
        bool operator==(const Filter &) const = default;
    };

    explicit FindingsModel(QObject *parent = nullptr);

    /// Shows the session's findings and follows its changed() signal (null clears).
    void setSession(CaseSession *session);
    /// Include findings the latest run no longer produced and suppressed ones.
    void setShowAll(bool all);
    void setFilter(const Filter &filter);
    const Filter &filter() const { return m_filter; }
    void reload();
    /// Findings before the triage filter (what setShowAll lets through).
    int unfilteredCount() const { return m_unfiltered; }
    /// The kinds of those findings, sorted (for the kind filter).
    const QStringList &kinds() const { return m_kinds; }
    /// The verdict of the latest decision on a finding; empty when undecided.
    QString verdictOf(std::int64_t findingId) const { return m_verdicts.value(findingId); }

    const StoredFinding *findingAt(int row) const;
    int rowOfFinding(std::int64_t id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    /// A colour band for a severity: high, medium, low (thresholds of the rules file).
    static QString severityBand(int severity);

private:
    QVariant sortValue(const StoredFinding &f, int column) const;

    QPointer<CaseSession> m_session;
    std::vector<StoredFinding> m_rows;
    bool m_showAll = false;
    Filter m_filter;
    int m_unfiltered = 0;
    QStringList m_kinds;
    QHash<std::int64_t, QString> m_verdicts; ///< finding id → latest verdict
    bool keeps(const StoredFinding &f) const;
};

} // namespace netcase
