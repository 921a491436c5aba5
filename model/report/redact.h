#pragma once

// A redacted report (`netcase report --redact`, issue 24): raw lines are left out, and account
// names and addresses that are not the subject of a decision are replaced by pseudonyms
// ("account-7f3a9c", "ip-19c2e0"). A pseudonym is the start of HMAC-SHA256 under a key drawn at
// random for each report and then forgotten: within one report the same value always gets the
// same pseudonym (so patterns stay readable), but nobody can map it back by hashing guesses,
// and two reports cannot be joined on it.
//
// Subjects of decisions (ip:X, account:X, and the addresses and accounts of a finding that is a
// decision's subject) stay as they are: the report must say what was decided about whom.

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>

#include <nlohmann/json_fwd.hpp>

namespace netcase {

struct ReportData;

class Pseudonyms
{
public:
    /// key: the HMAC key (redactReport() draws 32 random bytes).
    Pseudonyms(QByteArray key, QSet<QString> keptIps, QSet<QString> keptAccounts);

    QString ip(const QString &value);
    QString account(const QString &value);
    /// Makes account names known, so free text naming them is redacted (text()).
    void learnAccount(const QString &value);
    /// Free text: every address (IPv4, IPv6) and every known account name standing as a word is
    /// replaced; kept subjects stay.
    QString text(const QString &s);
    /// Every string in j: values under account-like keys ("user", "accounts"...) as accounts,
    /// the rest as text().
    void json(nlohmann::json &j);
    /// Learns the account names found under account-like keys of j.
    void learnAccounts(const nlohmann::json &j);

private:
    QString pseudonym(const QString &prefix, const QString &value);

    QByteArray m_key;
    QSet<QString> m_keptIps;
    QSet<QString> m_keptAccounts;
    QSet<QString> m_accounts;        ///< known account names, for free text
    QHash<QString, QString> m_given; ///< "ip:x" → pseudonym
    QSet<QString> m_used;
};

/// Redacts the report's data in place (see above), with a fresh random key.
void redactReport(ReportData &d);

} // namespace netcase
