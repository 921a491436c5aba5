#include "caseaccess.h"

#include "cli/casekey.h"
#include "cli/output.h"

#include "case/casezone.h"
#include "case/encryptedcase.h"

#include <QDate>

namespace netcase::cli {

Result<CaseFile> openCase(const QString &path, bool write)
{
    CaseFile::OpenOptions o;
    o.readOnly = !write;
    o.requireWrite = write;
    if (crypt::looksEncrypted(path)) {
        auto pass = casePassphrase(path, false);
        if (!pass)
            return pass.error();
        o.passphrase = *pass;
    }
    auto c = CaseFile::open(path, o);
    // Saved over the case file after the command returns (entry.cpp), read-only ones removed.
    if (c && c->encrypted())
        keepWorkingCopy(c->workingCopy(), write);
    if (c) {
        // Plain output (reports, notes) shows times in the case's zone (`netcase timezone`).
        showCaseTimeZone(c->db());
        // Past its retention date a case should have been destroyed: every command says so.
        const QDate until = QDate::fromString(c->info().retentionDate, Qt::ISODate);
        if (until.isValid() && QDate::currentDate() > until)
            errLine(QStringLiteral("warning: the case's retention date %1 has passed; it should "
                                   "be destroyed or its retention extended (case details)")
                            .arg(until.toString(Qt::ISODate)));
    }
    return c;
}

} // namespace netcase::cli
