#include "analysis/claimscheck_traffic.h"

#include "analysis/findingstore.h"
#include "case/eventquery.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace netcase::test {

namespace {

std::vector<Event> evidence(const Database &db, const StoredFinding &f)
{
    std::vector<Event> out;
    for (const EventRow &r : EventQuery(db).rows(FindingStore::evidence(db, f.id)))
        out.push_back(r.event);
    return out;
}

std::string tenths(double v, const char *unit)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %s", v, unit);
    return buf;
}

std::string detailOf(const StoredFinding &f, const char *name)
{
    for (const auto &s : f.signalList)
        if (s.value("name", "") == name)
            return s.value("detail", "");
    return {};
}

/// "Long connection S -> D:P: longest X h (N connections, Y h in all)", or "Long connections
/// from K hosts to D:P: …" for a destination many hosts use.
void longConnection(const StoredFinding &f,
                    const std::vector<Event> &ev,
                    bool complete,
                    QStringList &out)
{
    static const std::regex title(R"(^Long connections? (?:from (\d+) hosts to |(\S+) -> ))"
                                  R"((\S+):(\d+): longest )"
                                  R"((\S+ h) \((\d+) connections?, (\S+ h) in all\)$)");
    std::smatch m;
    const std::string t = f.title.toStdString();
    if (!std::regex_search(t, m, title)) {
        out << QStringLiteral("title not understood");
        return;
    }
    std::int64_t longest = 0, total = 0;
    std::set<std::string> sources;
    for (const Event &e : ev) {
        if ((m[2].matched && e.sourceIp != m[2].str()) || e.destinationIp != m[3].str()
            || e.destinationPort != std::stoi(m[4].str()))
            out << QString::fromStdString("evidence of another connection: " + e.sourceIp + " -> "
                                          + e.destinationIp);
        sources.insert(e.sourceIp);
        longest = std::max(longest, e.durationUs);
        total += std::max<std::int64_t>(0, e.durationUs);
    }
    if (tenths(double(longest) / 3.6e9, "h") != m[5].str())
        out << QString::fromStdString("claims longest " + m[5].str() + ", evidence "
                                      + tenths(double(longest) / 3.6e9, "h"));
    if (complete && m[1].matched && sources.size() != std::stoull(m[1].str()))
        out << QStringLiteral("host count differs from the evidence");
    if (complete
        && (ev.size() != std::stoull(m[6].str())
            || tenths(double(total) / 3.6e9, "h") != m[7].str()))
        out << QStringLiteral("connection count or total duration differs from the evidence");
}

/// "Large outbound transfer S -> D: X GB on N day(s)": bytes the source sent, days of them.
void largeTransfer(const StoredFinding &f,
                   const std::vector<Event> &ev,
                   bool complete,
                   QStringList &out)
{
    static const std::regex title(
            R"(^Large outbound transfer (\S+) -> (\S+): (\S+ GB) on (\d+) days?$)");
    std::smatch m;
    const std::string t = f.title.toStdString();
    if (!std::regex_search(t, m, title)) {
        out << QStringLiteral("title not understood");
        return;
    }
    std::int64_t sent = 0;
    std::set<std::int64_t> days;
    for (const Event &e : ev) {
        if (e.sourceIp != m[1].str() || e.destinationIp != m[2].str())
            out << QString::fromStdString("evidence of another pair: " + e.sourceIp + " -> "
                                          + e.destinationIp);
        sent += std::max<std::int64_t>(0, e.sourceBytes);
        days.insert(e.timestampUs / 86'400'000'000LL);
    }
    if (complete
        && (tenths(double(sent) / 1e9, "GB") != m[3].str()
            || days.size() != std::stoull(m[4].str())))
        out << QString::fromStdString("claims " + m[3].str() + " on " + m[4].str()
                                      + " days, evidence " + tenths(double(sent) / 1e9, "GB")
                                      + " on " + std::to_string(days.size()));
}

/// "Rare port P from S: N connections to M destination(s)".
void rarePort(const StoredFinding &f, const std::vector<Event> &ev, bool complete, QStringList &out)
{
    static const std::regex title(
            R"(^Rare port (\d+) from (\S+): (\d+) connections to (\d+) destinations?$)");
    std::smatch m;
    const std::string t = f.title.toStdString();
    if (!std::regex_search(t, m, title)) {
        out << QStringLiteral("title not understood");
        return;
    }
    std::set<std::string> dsts;
    for (const Event &e : ev) {
        if (e.sourceIp != m[2].str() || e.destinationPort != std::stoi(m[1].str()))
            out << QStringLiteral("evidence of another source or port");
        dsts.insert(e.destinationIp);
    }
    if (complete
        && (ev.size() != std::stoull(m[3].str()) || dsts.size() != std::stoull(m[4].str())))
        out << QStringLiteral("connection or destination count differs from the evidence");
}

/// The DDoS scoring's shares: failed requests and requests to the busiest path (no query).
void ddos(const StoredFinding &f, const std::vector<Event> &ev, QStringList &out)
{
    std::size_t failed = 0, web = 0, top = 0;
    std::map<std::string, std::size_t> paths;
    for (const Event &e : ev) {
        failed += e.outcome == Outcome::Failure ? 1 : 0;
        if (e.urlPath.empty())
            continue;
        ++web;
        top = std::max(top, ++paths[e.urlPath.substr(0, e.urlPath.find('?'))]);
    }
    const std::string errors = detailOf(f, "error_rate");
    if (!errors.empty()
        && errors
                   != std::to_string(int(double(failed) / double(ev.size()) * 100))
                              + "% of requests failed")
        out << QString::fromStdString("error_rate says '" + errors + "'");
    const std::string path = detailOf(f, "path_concentration");
    if (!path.empty() && web
        && path
                   != std::to_string(int(double(top) / double(web) * 100))
                              + "% of requests to one path")
        out << QString::fromStdString("path_concentration says '" + path + "'");
}

} // namespace

QStringList trafficClaims(const Database &db, const StoredFinding &f, bool complete)
{
    const bool known = f.kind == QLatin1String("long_connection")
                       || f.kind == QLatin1String("large_transfer")
                       || f.kind == QLatin1String("rare_port") || f.kind == QLatin1String("ddos");
    if (!known)
        return {};
    const std::vector<Event> ev = evidence(db, f);
    if (ev.empty())
        return {QStringLiteral("no evidence")};
    QStringList out;
    if (f.kind == QLatin1String("long_connection"))
        longConnection(f, ev, complete, out);
    else if (f.kind == QLatin1String("large_transfer"))
        largeTransfer(f, ev, complete, out);
    else if (f.kind == QLatin1String("rare_port"))
        rarePort(f, ev, complete, out);
    else if (complete)
        ddos(f, ev, out);
    return out;
}

} // namespace netcase::test
