#pragma once

// Removing the rows of pushes that never counted (chpush's protocol leaves them invisible):
//  - a push refused at step 3 (the file committed meanwhile by another machine) deletes its own
//    events and rejects;
//  - a push that commits a file deletes the rows of earlier pushes of the same file that have no
//    sources row (broken off: a server gone, Ctrl-C, a crash), when either can never count: its
//    push id is larger than the committed one's, or it started at least kGraceSeconds before
//    this push did (so that two machines pushing the same file together do not delete each
//    other's rows while both still run).
// Deleting is `ALTER TABLE <t>_local DELETE WHERE push_id IN (...)` on every host of the URL (a
// mutation: ClickHouse 18.16 and current releases run it in the background; the rows are
// invisible to readers before and after). Hosts not named in the URL keep their rows.

#include "cluster/churl.h"
#include "core/result.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace netcase::cluster {

inline constexpr int kGraceSeconds = 2;

/// The pushes of the file whose rows may be deleted now that push `committed` counts.
Result<std::vector<std::uint64_t>>
brokenPushes(const ChConnection &c, const QString &sha256, std::uint64_t committed);
/// Deletes the events, rejects and pushes rows of those push ids on every host of the URL.
Status deletePushes(const ChConnection &c, const std::vector<std::uint64_t> &ids);

} // namespace netcase::cluster
