#include "ipdetailsmodel.h"

#include "items/roles.h"

#include <QColor>

namespace netcase {

IpDetailsModel::IpDetailsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void IpDetailsModel::setDetails(IpDetails details)
{
    beginResetModel();
    m_details = std::move(details);
    endResetModel();
}

int IpDetailsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_details.fields.size());
}

int IpDetailsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant IpDetailsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const IpField &f = m_details.fields[size_t(index.row())];
    const IpSourceInfo *src = f.sourceId ? m_details.source(f.sourceId) : nullptr;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Field:
            return f.name;
        case Value:
            return f.value;
        case Source:
            if (f.ecsKey == QLatin1String("address_class"))
                return tr("Netcase (address ranges)");
            if (!src)
                return f.sourceId ? tr("source #%1").arg(f.sourceId) : tr("not recorded");
            return src->type.isEmpty() ? src->name
                                       : QStringLiteral("%1 (%2)").arg(src->name, src->type);
        case Built:
            if (!src || src->buildDate.isEmpty())
                return QString();
            if (!src->daysBeforeEvents)
                return src->buildDate;
            return *src->daysBeforeEvents >= 0
                           ? tr("%1 (%2 days before the last event)")
                                     .arg(src->buildDate.left(10))
                                     .arg(*src->daysBeforeEvents)
                           : tr("%1 (after the last event)").arg(src->buildDate.left(10));
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == Field)
            return tr("Field %1 of the current enrichment (ip_info)").arg(f.ecsKey);
        if (src)
            return tr("Supplied by %1\nkind: %2, type: %3\nbuilt: %4")
                    .arg(src->name, src->kind, src->type,
                         src->buildDate.isEmpty() ? tr("unknown") : src->buildDate);
        return tr("The case does not record which source supplied this value.");
    }
    if (role == Qt::ForegroundRole && index.column() == Built && src && src->stale)
        return QColor(0xd9, 0x6a, 0x00); // stale: the caveat list explains why
    if (role == roles::EntityValue)
        return f.ecsKey;
    return {};
}

QVariant IpDetailsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Field:
        return tr("Field");
    case Value:
        return tr("Value");
    case Source:
        return tr("Source");
    case Built:
        return tr("Source built");
    default:
        return {};
    }
}

} // namespace netcase
