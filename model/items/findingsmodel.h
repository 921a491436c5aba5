#pragma once

// The findings table for the findings view: one row per active finding, most severe first,
// reloaded when the case changes. Custom roles (roles.h) give the view the finding id, the
// severity and the main entity so a click can drive the SelectionHub.

#include "analysis/findingstore.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <vector>

namespace netcase {

class CaseSession;

class FindingsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Severity, Kind, Title, Entities, From, To, Evidence, Caveats, ColumnCount };

    explicit FindingsModel(QObject *parent = nullptr);

    /// Shows the session's findings and follows its changed() signal (null clears).
    void setSession(CaseSession *session);
    /// Include findings the latest run no longer produced and suppressed ones.
    void setShowAll(bool all);
    void reload();

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
};

} // namespace netcase
