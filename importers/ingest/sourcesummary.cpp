#include "sourcesummary.h"

#include "core/timeutil.h"

namespace netcase {

QString sourceSpanText(const SourceReport &s)
{
    if (s.events <= 0)
        return {};
    return QStringLiteral("%1 \u2013 %2 UTC").arg(utcMinute(s.firstUs), utcMinute(s.lastUs));
}

} // namespace netcase
