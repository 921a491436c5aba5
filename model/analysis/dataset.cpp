#include "dataset.h"

#include "cloudsessions.h"
#include "egress.h"
#include "rules.h"
#include "sshattempts.h"
#include "surges.h"

#include "case/sqlite.h"
#include "store/eventhalves.h"
#include "store/eventstore.h"

#include <algorithm>
#include <unordered_map>

namespace netcase {

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

bool containsAny(const std::string &hay, const std::vector<std::string> &needles)
{
    return std::any_of(needles.begin(), needles.end(), [&](const std::string &n) {
        return !n.empty() && hay.find(n) != std::string::npos;
    });
}

bool pathMatches(const std::string &url, const std::vector<std::string> &paths)
{
    // Compare the path without its query; a login path matches itself and its sub-paths.
    const std::string path = url.substr(0, url.find('?'));
    return std::any_of(paths.begin(), paths.end(), [&](const std::string &p) {
        return path == p
               || (path.size() > p.size() && path.compare(0, p.size(), p) == 0
                   && (path[p.size()] == '/' || path[p.size()] == '.'));
    });
}

const std::string kEmpty;
const AnalysisIp kNoIp;

constexpr std::int64_t kSplitEvents = 200000;

bool earlier(const Ev &a, const Ev &b)
{
    return a.ts != b.ts ? a.ts < b.ts : a.id < b.id;
}

/// Sorts events by time (then id).
void sortEvents(std::vector<Ev> &events)
{
    // A case of one log is usually in time order already.
    if (std::is_sorted(events.begin(), events.end(), earlier))
        return;
    std::sort(events.begin(), events.end(), earlier);
}

/// Reads the events with ids in [from, to] (addresses must be loaded already).
Status readEvents(const Database &db,
                  const Dataset &d,
                  std::int64_t from,
                  std::int64_t to,
                  const std::atomic<bool> *cancel,
                  std::vector<Ev> &out)
{
    out.reserve(out.size()
                + std::size_t(db.scalar("SELECT COUNT(*) FROM events WHERE id BETWEEN "
                                        + std::to_string(from) + " AND " + std::to_string(to))));
    Statement st = db.prepare(
            "SELECT id, ts, outcome, category, action, source_ip, client_ip, user, user_agent, "
            "session, device, host, destination_ip, destination_port, url, http_method, mfa, "
            "source_bytes, destination_bytes FROM events WHERE id BETWEEN ? AND ?");
    st.bind(1, from).bind(2, to);
    std::int64_t n = 0;
    while (st.step()) {
        if (cancel && (++n & 0xffff) == 0 && cancel->load())
            return makeError(QStringLiteral("analysis cancelled"), ErrorCode::Cancelled);
        Ev e;
        e.id = st.int64(0);
        e.ts = st.int64(1);
        e.outcome = std::uint8_t(st.int64(2));
        e.category = std::int32_t(st.int64(3));
        e.action = std::int32_t(st.int64(4));
        // A private proxy or load balancer in front of the client: the forwarded client is the
        // actor.
        const auto src = std::int32_t(st.int64(5));
        const auto client = std::int32_t(st.int64(6));
        e.ip = (client && (!src || d.ip(src).privateOrLoopback())) ? client : src;
        e.user = std::int32_t(st.int64(7));
        e.ua = std::int32_t(st.int64(8));
        e.session = std::int32_t(st.int64(9));
        e.device = std::int32_t(st.int64(10));
        e.host = std::int32_t(st.int64(11));
        e.dstIp = std::int32_t(st.int64(12));
        e.dstPort = st.isNull(13) ? -1 : std::int32_t(st.int64(13));
        e.url = std::int32_t(st.int64(14));
        e.method = std::int32_t(st.int64(15));
        e.mfa = std::int32_t(st.int64(16));
        e.srcBytes = st.isNull(17) ? -1 : st.int64(17);
        e.dstBytes = st.isNull(18) ? -1 : st.int64(18);
        out.push_back(e);
    }
    return {};
}

/// The long flows' durations (the compact events do not keep a duration).
void loadFlowDurations(const Database &db, Dataset &d, const Rules &rules)
{
    if (!rules.enabled("long_connection"))
        return;
    const ChosenEvents flows = chooseEvents(d, [](const Ev &e) { return (e.flags & kFlow) != 0; });
    if (flows.byId.empty())
        return;
    const auto minUs = std::int64_t(rules.num("long_connection", "min_connection_s", 600) * 1e6);
    Statement st = db.prepare(
            "SELECT id, duration FROM events WHERE id BETWEEN ? AND ? AND duration >= ?");
    st.bind(1, flows.lo).bind(2, flows.hi).bind(3, minUs);
    while (st.step())
        if (flows.byId.count(st.int64(0)))
            d.flowDurationUs[st.int64(0)] = st.int64(1);
}

} // namespace

