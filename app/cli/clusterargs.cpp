#include "clusterargs.h"

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

} // namespace netcase::cli
