#include "analysis/claimscheck.h"
#include "analysis/claimscheck_coverage.h"
#include "analysis/claimscheck_traffic.h"

#include "analysis/findingstore.h"
#include "case/eventquery.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <set>

namespace netcase::test {

namespace {

struct Ev
{
    std::int64_t ts = 0;
    std::string actor; ///< the address acting: client.ip behind a private proxy, else source.ip
    std::string user;
    std::string action;
    std::string mfa;
    std::string host;
    std::string pid;
    bool ssh = false;
    bool pamSummary = false; ///< "PAM N more authentication failures": repeats earlier lines
    bool success = false;
    bool failure = false;
};

bool privateAddress(const std::string &s)
{
    return s.rfind("10.", 0) == 0 || s.rfind("192.168.", 0) == 0 || s.rfind("127.", 0) == 0
           || (s.rfind("172.", 0) == 0 && std::atoi(s.c_str() + 4) >= 16
               && std::atoi(s.c_str() + 4) <= 31);
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

bool has(const std::string &hay, const char *needle)
{
    return hay.find(needle) != std::string::npos;
}

std::vector<Ev> evidenceOf(const Database &db, const StoredFinding &f)
{
    std::vector<Ev> out;
    const EventQuery q(db);
    for (const EventRow &r : q.rows(FindingStore::evidence(db, f.id))) {
        const Event &e = r.event;
        Ev v;
        v.ts = e.timestampUs;
        v.actor = !e.clientIp.empty() && (e.sourceIp.empty() || privateAddress(e.sourceIp))
                          ? e.clientIp
                          : e.sourceIp;
        v.user = e.userName;
        v.action = lower(e.action);
        v.mfa = lower(e.mfa);
        v.host = e.hostName;
        v.success = e.outcome == Outcome::Success;
        v.failure = e.outcome == Outcome::Failure;
        const auto labels
                = nlohmann::json::parse(e.labels.empty() ? "{}" : e.labels, nullptr, false);
        if (labels.is_object()) {
            const std::string process = labels.value("process", "");
            const std::string service = labels.value("pam_service", "");
            v.ssh = process == "sshd" || service == "sshd";
            if (labels.contains("pid"))
                v.pid = labels["pid"].is_string() ? labels["pid"].get<std::string>()
                                                  : labels["pid"].dump();
            v.pamSummary = labels.contains("failures") && v.action.rfind("pam_", 0) == 0;
        }
        v.ssh = v.ssh || v.action.rfind("ssh_", 0) == 0;
        out.push_back(std::move(v));
    }
    std::sort(out.begin(), out.end(), [](const Ev &a, const Ev &b) { return a.ts < b.ts; });
    return out;
}

/// SSH attempts among failures, counted as sshd logs them: a connection (host and pid) with
/// "Failed ..." lines made that many attempts; one with only "Invalid user", PAM or "maximum
/// attempts" lines made one. Lines without a pid bound the count: [Failed lines, all lines].
struct Attempts
{
    std::size_t low = 0;
    std::size_t high = 0;
};

Attempts sshAttempts(const std::vector<Ev> &ev, const std::string &ip)
{
    std::map<std::pair<std::string, std::string>, std::pair<std::size_t, std::size_t>> conns;
    Attempts a;
    for (const Ev &e : ev) {
        if (!e.ssh || !e.failure || e.pamSummary || (!ip.empty() && e.actor != ip))
            continue;
        const bool failedLine = e.action == "ssh_login";
        if (e.pid.empty()) {
            a.low += failedLine ? 1 : 0;
            ++a.high;
            continue;
        }
        auto &c = conns[{e.host, e.pid}];
        c.first += failedLine ? 1 : 0;
        ++c.second;
    }
    for (const auto &[k, c] : conns) {
        const std::size_t n = c.first > 0 ? c.first : 1;
        a.low += n;
        a.high += n;
    }
    return a;
}

bool mfaDenial(const Ev &e)
{
    return e.failure || has(e.mfa, "denied") || has(e.mfa, "reject") || has(e.action, "deny")
           || has(e.action, "reject");
}

bool mfaSend(const Ev &e)
{
    return has(e.action, "send") || has(e.action, "sent") || has(e.mfa, "sent");
}

/// An explicit approval: a factor verification that succeeded, not a push merely sent.
bool mfaApproval(const Ev &e)
{
    return e.success && !mfaSend(e) && !mfaDenial(e) && (!e.mfa.empty() || has(e.action, "mfa"));
}

/// Denied prompts: the denials of one push (between two pushes sent, or within 10 s when no
/// push is logged) count once.
std::size_t deniedPrompts(const std::vector<Ev> &ev)
{
    std::size_t n = 0;
    bool pushOpen = false;
    bool pushDenied = false;
    std::int64_t lastCounted = -1;
    for (const Ev &e : ev) {
        if (mfaSend(e)) {
            pushOpen = true;
            pushDenied = false;
            continue;
        }
        if (!mfaDenial(e))
            continue;
        if (pushOpen) {
            if (!pushDenied)
                ++n;
            pushDenied = true;
        } else if (lastCounted < 0 || e.ts - lastCounted > 10'000'000) {
            ++n;
            lastCounted = e.ts;
        }
    }
    return n;
}

std::string signalDetail(const StoredFinding &f, const char *name)
{
    for (const auto &s : f.signalList)
        if (s.value("name", "") == name)
            return s.value("detail", "");
    return {};
}

bool hasSignal(const StoredFinding &f, const char *name)
{
    return std::any_of(f.signalList.begin(), f.signalList.end(),
                       [&](const auto &s) { return s.value("name", "") == name; });
}

std::size_t num(const std::string &s)
{
    return std::size_t(std::stoull(s));
}

class Checker
{
public:
    Checker(const StoredFinding &f, std::vector<Ev> ev, bool complete)
        : f(f)
        , ev(std::move(ev))
        , complete(complete)
    {}

    QStringList run()
    {
        general();
        const std::string title = f.title.toStdString();
        std::smatch m;
        // Today's wording, and the one before it ("N failures, then a success").
        static const std::regex ssh(R"(^SSH brute force from (\S+) \((\d+) )"
                                    R"((?:failed attempts?|failures))"
                                    R"((, then a success|, then accepted login for (.+))?\)$)");
        static const std::regex scan(
                R"(^SSH password guessing from (\d+) sources?: (\d+) failed attempts)");
        static const std::regex sshNet(R"(^SSH brute force from (\d+) addresses of (\S+)\.0/24 )"
                                       R"(\((\d+) failed attempts)"
                                       R"((?:, then accepted login for (\S+) from (\S+))?\)$)");
        static const std::regex burst(R"(^(\d+) failed sign-ins (from|for) (.+)$)");
        static const std::regex stuff(R"(^Credential stuffing from (\d+ addresses|\S+): )"
                                      R"((\d+) accounts, )"
                                      R"((\d+) failures$)");
        static const std::regex dist(R"(^Distributed credential stuffing: (\d+) sources, )"
                                     R"((\d+) accounts)");
        static const std::regex spray(R"(^Password spraying from (\d+ addresses|\S+): )"
                                      R"((\d+) accounts)");
        static const std::regex agents(R"(^(?:Scripted client|Outdated browser) .+ from )"
                                       R"((?:(\d+) addresses: (\d+) requests|(\S+))$)");
        static const std::regex pair(R"(^(\d+) accounts between (\S+) and (\S+): (\d+) jumps, )");
        static const std::regex mfa(R"(^(.+): (\d+) MFA prompts denied(, then one accepted)?$)");
        if (std::regex_search(title, m, ssh))
            sshBruteForce(m[1], num(m[2]), m[3].matched, m[4].str());
        else if (std::regex_search(title, m, sshNet))
            sshNetwork(num(m[1]), m[2].str() + ".", num(m[3]), m[4].str(), m[5].str());
        else if (f.kind == QLatin1String("ssh_bruteforce") && std::regex_search(title, m, scan))
            sshScan(num(m[1]), num(m[2]));
        else if (f.kind == QLatin1String("ssh_bruteforce"))
            fail("title not understood");
        if (std::regex_search(title, m, burst))
            failedBurst(num(m[1]), m[2] == "from", m[3]);
        if (std::regex_search(title, m, stuff))
            stuffing(m[1], num(m[2]), num(m[3]));
        if (std::regex_search(title, m, dist))
            distributed(num(m[1]), num(m[2]));
        if (std::regex_search(title, m, spray))
            spraying(num(m[2]));
        if (f.kind == QLatin1String("user_agent_anomaly") && std::regex_search(title, m, agents))
            userAgents(m[1].matched ? num(m[1]) : 1, m[2].matched ? num(m[2]) : 0, m[3].str());
        if (f.kind == QLatin1String("impossible_travel") && std::regex_search(title, m, pair))
            travelPair(num(m[1]), m[2].str(), m[3].str());
        if (std::regex_search(title, m, mfa))
            mfaFatigue(m[1], num(m[2]), m[3].matched);
        else if (f.kind == QLatin1String("mfa_fatigue"))
            fail("title not understood");
        if (hasSignal(f, "some_succeeded") && complete) {
            const auto n = std::size_t(
                    std::count_if(ev.begin(), ev.end(), [](const Ev &e) { return e.success; }));
            if (signalDetail(f, "some_succeeded") != std::to_string(n) + " attempts succeeded")
                fail("some_succeeded says '" + signalDetail(f, "some_succeeded") + "', evidence "
                     + std::to_string(n));
        }
        return problems;
    }

private:
    void fail(const std::string &what) { problems << QString::fromStdString(what); }

    void general()
    {
        if (ev.empty()) {
            fail("no evidence");
            return;
        }
        if (!complete)
            return;
        std::set<std::string> seenUsers;
        for (const Ev &e : ev)
            seenUsers.insert(e.user);
        for (const QString &a : f.accounts)
            if (!seenUsers.count(a.toStdString()))
                fail("account " + a.toStdString() + " is in no evidence event");
    }

    std::vector<const Ev *> from(const std::string &ip) const
    {
        std::vector<const Ev *> out;
        for (const Ev &e : ev)
            if (e.actor == ip)
                out.push_back(&e);
        return out;
    }

    /// user: the account of the success claimed, empty when the title does not name it.
    void sshBruteForce(const std::string &ip, std::size_t n, bool success, const std::string &user)
    {
        std::set<std::string> tried;
        std::int64_t lastFailure = 0;
        for (const Ev &e : ev) {
            if (e.actor != ip) {
                fail("evidence from another address: " + e.actor);
                return;
            }
            if (e.failure && e.ssh) {
                tried.insert(e.user);
                lastFailure = std::max(lastFailure, e.ts);
            }
        }
        if (complete) {
            const Attempts a = sshAttempts(ev, ip);
            if (n < a.low || n > a.high)
                fail(std::to_string(n) + " failed attempts claimed, evidence shows "
                     + std::to_string(a.low) + ".." + std::to_string(a.high));
        }
        if (!success)
            return;
        bool ok = false;
        for (const Ev &e : ev) {
            if (!(e.success && e.ssh && (user.empty() || e.user == user)))
                continue;
            // An account that was attempted, and its login after its own failures.
            std::int64_t lastOwn = -1;
            for (const Ev &x : ev)
                if (x.failure && x.user == e.user)
                    lastOwn = std::max(lastOwn, x.ts);
            ok = ok || (tried.count(e.user) && lastOwn >= 0 && e.ts >= lastOwn);
        }
        if (!ok)
            fail("no accepted login for " + (user.empty() ? std::string("an account") : user)
                 + " after failures of that account");
    }

    /// Sources of one /24: every evidence event from it, as many failing sources and attempts
    /// as claimed, and the accepted login named: from that address, for an account that failed
    /// from it before.
    void sshNetwork(std::size_t sources,
                    const std::string &prefix,
                    std::size_t n,
                    const std::string &user,
                    const std::string &ip)
    {
        std::set<std::string> failing;
        for (const Ev &e : ev) {
            if (e.actor.rfind(prefix, 0) != 0) {
                fail("evidence from outside " + prefix + "0/24: " + e.actor);
                return;
            }
            if (e.failure && e.ssh)
                failing.insert(e.actor);
        }
        if (complete) {
            if (failing.size() != sources)
                fail(std::to_string(sources) + " sources claimed, evidence has "
                     + std::to_string(failing.size()) + " failing");
            const Attempts a = sshAttempts(ev, {});
            if (n < a.low || n > a.high)
                fail(std::to_string(n) + " failed attempts claimed, evidence shows "
                     + std::to_string(a.low) + ".." + std::to_string(a.high));
        }
        if (user.empty())
            return;
        bool ok = false;
        for (const Ev &e : ev) {
            if (!(e.success && e.ssh && e.user == user && e.actor == ip))
                continue;
            for (const Ev &x : ev)
                ok = ok || (x.failure && x.ssh && x.user == user && x.actor == ip && x.ts <= e.ts);
        }
        if (!ok)
            fail("no accepted login for " + user + " from " + ip + " after its failures there");
    }

    /// Accounts jumping between two addresses: every evidence event from one of them, and as
    /// many accounts that signed in successfully from both as claimed.
    void travelPair(std::size_t accounts, const std::string &a, const std::string &b)
    {
        std::map<std::string, std::set<std::string>> from;
        for (const Ev &e : ev) {
            if (e.actor != a && e.actor != b) {
                fail("evidence from neither address of the pair: " + e.actor);
                return;
            }
            if (e.success)
                from[e.user].insert(e.actor);
        }
        const auto both = std::size_t(std::count_if(
                from.begin(), from.end(), [](const auto &u) { return u.second.size() == 2; }));
        if (complete && both != accounts)
            fail(std::to_string(accounts) + " accounts claimed, " + std::to_string(both)
                 + " signed in from both addresses");
    }

    void sshScan(std::size_t sources, std::size_t n)
    {
        std::set<std::string> failing;
        for (const Ev &e : ev)
            if (e.failure && e.ssh)
                failing.insert(e.actor);
        if (!complete)
            return;
        if (failing.size() != sources)
            fail(std::to_string(sources) + " sources claimed, evidence has "
                 + std::to_string(failing.size()) + " failing");
        const Attempts a = sshAttempts(ev, {});
        if (n < a.low || n > a.high)
            fail(std::to_string(n) + " failed attempts claimed, evidence shows "
                 + std::to_string(a.low) + ".." + std::to_string(a.high));
    }

    void failedBurst(std::size_t n, bool byIp, const std::string &who)
    {
        std::size_t failures = 0;
        for (const Ev &e : ev) {
            if (e.ssh)
                fail("an SSH line counted as a generic failed sign-in");
            if ((byIp ? e.actor : e.user) != who && e.failure)
                fail("a failure of another " + std::string(byIp ? "address" : "account"));
            failures += e.failure ? 1 : 0;
        }
        if (complete && failures != n)
            fail(std::to_string(n) + " failures claimed, evidence has " + std::to_string(failures));
    }

    void stuffing(const std::string &ip, std::size_t accounts, std::size_t failures)
    {
        std::set<std::string> users;
        std::set<std::string> sources;
        std::size_t failed = 0;
        const bool campaign = ip.find(" addresses") != std::string::npos;
        for (const Ev &e : ev) {
            sources.insert(e.actor);
            if (!campaign && e.actor != ip)
                fail("evidence from another address: " + e.actor);
            if (e.ssh)
                fail("an SSH line counted as a web or identity sign-in");
            users.insert(e.user);
            failed += e.failure ? 1 : 0;
        }
        if (campaign && complete && sources.size() != num(ip))
            fail(ip + " claimed, evidence has " + std::to_string(sources.size()) + " sources");
        if (complete && (users.size() != accounts || failed != failures))
            fail("claims " + std::to_string(accounts) + " accounts, " + std::to_string(failures)
                 + " failures; evidence has " + std::to_string(users.size()) + ", "
                 + std::to_string(failed));
    }

    void distributed(std::size_t sources, std::size_t accounts)
    {
        std::map<std::string, std::size_t> failuresOf;
        std::set<std::string> users;
        for (const Ev &e : ev) {
            failuresOf[e.actor] += e.failure ? 1 : 0;
            users.insert(e.user);
        }
        for (const auto &[ip, n] : failuresOf)
            if (n == 0)
                fail("source " + ip + " has no failure in the evidence");
        for (const QString &ip : f.ips)
            if (complete && !failuresOf.count(ip.toStdString()))
                fail("source " + ip.toStdString() + " is in no evidence event");
        if (complete && (failuresOf.size() != sources || users.size() != accounts))
            fail("claims " + std::to_string(sources) + " sources, " + std::to_string(accounts)
                 + " accounts; evidence has " + std::to_string(failuresOf.size()) + ", "
                 + std::to_string(users.size()));
    }

    void spraying(std::size_t accounts)
    {
        std::set<std::string> users;
        std::size_t failed = 0;
        for (const Ev &e : ev) {
            if (e.ssh)
                fail("an SSH line counted as a web or identity sign-in");
            users.insert(e.user);
            failed += e.failure ? 1 : 0;
        }
        if (complete && users.size() != accounts)
            fail("claims " + std::to_string(accounts) + " accounts; evidence has "
                 + std::to_string(users.size()));
        if (failed * 2 < ev.size())
            fail("spraying where most attempts succeeded");
    }

    /// A client from one address, or a campaign: its sources and requests.
    void userAgents(std::size_t sources, std::size_t requests, const std::string &ip)
    {
        std::set<std::string> actors;
        for (const Ev &e : ev) {
            actors.insert(e.actor);
            if (!ip.empty() && e.actor != ip)
                fail("evidence from another address: " + e.actor);
        }
        if (complete && actors.size() != sources)
            fail(std::to_string(sources) + " addresses claimed, evidence has "
                 + std::to_string(actors.size()));
        if (complete && ip.empty() && ev.size() != requests)
            fail(std::to_string(requests) + " requests claimed, evidence has "
                 + std::to_string(ev.size()));
    }

    void mfaFatigue(const std::string &account, std::size_t denied, bool accepted)
    {
        std::int64_t lastDenial = 0;
        for (const Ev &e : ev) {
            if (e.user != account)
                fail("evidence of another account: " + e.user);
            if (mfaDenial(e))
                lastDenial = std::max(lastDenial, e.ts);
        }
        const std::size_t n = deniedPrompts(ev);
        if (complete && n != denied)
            fail(std::to_string(denied) + " denied prompts claimed, evidence shows "
                 + std::to_string(n));
        if (accepted && std::none_of(ev.begin(), ev.end(), [&](const Ev &e) {
                return mfaApproval(e) && e.ts >= lastDenial;
            }))
            fail("'then one accepted' without an explicit approval after the denials");
    }

    const StoredFinding &f;
    std::vector<Ev> ev;
    bool complete = true;
    QStringList problems;
};

} // namespace

QStringList uncheckedClaims(const Database &db, const StoredFinding &f)
{
    std::vector<Ev> ev = evidenceOf(db, f);
    const bool complete = std::int64_t(ev.size()) >= f.evidenceCount;
    // The kinds of the coverage detections have their checks beside (claimscheck_coverage.cpp).
    return Checker(f, std::move(ev), complete).run() + coverageClaims(db, f, complete)
           + trafficClaims(db, f, complete);
}

QStringList uncheckedClaims(const Database &db)
{
    QStringList out;
    for (const StoredFinding &f : FindingStore::read(db))
        for (const QString &p : uncheckedClaims(db, f))
            out << QStringLiteral("#%1 %2: %3: %4").arg(f.id).arg(f.kind, f.title, p);
    return out;
}

} // namespace netcase::test
