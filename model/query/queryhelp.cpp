#include "queryhelp.h"

#include "core/fields.h"

namespace netcase::query {

namespace {

constexpr const char *kGrammar
        = R"(Search events with a query (netcase events CASE --query Q, the events search bar).

Terms
  user:alice                 a field equals a value (exact, case-sensitive)
  user:"Alice Smith"         quotes for spaces; a quoted value is always literal
  path:/admin*               * and ? match any text / one character (\* is a literal *)
  ua:/python-requests.*/     a regular expression (RE2), found anywhere in the value;
                             quote a value that starts and ends with / to match it literally
  user:*                     the field is present
  status>=400  bytes>1000000  dport<1024     numbers compare with < <= > >= = !=
  @timestamp>=2024-01-20T05:00   times compare as the instant they name (UTC unless
                             an offset is given); time:2024-01-20 is that whole day,
                             time:2024-01-20T05:00 that minute
  ip:10.0.0.0/8  ip:2001:db8::/32   an address, a range (CIDR) or a pattern (ip:10.1.*)
  outcome:failure            success, failure or unknown
  error                      a bare word: in the raw record, ignoring case
  "exact phrase"             a quoted phrase: in the raw record, exactly
  /curl\/[0-9]+/             a regular expression over the raw record

Combining
  a b  (the same as a AND b),  a OR b,  NOT a,  field!=value (NOT field:value),
  parentheses: (user:alice OR user:bob) NOT status:200
  NOT binds tightest, then AND, then OR. AND, OR and NOT are upper case (and is a word).

Fields with more than one home
  ip, related.ip     source.ip, client.ip (X-Forwarded-For) or destination.ip
  user, related.user user.name
  source, file       the imported file's name (log.file.path)
  country            the country (ISO code or name) of any address, from enrichment
  asn, as.number     the autonomous system of any address, from enrichment (AS15169 or 15169)

Notes (netcase note, the event table's Star / Tag… / Comment…)
  tag:phishing  tag:ph*  tag:/^case-/  tag:*   events carrying a tag (exact, pattern, RE2, any)
  is:starred  is:tagged  is:commented  is:noted   events with a star, a tag, a comment, any note

Examples
  ip:203.0.113.0/24 status>=400
  user:alice NOT outcome:success @timestamp>=2024-01-20
  ua:/python|curl|go-http/ path:/api/*
  "POST /login" NOT src:10.0.0.0/8

Fields (alias, then the Elastic Common Schema name)
)";

} // namespace

std::string queryHelpText()
{
    std::string out = kGrammar;
    for (const FieldDef &f : eventFields()) {
        if (!f.alias && !f.mappable)
            continue;
        std::string line = "  ";
        line += f.alias ? f.alias : "";
        line.resize(14, ' ');
        out += line + f.ecs + '\n';
    }
    return out;
}

} // namespace netcase::query
