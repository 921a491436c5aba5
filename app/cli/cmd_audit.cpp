#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/output.h"

#include "audit/auditlog.h"
#include "core/displaytext.h"

#include <nlohmann/json.hpp>

namespace netcase::cli {

namespace {

/// The payload without what every record carries (digests, the OS account), as short text.
QString summaryOf(const nlohmann::json &payload)
{
    if (!payload.is_object())
        return {};
    QStringList parts;
    for (const auto &[key, value] : payload.items()) {
        if (key == "digests" || key == "os_account")
            continue;
        if (key == "signature") {
            parts << QStringLiteral("signed");
            continue;
        }
        QString v = QString::fromStdString(
                value.is_string()
                        ? value.get<std::string>()
                        : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        if (v.size() > 60)
            v = v.left(57) + QStringLiteral("...");
        parts << QStringLiteral("%1=%2").arg(QString::fromStdString(key), v);
    }
    return parts.join(QStringLiteral(" "));
}

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("audit", argv, {{"json", false}});
    if (!args)
        return fail(args.error());
    auto c = openCase(args->positional().first(), false);
    if (!c)
        return fail(c.error());
    const bool json = args->has(QStringLiteral("json"));
    for (const AuditRecord &r : AuditLog::records(c->db())) {
        const auto payload = nlohmann::json::parse(r.payload, nullptr, false);
        if (json) {
            nlohmann::json p = payload.is_object() ? payload : nlohmann::json::object();
            p.erase("digests");
            p.erase("os_account");
            outJson({{"seq", r.seq},
                     {"at", r.at.toStdString()},
                     {"who", r.actor.toStdString()},
                     {"os_account", r.osAccount.toStdString()},
                     {"what", r.action.toStdString()},
                     {"details", p}});
            continue;
        }
        outLine(QStringLiteral("%1  %2  %3 (%4)  %5  %6")
                        .arg(r.seq, 4)
                        .arg(r.at, displaySafe(r.actor),
                             r.osAccount.isEmpty() ? QStringLiteral("os account not recorded")
                                                   : displaySafe(r.osAccount),
                             r.action, displaySafe(summaryOf(payload))));
    }
    return 0;
}

} // namespace

extern const Command kAuditCommand
        = {"audit",
           "audit CASE [--json]",
           "list the case's audit log (time, who, OS account, what, summary)",
           "Lists every audit record, oldest first: its number, time (UTC), the name typed, the\n"
           "operating-system account that wrote it (\"not recorded\" in records from before\n"
           "Netcase kept it), the action and a summary of what it recorded. --json prints one\n"
           "object per line (seq, at, who, os_account, what, details). Read-only; check the\n"
           "chain itself with `netcase verify`.",
           AppKind::Core,
           &run};

} // namespace netcase::cli