bool AnalysisIp::privateOrLoopback() const
{
    if (!addressClass.empty())
        return addressClass == "private" || addressClass == "loopback";
    const std::string &s = ip;
    if (s.rfind("10.", 0) == 0 || s.rfind("192.168.", 0) == 0 || s.rfind("127.", 0) == 0
        || s == "::1" || s.rfind("fc", 0) == 0 || s.rfind("fd", 0) == 0)
        return true;
    if (s.rfind("172.", 0) == 0) {
        const int second = std::atoi(s.c_str() + 4);
        return second >= 16 && second <= 31;
    }
    return false;
}

bool AnalysisIp::dataCentre() const
{
    return hosting || networkType == "hosting" || networkType == "datacenter"
           || networkType == "data_centre" || networkType == "cloud";
}

const std::string &Dataset::str(std::int32_t id) const
{
    return (id > 0 && std::size_t(id) < strs.size()) ? strs[std::size_t(id)] : kEmpty;
}

const AnalysisIp &Dataset::ip(std::int32_t id) const
{
    return (id > 0 && std::size_t(id) < ips.size()) ? ips[std::size_t(id)] : kNoIp;
}

void Dataset::sortByTime()
{
    sortEvents(events);
}

void Dataset::classify(const Rules &rules)
{
    const auto authCats = rules.classify("auth_categories");
    const auto authActions = rules.classify("auth_actions");
    const auto authExclude = rules.classify("auth_exclude_actions");
    const auto loginPaths = rules.classify("login_paths");
    const auto sshActions = rules.classify("ssh_actions");
    const auto sshTryActions = rules.classify("ssh_try_actions");
    const auto mfaSentMarkers = rules.classify("mfa_sent_markers");
    const auto invalidMarkers = rules.classify("invalid_user_markers");
    const auto mfaActions = rules.classify("mfa_actions");
    const auto deniedMarkers = rules.classify("mfa_denied_markers");
    const auto sensitiveActions = rules.classify("sensitive_actions");
    const auto sensitivePaths = rules.classify("sensitive_paths");
    const auto flowCats = rules.classify("flow_categories");

    // Strings are interned, so each distinct (category, action) or path is judged once.
    std::unordered_map<std::int64_t, std::uint16_t> byKind;
    std::unordered_map<std::int32_t, std::uint16_t> byPath;
    std::unordered_map<std::int32_t, bool> deniedMfa;
    for (Ev &e : events) {
        const std::int64_t kindKey = (std::int64_t(e.category) << 32) | std::uint32_t(e.action);
        auto k = byKind.find(kindKey);
        if (k == byKind.end()) {
            const std::string cat = lower(str(e.category));
            const std::string act = lower(str(e.action));
            std::uint16_t f = 0;
            const bool excluded = containsAny(act, authExclude);
            if (!excluded
                && (std::find(authCats.begin(), authCats.end(), cat) != authCats.end()
                    || containsAny(act, authActions)))
                f |= kAuth;
            if ((f & kAuth) && containsAny(act, sshActions))
                f |= kSsh;
            if ((f & kAuth) && containsAny(act, sshTryActions))
                f |= kSshTry;
            if (containsAny(act, mfaSentMarkers))
                f |= kMfaSent;
            // "user.mfa.okta_verify.deny_push": the action itself says the prompt was denied.
            if ((f & kMfa) && containsAny(act, deniedMarkers))
                f |= kMfaDenied;
            if (containsAny(act, invalidMarkers))
                f |= kInvalidUser;
            if (containsAny(act, mfaActions) && !containsAny(act, sensitiveActions))
                f |= kMfa;
            if (containsAny(act, sensitiveActions))
                f |= kSensitive;
            if (std::find(flowCats.begin(), flowCats.end(), cat) != flowCats.end())
                f |= kFlow;
            if (cat == "web" || act.rfind("http", 0) == 0)
                f |= kWeb;
            k = byKind.emplace(kindKey, f).first;
        }
        std::uint16_t flags = k->second;
        if ((flags & kWeb) && e.url) {
            auto p = byPath.find(e.url);
            if (p == byPath.end()) {
                const std::string path = lower(str(e.url));
                std::uint16_t f = 0;
                if (pathMatches(path, loginPaths))
                    f |= kAuth;
                if (pathMatches(path, sensitivePaths))
                    f |= kSensitive;
                p = byPath.emplace(e.url, f).first;
            }
            std::uint16_t pf = p->second;
            // Only a submitted form is a sign-in attempt; fetching the login page is not.
            if ((pf & kAuth) && lower(str(e.method)) != "post")
                pf &= ~kAuth;
            // A request the server refused or could not find (403, 404, 5xx) did nothing.
            if ((pf & kSensitive) && e.failure())
                pf &= ~kSensitive;
            flags |= pf;
        }
        if (e.mfa) {
            auto d = deniedMfa.find(e.mfa);
            if (d == deniedMfa.end())
                d = deniedMfa.emplace(e.mfa, containsAny(lower(str(e.mfa)), deniedMarkers)).first;
            flags |= kMfa;
            if (d->second)
                flags |= kMfaDenied;
        }
        if ((flags & kMfa) && e.failure())
            flags |= kMfaDenied;
        if ((flags & kMfa) && !e.mfa && (flags & kAuth) && !(flags & kSsh))
            flags &= ~kMfa; // a sign-in whose action merely mentions a factor
        if ((flags & kFlow) && (!e.dstIp || e.dstPort < 0))
            flags &= ~kFlow;
        // sshd's PAM lines are SSH attempts, not generic sign-ins; its summaries repeat them.
        if ((flags & kAuth) && (e.sshd & kBySshd))
            flags |= kSsh;
        if (e.sshd & kPamSummary)
            flags |= kSshEcho;
        if (!(flags & kSsh))
            flags &= ~(kSshTry | kSshEcho);
        if (!(flags & kMfa))
            flags &= ~kMfaSent;
        e.flags = flags;
    }
    markSshEchoes(events, sshPid);
}

