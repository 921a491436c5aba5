#pragma once

// The enrichment of one address as a table: field, value, and the provenance of the value
// (source database or list, its type, build date and age). Tooltips explain each source.

#include "enrich/ipdetails.h"

#include <QAbstractTableModel>

namespace netcase {

class IpDetailsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Field, Value, Source, Built, ColumnCount };

    explicit IpDetailsModel(QObject *parent = nullptr);

    void setDetails(IpDetails details);
    const IpDetails &details() const { return m_details; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    IpDetails m_details;
};

} // namespace netcase
