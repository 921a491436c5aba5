#include "inteltext.h"

#include "intelmatch.h"

#include "core/timeutil.h"

namespace netcase::intel {

QString windowAgainst(const Indicator &ind, std::int64_t firstUs, std::int64_t lastUs)
{
    if (firstUs == 0 && lastUs == 0)
        return {};
    if (ind.validUntil && *ind.validUntil < firstUs)
        return QStringLiteral("expired before these events: a match does not raise severity");
    if (ind.validFrom && *ind.validFrom > lastUs)
        return QStringLiteral("not yet valid at these events: a match does not raise severity");
    if ((ind.validFrom && *ind.validFrom > firstUs) || (ind.validUntil && *ind.validUntil < lastUs))
        return QStringLiteral("valid for part of these events");
    return QStringLiteral("valid throughout these events");
}

QString describe(const StoredIndicator &si, const std::vector<IntelSource> &sources)
{
    const Indicator &i = si.ind;
    const IntelSource *src = nullptr;
    for (const IntelSource &s : sources)
        if (s.id == si.sourceId)
            src = &s;
    QStringList parts;
    parts << QStringLiteral("%1 named by %2")
                     .arg(i.value, i.producer.isEmpty() ? QStringLiteral("an unnamed producer")
                                                        : i.producer);
    if (src)
        parts << QStringLiteral("in %1 (%2, SHA-256 %3…)")
                         .arg(src->name, src->format.toUpper(), src->sha256.left(12));
    parts << (i.confidence ? QStringLiteral("confidence %1").arg(*i.confidence)
                           : QStringLiteral("no confidence given"));
    if (!i.threatLevel.isEmpty())
        parts << QStringLiteral("threat level %1").arg(i.threatLevel);
    if (i.toIds)
        parts << (*i.toIds ? QStringLiteral("to_ids on") : QStringLiteral("to_ids off"));
    if (!i.labels.isEmpty())
        parts << QStringLiteral("labels %1").arg(i.labels.join(QStringLiteral(", ")));
    if (i.validFrom || i.validUntil)
        parts << QStringLiteral("valid %1 – %2")
                         .arg(i.validFrom ? utcMinute(*i.validFrom) : QStringLiteral("(open)"),
                              i.validUntil ? utcMinute(*i.validUntil) : QStringLiteral("(open)"));
    else
        parts << QStringLiteral("no validity window given");
    return parts.join(QStringLiteral("; "));
}

QStringList
describeAddress(const Database &db, const QString &ip, std::int64_t firstUs, std::int64_t lastUs)
{
    QStringList out;
    const std::vector<StoredIndicator> list = indicatorsForAddress(db, ip);
    if (list.empty())
        return out;
    const std::vector<IntelSource> sources = IntelStore::sources(db);
    for (const StoredIndicator &si : list) {
        QString line = describe(si, sources);
        const QString w = windowAgainst(si.ind, firstUs, lastUs);
        if (!w.isEmpty())
            line += QStringLiteral(" — ") + w;
        out << line;
    }
    return out;
}

} // namespace netcase::intel
