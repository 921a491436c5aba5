#pragma once

// The databases and lists one enrichment run uses, loaded and checked up front. A source that
// cannot be used (missing, corrupt, wrong type, unknown list category) is refused with a clear
// message and the others still work. enrich() combines them for one address: the first source
// in the given order that has a value supplies it.

#include "enrichsource.h"
#include "iprecord.h"

#include <QList>
#include <QStringList>

#include <memory>
#include <vector>

namespace netcase {

class AsnRanges;
class ContextList;
class MmdbReader;
struct IpKey;

struct SourceSpec
{
    enum class Kind { Mmdb, AsnCsv, List };
    Kind kind = Kind::Mmdb;
    QString path;
    QString category; ///< lists: overrides the file's own category
};

class SourceSet
{
public:
    SourceSet();
    ~SourceSet();
    SourceSet(SourceSet &&) noexcept;
    SourceSet &operator=(SourceSet &&) noexcept;

    /// Loads every source; refusals are collected in refused(), never fatal.
    static SourceSet load(const QList<SourceSpec> &specs);

    /// Descriptions in the order given (provenance indexes point here).
    const QList<EnrichSource> &sources() const { return m_sources; }
    const QStringList &refused() const { return m_refused; }
    bool hasGeolocation() const { return m_hasGeo; }
    bool empty() const { return m_sources.isEmpty(); }

    /// Everything the sources know about one address (without address class or network type).
    IpRecord lookup(const IpKey &key) const;
    /// Lookup errors met so far (corrupt records found during lookups).
    int lookupErrors() const;

private:
    struct Loaded;
    std::vector<std::unique_ptr<Loaded>> m_loaded;
    QList<EnrichSource> m_sources;
    QStringList m_refused;
    bool m_hasGeo = false;
};

/// SHA-256 of a file as lower-case hex; empty when it cannot be read.
QString fileSha256(const QString &path);

} // namespace netcase
