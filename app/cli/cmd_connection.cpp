#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/clusterargs.h"
#include "cli/command.h"
#include "cli/output.h"

#include "cluster/chsettings.h"
#include "core/displaytext.h"
#include "core/identity.h"

#include <nlohmann/json.hpp>

namespace netcase::cli {

namespace {

void print(const cluster::ChSettings &s, bool json)
{
    if (json) {
        outJson({{"url", s.url.toStdString()},
                 {"password_file", s.passwordFile.toStdString()},
                 {"password_keyring", s.keyring.toStdString()},
                 {"ca_file", s.caFile.toStdString()}});
        return;
    }
    outLine(QStringLiteral("url: %1").arg(displaySafe(s.url)));
    if (!s.passwordFile.isEmpty())
        outLine(QStringLiteral("password file: %1").arg(displaySafe(s.passwordFile)));
    if (!s.keyring.isEmpty())
        outLine(QStringLiteral("password keyring entry: %1").arg(displaySafe(s.keyring)));
    if (!s.caFile.isEmpty())
        outLine(QStringLiteral("CA file: %1").arg(displaySafe(s.caFile)));
}

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("connection", argv,
                                   {{"password-file", true},
                                    {"password-keyring", true},
                                    {"ca-file", true},
                                    {"json", false}},
                                   {.minPositional = 1, .maxPositional = 2});
    if (!args)
        return fail(args.error());
    const bool json = args->has(QStringLiteral("json"));
    setJsonErrors(json);
    const QString path = args->positional().first();
    if (args->positional().size() < 2) {
        if (args->has(QStringLiteral("password-file"))
            || args->has(QStringLiteral("password-keyring"))
            || args->has(QStringLiteral("ca-file")))
            return fail(makeError(QStringLiteral("give the URL with the options to store"),
                                  ErrorCode::Usage));
        auto stored = storedSettings(path);
        if (!stored)
            return fail(stored.error());
        if (!*stored) {
            if (json)
                outJson(nlohmann::json::object());
            else
                outLine(QStringLiteral("no connection settings"));
            return 0;
        }
        print(**stored, json);
        return 0;
    }
    auto s = clusterSettings(args->positional().at(1), *args, std::nullopt);
    if (!s)
        return fail(s.error());
    auto c = openCase(path, true);
    if (!c)
        return fail(c.error());
    if (Status st = cluster::saveSettings(c->db(), *s, currentUserName()); !st)
        return fail(st.error());
    print(*s, json);
    return 0;
}

} // namespace

extern const Command kConnectionCommand
        = {"connection",
           "connection CASE [clickhouse://[USER@]HOST:PORT[,...]/DB[?cluster=NAME&secure=1] "
           "[--password-file FILE|--password-keyring NAME] [--ca-file PEM]] [--json]",
           "show or store a case's ClickHouse connection settings",
           "With a URL, stores the ClickHouse connection in the case: the URL (a password in it\n"
           "is refused), where the password comes from (the path of a file whose first line it\n"
           "is, or the name of a desktop keyring entry; never the password itself) and the CA\n"
           "file for HTTPS. 'netcase pull CASE' without a URL, 'netcase hunt --case CASE' and\n"
           "the GUI's Pull from ClickHouse use them. Storing is an audit record\n"
           "(cluster.settings) that does not repeat the values; reports never show them.\n"
           "Without a URL, prints the stored settings (--json: url, password_file,\n"
           "password_keyring, ca_file). --tls-no-verify is never stored.",
           AppKind::Core,
           &run};

} // namespace netcase::cli
