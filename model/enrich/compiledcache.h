#pragma once

// Compiled forms of enrichment text sources (ASN range CSV files), cached in the user's cache
// folder under the SHA-256 of the source's bytes: a 24 MB CSV is parsed once per version of the
// file instead of at every enrichment. One cache file per source path: writing the cache of
// new bytes removes that of the path's earlier bytes. A cache file holds a magic, the format
// version, the kind, the source's SHA-256, the payload's size and SHA-256, then the payload. It is
// used only when all of them match and the payload hashes to its recorded SHA-256; a corrupt,
// truncated, stale, foreign or older-version file is ignored (and written again by the caller).

#include <QString>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace netcase::compiledcache {

/// Bump when a compiled form's layout or the parser behind it changes.
constexpr std::uint32_t kVersion = 1;

/// The folder: QStandardPaths::CacheLocation + "/compiled".
QString folder();
/// The cache file of the source at this path, of this kind ("asn"), with these bytes.
QString pathFor(std::string_view kind, const QString &sourcePath, const QString &sourceSha256);
/// Hands the payload cached for the source to `use` (valid during the call only), when a valid
/// cache file exists; returns what `use` returned, false without a valid cache.
bool read(std::string_view kind,
          const QString &sourcePath,
          const QString &sourceSha256,
          const std::function<bool(std::string_view)> &use);
/// Writes the payload (atomically) and removes the path's caches of other bytes; false when
/// the cache cannot be written (then nothing is).
bool write(std::string_view kind,
           const QString &sourcePath,
           const QString &sourceSha256,
           std::string_view payload);

} // namespace netcase::compiledcache
