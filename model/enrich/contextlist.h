#pragma once

// A context list: addresses and networks someone vouches for or warns about (Tor exits, VPN or
// proxy endpoints, hosting ranges, scanners, abuse reports, an allow list). Three formats:
// plain IP/CIDR lines with # comments, CSV with a label column (ip,label), and FireHOL .netset
// (plain lines under a commented header that names the list, its category and date).
// Each list has a name, a category and a date; a list whose category cannot be told is refused
// so that an allow list is never mistaken for a block list.

#include "ipkey.h"

#include "core/result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace netcase {

class ContextList
{
public:
    struct Range
    {
        IpKey first;
        IpKey last;
        std::uint32_t label; ///< index into labels (0 = none)
    };

    /// The categories a list may have.
    static const QStringList &categories();

    /// Loads a list. category overrides what the file says ("" = from the file's header).
    static Result<ContextList> load(const QString &path, const QString &category = {});

    /// Splits the command line form "[CATEGORY=]PATH" into its parts.
    static void splitSpec(const QString &spec, QString &category, QString &path);

    const QString &name() const { return m_name; }
    const QString &category() const { return m_category; }
    const QString &format() const { return m_format; } ///< "plain", "csv" or "netset"
    QDateTime date() const { return m_date; }
    bool dateFromFile() const { return m_dateFromMtime; }
    std::size_t entries() const { return m_entries; }
    int skippedLines() const { return m_skipped; }

    /// The entry holding key, or nullptr.
    const Range *find(const IpKey &key) const;
    const std::string &label(const Range &r) const { return m_labels[r.label]; }

private:
    void finish();

    QString m_name;
    QString m_category;
    QString m_format;
    QDateTime m_date;
    bool m_dateFromMtime = false;
    std::vector<Range> m_ranges;
    std::vector<std::string> m_labels{std::string()};
    std::size_t m_entries = 0;
    int m_skipped = 0;
};

} // namespace netcase
