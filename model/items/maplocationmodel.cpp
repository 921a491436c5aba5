#include "maplocationmodel.h"

#include "items/roles.h"

#include <QLocale>

namespace netcase {

MapLocationModel::MapLocationModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void MapLocationModel::setMapData(std::shared_ptr<const MapData> data)
{
    beginResetModel();
    m_data = std::move(data);
    endResetModel();
}

int MapLocationModel::rowOfIp(const QString &ip) const
{
    if (!m_data)
        return -1;
    for (size_t i = 0; i < m_data->locations.size(); ++i) {
        if (m_data->locations[i].ips.contains(ip))
            return int(i);
    }
    return -1;
}

int MapLocationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_data ? 0 : int(m_data->locations.size());
}

QVariant MapLocationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MapLocation &l = m_data->locations[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1 (%2 addresses, %3 events)")
                .arg(l.place.isEmpty() ? tr("%1, %2").arg(l.lat).arg(l.lon) : l.place)
                .arg(l.ips.size())
                .arg(QLocale().toString(qlonglong(l.events)));
    case Qt::ToolTipRole:
        return l.ips.mid(0, 20).join(QStringLiteral(", "));
    case roles::Latitude:
        return l.lat;
    case roles::Longitude:
        return l.lon;
    case roles::Count:
        return qlonglong(l.events);
    case roles::Severity:
        return l.severity;
    case roles::EntityType:
        return QStringLiteral("ip");
    case roles::EntityValue:
        return l.ips.join(QLatin1Char(','));
    default:
        return {};
    }
}

} // namespace netcase
