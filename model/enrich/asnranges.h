#pragma once

// ASN ranges from a CSV file as published by ip-location-db's asn package:
// `start,end,asn,organisation` with addresses as text (asn-ipv4.csv, asn-ipv6.csv) or as
// integers (asn-ipv4-num.csv). Ranges are sorted once and found by binary search. The sorted
// table has a compiled form (compiled()/fromCompiled()) that enrichment caches by the file's
// SHA-256 (compiledcache.h), so the CSV is parsed once per version of the file.

#include "ipkey.h"

#include "core/result.h"

#include <QString>

#include <string>
#include <string_view>
#include <vector>

namespace netcase {

class AsnRanges
{
public:
    struct Range
    {
        IpKey first;
        IpKey last;
        std::int64_t asn;
        std::uint32_t org; ///< index into the organisation names
    };

    /// Reads one CSV file and adds its ranges (may be called for the IPv4 and IPv6 files).
    /// Lines that cannot be read are counted, not fatal; a file with no usable line is an error.
    Status load(const QString &path);
    /// load() from the file's bytes, already read; path names it in messages.
    Status parse(std::string_view bytes, const QString &path);
    /// Sorts the ranges; call once after the last load().
    void finish();

    /// The range holding key, or nullptr.
    const Range *find(const IpKey &key) const;
    const std::string &organisation(const Range &r) const { return m_orgs[r.org]; }

    std::size_t size() const { return m_ranges.size(); }
    int skippedLines() const { return m_skipped; }

    /// The finished table (ranges, names, skipped lines) as bytes, and back; fromCompiled()
    /// checks the layout and is false (leaving the table empty) for bytes it cannot read.
    std::string compiled() const;
    bool fromCompiled(std::string_view bytes);

private:
    /// Builds m_v4Start (after finish() and fromCompiled()).
    void index();

    std::vector<Range> m_ranges;
    /// For IPv4 keys: m_v4Start[b] is the first range starting at or after b.0.0.0 (b the
    /// address's top 16 bits), so find() searches between two entries instead of all ranges,
    /// with the same answer (ranges before the entry start below the key's /16, those from the
    /// next entry on above it).
    std::vector<std::uint32_t> m_v4Start;
    std::vector<std::string> m_orgs;
    int m_skipped = 0;
};

} // namespace netcase
