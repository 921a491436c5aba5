#pragma once

// Who signed what in the audit chain: each decision and review record carries the Ed25519
// signature of its author's key over the chain up to it (AuditLog::append). The check verifies
// every signature, lists the keys and the records each signed, and names a record signed by no
// key, one whose signature does not match, and one signed by a key other than the key its
// claimed author signed with first in this case (trust on first use: the case holds no
// registry of keys; compare fingerprints out of band).

#include <QStringList>

namespace netcase {

class Database;

struct SignatureCheck
{
    QStringList signers;  ///< "key 1a2b:... (alice): records 3, 7"
    QStringList problems; ///< unsigned, bad or foreign-key records
    int signedRecords = 0;
    int olderUnsigned = 0; ///< decision/review records from before Netcase signed them

    static SignatureCheck run(const Database &db);
};

} // namespace netcase
