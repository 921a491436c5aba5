#include "clusterargs.h"

#include "core/timeutil.h"

#include <limits>

namespace netcase::cli {

Result<cluster::ChConnection> clusterConnection(const QString &url, const Args &args)
{
    auto c = cluster::parseClickHouseUrl(url);
    if (!c)
        return c.error();
    if (args.has(QStringLiteral("password-file"))) {
        auto pw = cluster::readPasswordFile(args.value(QStringLiteral("password-file")));
        if (!pw)
            return pw.error();
        c->password = *pw;
    }
    return c;
}

Result<std::pair<std::int64_t, std::int64_t>> timeRange(const Args &args)
{
    std::pair<std::int64_t, std::int64_t> range{0, std::numeric_limits<std::int64_t>::max()};
    for (const char *name : {"from", "to"}) {
        if (!args.has(QLatin1String(name)))
            continue;
        const QString text = args.value(QLatin1String(name));
        const auto t = parseUserTime(text);
        if (!t)
            return makeError(QStringLiteral("--%1: cannot read '%2' as a time (use ISO 8601 such "
                                            "as 2024-03-01T12:00:00Z, a date, or epoch seconds)")
                                     .arg(QLatin1String(name), text),
                             ErrorCode::Usage);
        (name[0] == 'f' ? range.first : range.second) = *t;
    }
    return range;
}

} // namespace netcase::cli
