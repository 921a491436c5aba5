#pragma once

// The map's locations as a list model (one row per distinct coordinate), read through roles:
// roles::Latitude, roles::Longitude, roles::Count (events), roles::Severity (worst finding,
// -1 none), roles::EntityValue (the addresses, comma-separated).

#include "items/mapdata.h"

#include <QAbstractListModel>

#include <memory>

namespace netcase {

class MapLocationModel : public QAbstractListModel
{
    Q_OBJECT
public:
    explicit MapLocationModel(QObject *parent = nullptr);

    void setMapData(std::shared_ptr<const MapData> data);
    const MapData *mapData() const { return m_data.get(); }
    /// The row of the location holding ip, or -1.
    int rowOfIp(const QString &ip) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const MapData> m_data;
};

} // namespace netcase