Result<Dataset>
Dataset::load(const Database &db, const Rules &rules, const std::atomic<bool> *cancel)
{
    Dataset d;
    {
        const std::int64_t maxId = db.scalar("SELECT COALESCE(MAX(id), 0) FROM strs");
        d.strs.resize(std::size_t(maxId) + 1);
        Statement st = db.prepare("SELECT id, s FROM strs");
        while (st.step())
            d.strs[std::size_t(st.int64(0))] = std::string(st.textView(1));
    }
    {
        const std::int64_t maxId = db.scalar("SELECT COALESCE(MAX(id), 0) FROM ips");
        d.ips.resize(std::size_t(maxId) + 1);
        Statement st = db.prepare("SELECT id, ip, family FROM ips");
        while (st.step()) {
            AnalysisIp &i = d.ips[std::size_t(st.int64(0))];
            i.ip = std::string(st.textView(1));
            i.family = int(st.int64(2));
        }
        Statement en = db.prepare(
                "SELECT ip_id, country_iso, latitude, longitude, accuracy_km, asn, as_org, "
                "network_type, address_class, is_tor, is_vpn, is_proxy, is_hosting, "
                "is_residential_proxy FROM ip_info WHERE current = 1");
        while (en.step()) {
            const std::int64_t id = en.int64(0);
            if (id <= 0 || std::size_t(id) >= d.ips.size())
                continue;
            AnalysisIp &i = d.ips[std::size_t(id)];
            i.enriched = true;
            i.country = std::string(en.textView(1));
            i.hasGeo = !en.isNull(2) && !en.isNull(3);
            i.lat = en.real(2);
            i.lon = en.real(3);
            i.accuracyKm = en.isNull(4) ? -1 : int(en.int64(4));
            i.asn = en.int64(5);
            i.asOrg = std::string(en.textView(6));
            i.networkType = lower(en.textView(7));
            i.addressClass = lower(en.textView(8));
            i.tor = en.int64(9) != 0;
            i.vpn = en.int64(10) != 0;
            i.proxy = en.int64(11) != 0;
            i.hosting = en.int64(12) != 0;
            i.residentialProxy = en.int64(13) != 0;
        }
    }
    // The organisation's egress ranges the analyst listed: each address is looked up once.
    if (const std::vector<EgressRange> ranges = Egress::load(db); !ranges.empty()) {
        for (AnalysisIp &i : d.ips) {
            if (const EgressRange *r = i.ip.empty() ? nullptr : Egress::find(ranges, i.ip)) {
                i.listedEgress = true;
                i.egressLabel = r->label.empty() ? r->cidr : r->label + " (" + r->cidr + ")";
            }
        }
    }
    // Large cases are read in two halves of the id range at once (store/eventhalves), each
    // sorted on its own thread; merging them keeps the time order.
    std::vector<Ev> halves[2];
    Status read[2];
    const int used = readInHalves(
            db, kSplitEvents, [&](const Database &conn, EventIdRange range, int half) {
                read[half] = readEvents(conn, d, range.lo, range.hi, cancel, halves[half]);
                sortEvents(halves[half]);
            });
    for (int half = 0; half < used; ++half) {
        if (!read[half])
            return read[half].error();
    }
    d.events.resize(halves[0].size() + halves[1].size());
    std::merge(halves[0].begin(), halves[0].end(), halves[1].begin(), halves[1].end(),
               d.events.begin(), earlier);
    d.sortByTime();
    loadSshdLabels(db, d);
    loadCloudSessions(db, d);
    d.classify(rules);
    loadSurgeReferrers(db, d, rules);
    loadFlowDurations(db, d, rules);
    return d;
}

} // namespace netcase
