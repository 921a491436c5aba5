#include "cli/args.h"
#include "cli/casekey.h"
#include "cli/command.h"
#include "cli/output.h"

#include "case/casefile.h"
#include "core/displaytext.h"

#include <QDate>
#include <QFileInfo>

namespace netcase::cli {

namespace {

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("new", argv,
                                   {{"title", true},
                                    {"authorization", true},
                                    {"no-authorization", true},
                                    {"scope", true},
                                    {"retention", true},
                                    {"encrypt", false}});
    if (!args)
        return fail(args.error());
    // A case is worked on under an authority: name it, or say why there is none.
    const QString reference = args->value(QStringLiteral("authorization")).trimmed();
    const QString noReason = args->value(QStringLiteral("no-authorization")).trimmed();
    if (reference.isEmpty() == noReason.isEmpty())
        return fail(makeError(
                reference.isEmpty()
                        ? QStringLiteral("a case needs an authorisation: give --authorization REF "
                                         "(ticket, warrant or approval) or --no-authorization "
                                         "REASON (recorded and printed on every report page)")
                        : QStringLiteral("give either --authorization REF or --no-authorization "
                                         "REASON, not both"),
                ErrorCode::Usage));
    CaseInfo info;
    const QString path = args->positional().first();
    info.title = args->value(QStringLiteral("title"), QFileInfo(path).completeBaseName());
    info.authorization = reference;
    info.noAuthorizationReason = noReason;
    info.scope = args->value(QStringLiteral("scope"));
    info.retentionDate = args->value(QStringLiteral("retention"));
    if (!info.retentionDate.isEmpty()
        && !QDate::fromString(info.retentionDate, Qt::ISODate).isValid())
        return fail(makeError(QStringLiteral("--retention expects a date as YYYY-MM-DD"),
                              ErrorCode::Usage));
    const bool encrypt = args->has(QStringLiteral("encrypt"));
    if (encrypt) {
        auto pass = casePassphrase(path, true);
        if (!pass)
            return fail(pass.error());
        auto c = CaseFile::createEncrypted(path, info, *pass);
        if (!c)
            return fail(c.error());
    } else {
        auto c = CaseFile::create(path, info);
        if (!c)
            return fail(c.error());
    }
    outLine(QStringLiteral("created %1%2")
                    .arg(displaySafe(path), encrypt ? QStringLiteral(" (encrypted)") : QString()));
    return 0;
}

} // namespace

extern const Command kNewCommand
        = {"new",
           "new CASE --authorization REF|--no-authorization REASON [--title T] [--scope S] "
           "[--retention DATE] [--encrypt [--key-file FILE]]",
           "create a case file",
           "Creates an empty case. The title defaults to the file name. The authorisation\n"
           "reference (ticket, warrant or approval) is required; without one, give\n"
           "--no-authorization REASON: the reason is recorded under the audit chain and every\n"
           "report page prints \"No authorisation reference: REASON\". Scope and retention date\n"
           "(YYYY-MM-DD) are recorded in the case and in its audit log. An existing file is\n"
           "never overwritten.\n"
           "With --encrypt the case file is a SQLCipher database (AES-256): the passphrase is\n"
           "asked twice on the terminal, or read from --key-file FILE. Every later command on\n"
           "it takes --key-file FILE or asks; it works on a plaintext copy in a private folder\n"
           "in memory and encrypts it back over the case file when it has changed it.",
           AppKind::Core,
           &run};

} // namespace netcase::cli
