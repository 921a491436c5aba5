#include "sshattempts.h"

#include "dataset.h"

#include "case/sqlite.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <map>
#include <unordered_map>

namespace netcase {

namespace {

constexpr std::int64_t kPairUs = 120LL * 1000000; ///< a line without pid pairs within 2 min
/// sshd's LoginGraceTime is 2 min: one pid's lines further apart are not one connection.
constexpr std::int64_t kConnectionUs = 600LL * 1000000;

bool sshOrPam(const std::string &action)
{
    return action.rfind("ssh_", 0) == 0 || action.rfind("pam_", 0) == 0;
}

std::int32_t toPid(const nlohmann::json &v)
{
    std::int32_t pid = 0;
    if (v.is_number_integer())
        return std::int32_t(v.get<long long>());
    if (v.is_string()) {
        const std::string &s = v.get_ref<const std::string &>();
        std::from_chars(s.data(), s.data() + s.size(), pid);
    }
    return pid;
}

bool sshFailure(const Ev &e)
{
    return (e.flags & kSsh) && e.failure() && !(e.flags & kSshEcho);
}

} // namespace

void loadSshdLabels(const Database &db, Dataset &d)
{
    std::vector<char> isSshOrPam(d.strs.size(), 0);
    for (std::size_t i = 0; i < d.strs.size(); ++i)
        isSshOrPam[i] = sshOrPam(d.strs[i]) ? 1 : 0;
    const ChosenEvents wanted = chooseEvents(d, [&isSshOrPam](const Ev &e) {
        return e.action > 0 && std::size_t(e.action) < isSshOrPam.size()
               && isSshOrPam[std::size_t(e.action)];
    });
    if (wanted.byId.empty())
        return;
    Statement st = db.prepare("SELECT id, labels FROM events WHERE id BETWEEN ? AND ?");
    st.bind(1, wanted.lo).bind(2, wanted.hi);
    while (st.step()) {
        const auto it = wanted.byId.find(st.int64(0));
        if (it == wanted.byId.end() || st.isNull(1))
            continue;
        const auto labels = nlohmann::json::parse(st.textView(1), nullptr, false);
        if (!labels.is_object())
            continue;
        Ev &e = d.events[it->second];
        if (const auto pid = labels.find("pid"); pid != labels.end() && toPid(*pid) > 0)
            d.sshPid[e.id] = toPid(*pid);
        const std::string process = labels.value("process", "");
        const std::string service = labels.value("pam_service", "");
        if (process == "sshd" || process.rfind("sshd-", 0) == 0 || service == "sshd")
            e.sshd |= kBySshd;
        if (labels.contains("failures") && d.str(e.action).rfind("pam_", 0) == 0)
            e.sshd |= kPamSummary;
    }
}

void markSshEchoes(std::vector<Ev> &events,
                   const std::unordered_map<std::int64_t, std::int32_t> &pids)
{
    // By connection: (host, pid) -> the failure lines, in time order.
    std::map<std::pair<std::int32_t, std::int32_t>, std::vector<std::size_t>> conns;
    std::vector<std::size_t> loose;
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (!sshFailure(events[i]))
            continue;
        if (const auto pid = pids.find(events[i].id); pid != pids.end())
            conns[{events[i].host, pid->second}].push_back(i);
        else
            loose.push_back(i);
    }
    // A pid comes back after wrapping round: lines of one pid far apart are two connections.
    auto connection = [&](const std::size_t *begin, const std::size_t *end) {
        const bool tries = std::any_of(
                begin, end, [&](std::size_t i) { return (events[i].flags & kSshTry) != 0; });
        bool first = true;
        for (const std::size_t *p = begin; p != end; ++p) {
            Ev &e = events[*p];
            if (e.flags & kSshTry)
                continue;
            // A connection without "Failed ..." lines still made one try, its first line.
            if (!tries && first) {
                first = false;
                continue;
            }
            e.flags |= kSshEcho;
        }
    };
    for (auto &[key, idx] : conns) {
        std::size_t from = 0;
        for (std::size_t k = 1; k <= idx.size(); ++k) {
            if (k == idx.size() || events[idx[k]].ts - events[idx[k - 1]].ts > kConnectionUs) {
                connection(idx.data() + from, idx.data() + k);
                from = k;
            }
        }
    }
    // Without a pid: a line other than "Failed ..." repeats a "Failed ..." line of the same
    // address and account shortly after it.
    std::unordered_map<std::int32_t, std::vector<std::size_t>> triesByIp;
    for (std::size_t i : loose)
        if (events[i].flags & kSshTry)
            triesByIp[events[i].ip].push_back(i);
    for (std::size_t i : loose) {
        Ev &e = events[i];
        if ((e.flags & kSshTry) || !e.ip)
            continue;
        const auto t = triesByIp.find(e.ip);
        if (t == triesByIp.end())
            continue;
        const auto &list = t->second;
        auto it = std::lower_bound(
                list.begin(), list.end(), e.ts,
                [&](std::size_t j, std::int64_t ts) { return events[j].ts < ts; });
        for (; it != list.end() && events[*it].ts - e.ts <= kPairUs; ++it) {
            const Ev &x = events[*it];
            if (!e.user || !x.user || e.user == x.user) {
                e.flags |= kSshEcho;
                break;
            }
        }
    }
}

} // namespace netcase
