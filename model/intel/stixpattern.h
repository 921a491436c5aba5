#pragma once

// The subset of the STIX 2.1 patterning language (STIX 2.1 section 9) that Netcase matches:
// observation expressions `[ ... ]` joined by OR, each holding comparisons joined by OR, each
// comparison `ipv4-addr:value`, `ipv6-addr:value`, `domain-name:value` or `url:value` with `=`
// (or ISSUBSET on an address, for a network) and a quoted string; and the form MISP's STIX
// export gives addresses, `[network-traffic:dst_ref.type = 'ipv4-addr' AND
// network-traffic:dst_ref.value = 'V']` (src_ref alike), read as the address V (any further
// comparison, such as a port, makes it unsupported). Alternatives the subset does
// not cover are reported, the others kept (an OR of alternatives holds when any one of them
// does, so matching fewer is never wrong, only incomplete). AND, FOLLOWEDBY, NOT, LIKE, MATCHES,
// IN, other comparisons and qualifiers (WITHIN, REPEATS, START/STOP) change what a match is:
// a pattern or observation using them is reported as unsupported as a whole.

#include "indicator.h"

#include "core/result.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace netcase::intel {

struct PatternTerm
{
    Kind kind = Kind::Ip;
    QString value; ///< canonical (indicator.h)
};

struct ParsedPattern
{
    std::vector<PatternTerm> terms;
    QStringList unsupported; ///< one reason per alternative (or the whole pattern) not used
};

/// Parses a pattern; an Error when it is not valid pattern syntax.
Result<ParsedPattern> parseStixPattern(const QString &pattern);

} // namespace netcase::intel
