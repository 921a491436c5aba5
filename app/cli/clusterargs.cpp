#include "clusterargs.h"

#include "cli/caseaccess.h"
#include "cli/output.h"
#include "core/timeutil.h"

#include <limits>

namespace netcase::cli {

Result<cluster::ChSettings> clusterSettings(const QString &url,
                                            const Args &args,
                                            const std::optional<cluster::ChSettings> &stored)
{
    cluster::ChSettings s;
    if (!url.isEmpty())
        s.url = url;
    else if (stored)
        s = *stored;
    else
        return makeError(
                QStringLiteral("no ClickHouse URL given, and no connection settings stored "
                               "in a case (netcase connection CASE URL ...)"),
                ErrorCode::Usage);
    const bool file = args.has(QStringLiteral("password-file"));
    const bool keyring = args.has(QStringLiteral("password-keyring"));
    if (file && keyring)
        return makeError(QStringLiteral("--password-file or --password-keyring, not both"),
                         ErrorCode::Usage);
    if (file) {
        s.passwordFile = args.value(QStringLiteral("password-file"));
        s.keyring.clear();
    } else if (keyring) {
        s.keyring = args.value(QStringLiteral("password-keyring"));
        s.passwordFile.clear();
    }
    if (args.has(QStringLiteral("ca-file")))
        s.caFile = args.value(QStringLiteral("ca-file"));
    return s;
}

Result<cluster::ChConnection> clusterConnection(const QString &url,
                                                const Args &args,
                                                const std::optional<cluster::ChSettings> &stored)
{
    auto s = clusterSettings(url, args, stored);
    if (!s)
        return s.error();
    auto c = cluster::connectionFrom(*s);
    if (!c)
        return c.error();
    const bool noVerify = args.has(QStringLiteral("tls-no-verify"));
    if ((!c->caFile.isEmpty() || noVerify) && !c->secure)
        return makeError(QStringLiteral("--ca-file and --tls-no-verify are for HTTPS: add "
                                        "?secure=1 to the URL"),
                         ErrorCode::Usage);
    c->noVerify = noVerify;
    if (noVerify)
        errLine(QStringLiteral("warning: --tls-no-verify: the server's TLS certificate is NOT "
                               "checked; anyone on the path can read the password and the "
                               "events"));
    return c;
}

Result<std::optional<cluster::ChSettings>> storedSettings(const QString &casePath)
{
    auto c = openCase(casePath, false);
    if (!c)
        return c.error();
    return cluster::loadSettings(c->db());
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
