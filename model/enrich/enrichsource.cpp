#include "enrichsource.h"

#include "caveats.h"

namespace netcase {

QString EnrichSource::label() const
{
    const QString what = type.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, type);
    if (!buildDate.isValid())
        return what;
    return QStringLiteral("%1, built %2").arg(what, buildDate.date().toString(Qt::ISODate));
}

void judgeStaleness(EnrichSource &s, qint64 lastEventUs)
{
    s.stale = false;
    s.staleness.clear();
    if (!s.buildDate.isValid() || lastEventUs < 0)
        return;
    const QDateTime last = QDateTime::fromMSecsSinceEpoch(lastEventUs / 1000, Qt::UTC);
    if (s.buildDate.addMonths(6) >= last)
        return;
    const qint64 days = s.buildDate.daysTo(last);
    s.stale = true;
    s.staleness = caveat::builtBeforeEvents(s.name, days);
}

} // namespace netcase
