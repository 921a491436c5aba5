#pragma once

// The case's events held compactly in memory for one analysis run: integer columns only (strings
// stay interned and are resolved on demand), each event classified once into flags the detectors
// share (sign-in attempt, SSH, MFA push, sensitive action, flow record, web request).

#include "core/result.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace netcase {

class Database;
class Rules;

enum EventFlag : std::uint16_t {
    kAuth = 1 << 0,        ///< a sign-in attempt (authentication, SSH, a POST to a login path)
    kSsh = 1 << 1,         ///< an SSH authentication
    kInvalidUser = 1 << 2, ///< the account does not exist (sshd "invalid user")
    kMfa = 1 << 3,         ///< an MFA challenge (push, verify)
    kMfaDenied = 1 << 4,   ///< ... that was denied, rejected or timed out
    kSensitive = 1 << 5,   ///< MFA change, API token, export, admin or role change
    kFlow = 1 << 6,        ///< a flow record (Zeek conn, NetFlow)
    kWeb = 1 << 7,         ///< an HTTP request
    kSshEcho = 1 << 8,  ///< an SSH line that repeats an attempt another line counts (sshattempts.h)
    kSshTry = 1 << 9,   ///< an sshd "Failed|Accepted METHOD for ..." line: one try each
    kMfaSent = 1 << 10, ///< an MFA prompt sent (a push on its way), not an answer
};

/// Ev::sshd bits: what the labels say about the line's origin (read only for SSH and PAM lines).
enum SshdBit : std::uint8_t {
    kBySshd = 1 << 0,     ///< logged by sshd, or a PAM line of the sshd service
    kPamSummary = 1 << 1, ///< "PAM N more authentication failures": repeats earlier lines
};

/// One event (about 90 bytes). String and address columns are ids into Dataset::strs /
/// Dataset::ips.
struct Ev
{
    std::int64_t id = 0;
    std::int64_t ts = 0;
    std::int64_t srcBytes = -1;
    std::int64_t dstBytes = -1;
    std::int32_t ip = 0; ///< source.ip, or client.ip when the source is a proxy
    std::int32_t user = 0;
    std::int32_t ua = 0;
    std::int32_t session = 0;
    std::int32_t device = 0;
    std::int32_t host = 0;
    std::int32_t dstIp = 0;
    std::int32_t dstPort = -1;
    std::int32_t url = 0;
    std::int32_t action = 0;
    std::int32_t category = 0;
    std::int32_t method = 0;
    std::int32_t mfa = 0;
    std::uint16_t flags = 0;
    std::uint8_t outcome = 0; ///< netcase::Outcome
    std::uint8_t sshd = 0;    ///< SshdBit
    bool success() const { return outcome == 1; }
    bool failure() const { return outcome == 2; }
};

/// Enrichment of one address (the current ip_info row), or only the address when not enriched.
/// A compact copy of what the detectors use, not enrich/ipinfo.h's IpInfo: the analysis loads
/// every row, and IpInfo carries provenance, sources and lists parsed from JSON per row.
struct AnalysisIp
{
    std::string ip;
    int family = 0;
    bool enriched = false;
    bool hasGeo = false;
    std::string country;
    double lat = 0;
    double lon = 0;
    int accuracyKm = -1;
    std::int64_t asn = 0;
    std::string asOrg;
    std::string networkType;
    std::string addressClass;
    bool tor = false;
    bool vpn = false;
    bool proxy = false;
    bool hosting = false;
    bool residentialProxy = false;
    bool listedEgress = false; ///< in the case's known egress ranges (egress.h)
    std::string egressLabel;   ///< that range's label
    bool anonymiser() const { return tor || vpn || proxy || residentialProxy; }
    /// A private or loopback address (by its class when enriched, else by its prefix).
    bool privateOrLoopback() const;
    bool dataCentre() const;
};

using ProgressFn = std::function<void(const QString &stage, int percent)>;

class Dataset
{
public:
    /// Reads every event, the dictionaries and the current enrichment.
    static Result<Dataset>
    load(const Database &db, const Rules &rules, const std::atomic<bool> *cancel = nullptr);
    /// Sets every event's flags from its category, action, method, path and MFA columns.
    void classify(const Rules &rules);
    /// Sorts events by time (then id).
    void sortByTime();

    const std::string &str(std::int32_t id) const;
    const AnalysisIp &ip(std::int32_t id) const;

    /// The pid sshd logged SSH and PAM lines with, by event id (kept beside the events, which
    /// stay small: only these lines have one that the analysis uses).
    std::unordered_map<std::int64_t, std::int32_t> sshPid;
    /// Temporary cloud credentials (cloudsessions.h): the assumed-role ARN by session string id,
    /// and by event id the AWS service (source.domain string id) that made a call from no address.
    std::unordered_map<std::int32_t, std::string> cloudSessionArn;
    std::unordered_map<std::int64_t, std::int32_t> cloudServiceOrigin;
    /// Whether a web request named a referrer, by event id: read for the requests of surges only
    /// (surges.h); a request not in the map is unknown, not "none".
    std::unordered_map<std::int64_t, bool> referrer;
    /// The duration of each flow that lasted long_connection.min_connection_s or longer, by
    /// event id (microseconds); shorter flows are not kept.
    std::unordered_map<std::int64_t, std::int64_t> flowDurationUs;
    std::vector<Ev> events;        ///< in time order
    std::vector<std::string> strs; ///< index = strs.id
    std::vector<AnalysisIp> ips;   ///< index = ips.id
};

/// Events chosen by a predicate, by event id (index into Dataset::events), with the id range
/// that holds them: for one ranged read of columns the dataset does not keep
/// ("... FROM events WHERE id BETWEEN lo AND hi").
struct ChosenEvents
{
    std::unordered_map<std::int64_t, std::size_t> byId;
    std::int64_t lo = 0;
    std::int64_t hi = -1;
};

template<typename Pred>
ChosenEvents chooseEvents(const Dataset &d, Pred &&pred)
{
    ChosenEvents out;
    for (std::size_t i = 0; i < d.events.size(); ++i) {
        const Ev &e = d.events[i];
        if (!pred(e))
            continue;
        out.byId.emplace(e.id, i);
        out.lo = out.byId.size() == 1 ? e.id : std::min(out.lo, e.id);
        out.hi = std::max(out.hi, e.id);
    }
    return out;
}

} // namespace netcase
