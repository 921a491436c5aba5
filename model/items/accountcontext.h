#pragma once

// Everything the case says about one account, read through its posting list in the event
// store: sign-in history by outcome, countries/ASNs/network types of its addresses (current
// ip_info rows), devices and user agents, MFA methods and results, password resets and
// sensitive actions, first and last seen, the findings that involve it and its directory record.

#include "core/result.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace netcase {

class Database;

struct CountedValue
{
    QString value;
    std::int64_t count = 0;
    std::int64_t lastTs = 0; ///< latest event (actions only)
};

struct DirectoryRecord
{
    QString account;
    std::optional<bool> mfaEnrolled;
    QString deviceTrust;
    QString department;
    QString lastPasswordReset;
};

struct AccountFindingRef
{
    std::int64_t id = 0;
    int severity = 0;
    QString kind;
    QString title;
};

struct AccountContext
{
    QString account;
    std::int64_t events = 0;
    std::int64_t successes = 0;
    std::int64_t failures = 0;
    std::int64_t firstTs = 0;
    std::int64_t lastTs = 0;
    std::int64_t distinctIps = 0;
    std::int64_t ipsWithoutEnrichment = 0;

    /// Sign-in history: equal buckets from firstTs to lastTs.
    std::int64_t bucketUs = 0;
    std::vector<std::int64_t> bucketSuccess;
    std::vector<std::int64_t> bucketFailure;
    std::vector<std::int64_t> bucketOther;

    std::vector<CountedValue> countries; ///< "DE Germany" by events
    std::vector<CountedValue> asns;      ///< "AS3320 Deutsche Telekom"
    std::vector<CountedValue> networkTypes;
    std::vector<CountedValue> devices;
    std::vector<CountedValue> userAgents;
    std::vector<CountedValue> mfa; ///< authentication.mfa values ("push:denied")
    std::vector<CountedValue> passwordResets;
    std::vector<CountedValue> sensitiveActions;
    std::vector<AccountFindingRef> findings;
    std::optional<DirectoryRecord> directory;

    /// Reads the context; an account without events yields an empty context (not an error).
    static Result<AccountContext>
    load(const Database &db, const QString &account, int buckets = 48);
    /// Whether an event.action counts as sensitive (privilege, MFA or credential changes...).
    static bool isSensitiveAction(const QString &action);
    static bool isPasswordReset(const QString &action);
};

} // namespace netcase
