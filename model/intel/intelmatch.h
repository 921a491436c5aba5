#pragma once

// Matches the case against its indicators. Addresses (source.ip, client.ip, destination.ip)
// against address and network indicators; domain indicators against destination.domain,
// host.name and the host of an absolute url.original; URL indicators against url.original
// (absolute, or a path joined to destination.domain / host.name). Domains and URL hosts match
// exactly (case-insensitive), not their subdomains. Each event is compared with the
// indicator's validity window: a hit counts its events inside, before and after it.

#include "intelstore.h"

#include "core/result.h"

#include <atomic>
#include <cstdint>
#include <vector>

namespace netcase::intel {

enum class Window { Valid, NotYetValid, Expired };

/// Where t falls in the indicator's validity window (open ends are unbounded).
Window windowOf(const Indicator &ind, std::int64_t t);
/// "valid", "not yet valid", "expired"
QString windowText(Window w);

/// One indicator seen in one case value.
struct IntelHit
{
    std::size_t indicator = 0; ///< index into IntelMatches::indicators
    QString field;             ///< source.ip, client.ip, destination.ip, destination.domain...
    QString value;             ///< the case's value (address, domain or URL)
    std::int64_t events = 0;
    std::int64_t valid = 0;       ///< events inside the validity window
    std::int64_t notYetValid = 0; ///< events before valid_from
    std::int64_t expired = 0;     ///< events after valid_until
    std::int64_t firstUs = 0;
    std::int64_t lastUs = 0;
    std::vector<std::int64_t> eventIds; ///< the first kMaxEvidence
    static constexpr std::size_t kMaxEvidence = 2000;
};

struct IntelMatches
{
    std::vector<IntelSource> sources;
    std::vector<StoredIndicator> indicators;
    const IntelSource *source(std::int64_t id) const;
    std::vector<IntelHit> hits; ///< by indicator, then field and value
};

/// Reads the indicators and every event once. Read-only.
Result<IntelMatches> matchCase(const Database &db, const std::atomic<bool> *cancel = nullptr);

/// The indicators naming one address (exactly or by a network holding it).
std::vector<StoredIndicator> indicatorsForAddress(const Database &db, const QString &ip);

} // namespace netcase::intel
