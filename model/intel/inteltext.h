#pragma once

// Indicators in words, for the IP details pane and reports: who named the value, in which
// file, with what confidence, labels and validity, and where the validity window falls
// relative to the events in question. Plain text; the views show it as such.

#include "intelstore.h"

#include <QStringList>

namespace netcase::intel {

/// "valid throughout these events", "expired before these events", ... (empty without events).
QString windowAgainst(const Indicator &ind, std::int64_t firstUs, std::int64_t lastUs);

/// One line about one indicator: value, producer, source file, confidence, labels, validity.
QString describe(const StoredIndicator &si, const std::vector<IntelSource> &sources);

/// The lines for every indicator naming the address, each with its window compared to the
/// address's events from firstUs to lastUs (0, 0: no events).
QStringList
describeAddress(const Database &db, const QString &ip, std::int64_t firstUs, std::int64_t lastUs);

} // namespace netcase::intel
