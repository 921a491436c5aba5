#pragma once

// Which events a pull takes: a time range and a WHERE condition over the events columns
// (chschema.h), with a text that says the same for people (stored as the pulled source's
// provenance). Today the condition comes from --ip and --user (optionFilter); the case query
// language (model/query) is meant to compile its AST into the same two strings, so `pull --query Q`
// needs only that compiler, not a change here.

#include "core/result.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <limits>

namespace netcase::cluster {

struct ChFilter
{
    std::int64_t fromUs = 0;                                      ///< inclusive
    std::int64_t toUs = std::numeric_limits<std::int64_t>::max(); ///< exclusive
    QString where = QStringLiteral("1"); ///< ClickHouse SQL over the events columns
    QString text;                        ///< the same condition for people ("" for all events)
};

/// Events whose source or client address is any of ips and whose user is any of users (as
/// EventFilter in a case); empty lists do not restrict.
Result<ChFilter> optionFilter(std::int64_t fromUs,
                              std::int64_t toUs,
                              const QStringList &ips,
                              const QStringList &users);

/// The SQL literal of an address as stored (FixedString(16)), or an error for a non-address.
Result<QString> addressLiteral(const QString &ip);

} // namespace netcase::cluster
