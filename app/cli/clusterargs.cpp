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
    auto from = args.time(QStringLiteral("from"));
    if (!from)
        return from.error();
    auto to = args.time(QStringLiteral("to"));
    if (!to)
        return to.error();
    return std::pair<std::int64_t, std::int64_t>{
            from->value_or(0), to->value_or(std::numeric_limits<std::int64_t>::max())};
}

} // namespace netcase::cli
