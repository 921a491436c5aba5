#pragma once

// Custom item roles shared by every Netcase item model and view (in the spirit of Wireshark's
// ATapDataModel roles): one model can feed a table, a timeline and a map.

#include <Qt>

namespace netcase::roles {

enum Role {
    EventId = Qt::UserRole + 1, ///< qint64 event id
    SourceIp,                   ///< QString
    Account,                    ///< QString user.name
    Timestamp,                  ///< qint64 UTC microseconds
    Outcome,                    ///< int (netcase::Outcome)
    SourceId,                   ///< qint64
    Line,                       ///< qint64 line in the source
    SortValue,                  ///< value used for sorting
    Severity,                   ///< int 0..100
    FindingId,                  ///< qint64
    EntityType,                 ///< QString ip|account|host|asn|user_agent
    EntityValue,                ///< QString
    Latitude,                   ///< double
    Longitude,                  ///< double
    Count,                      ///< qint64
    FullText,                   ///< QString: the whole value, not shortened for display
};

} // namespace netcase::roles
