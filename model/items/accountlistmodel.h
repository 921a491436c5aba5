#pragma once

// All accounts of the case with their counts (events, failures, addresses, findings, first and
// last seen) for the accounts view to pick from. One grouped query over the events, on a worker
// thread (1.4 s on the GUI thread for a million events): the list keeps its rows until the new
// ones arrive, then resets once and emits loaded().

#include "items/caseload.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <vector>

namespace netcase {

class CaseSession;

class AccountListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Account, Events, Failures, Ips, Findings, LastSeen, ColumnCount };

    struct Row
    {
        QString account;
        qint64 events = 0;
        qint64 failures = 0;
        qint64 ips = 0;
        qint64 findings = 0;
        qint64 firstTs = 0;
        qint64 lastTs = 0;
        bool inDirectory = false;
    };

    explicit AccountListModel(QObject *parent = nullptr);

    void setSession(CaseSession *session);
    /// Asynchronous: see loaded().
    void reload();
    bool isLoading() const { return m_load.running(); }
    /// Why the last load failed; empty when it did not.
    const QString &loadError() const { return m_loadError; }
    int rowOfAccount(const QString &account) const;
    const Row *rowAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    /// The rows of the latest reload() are in place.
    void loaded();

private:
    struct Loaded
    {
        std::vector<Row> rows;
        QString error;
    };
    static Loaded read(const Database &db);
    void apply(Loaded result);
    /// Orders m_rows by the current sort column and order (stable).
    void sortRows();
    QVariant sortValue(const Row &r, int column) const;

    QPointer<CaseSession> m_session;
    std::vector<Row> m_rows;
    int m_sortColumn = Events;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    QString m_loadError;
    CaseLoad<Loaded> m_load{this, [this](Loaded result) {
                                apply(std::move(result));
                            }};
};

} // namespace netcase
