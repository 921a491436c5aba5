#include "analysis/claimscheck_coverage.h"

#include "analysis/findingstore.h"
#include "case/eventquery.h"

#include <regex>
#include <set>
#include <string>
#include <vector>

namespace netcase::test {

namespace {

constexpr std::int64_t kHourUs = 3'600'000'000LL;
constexpr std::int64_t kDayUs = 24 * kHourUs;

std::vector<Event> evidence(const Database &db, const StoredFinding &f)
{
    std::vector<Event> out;
    for (const EventRow &r : EventQuery(db).rows(FindingStore::evidence(db, f.id)))
        out.push_back(r.event);
    std::sort(out.begin(), out.end(),
              [](const Event &a, const Event &b) { return a.timestampUs < b.timestampUs; });
    return out;
}

/// Where a call came from: its address, or the service named instead of one.
std::string from(const Event &e)
{
    return e.sourceIp.empty() ? e.sourceDomain : e.sourceIp;
}

/// "Temporary keys of ROLE used outside the cloud: first from X, then from IP (N calls[, another
/// user agent])": one session (access key) and role throughout; the first call came from X,
/// before every call from IP; IP made N calls; none of them with the first call's agent.
QStringList cloudKeys(const Database &db, const StoredFinding &f, bool complete)
{
    static const std::regex title(R"(^Temporary keys of (.+) used outside the cloud: )"
                                  R"(first from (\S+), then from (\S+) \((\d+) calls?)"
                                  R"((, another user agent)?\)$)");
    std::smatch m;
    const std::string t = f.title.toStdString();
    if (!std::regex_search(t, m, title))
        return {QStringLiteral("title not understood")};
    const std::vector<Event> ev = evidence(db, f);
    if (ev.empty())
        return {QStringLiteral("no evidence")};
    QStringList out;
    const Event &start = ev.front();
    std::size_t calls = 0;
    for (std::size_t i = 0; i < ev.size(); ++i) {
        const Event &e = ev[i];
        if (e.sessionId.empty() || e.sessionId != start.sessionId)
            out << QString::fromStdString("evidence of another session: " + e.sessionId);
        if (e.userName != m[1].str())
            out << QString::fromStdString("evidence of another role: " + e.userName);
        if (from(e) != m[3].str())
            continue;
        ++calls;
        if (i == 0)
            out << QStringLiteral("the outside call is not after the first call");
        if (m[5].matched && e.userAgent == start.userAgent)
            out << QStringLiteral("'another user agent', but the first call's agent was used");
    }
    if (from(start) != m[2].str())
        out << QString::fromStdString("the first call came from " + from(start) + ", not "
                                      + m[2].str());
    if (complete && calls != std::stoull(m[4].str()))
        out << QString::fromStdString(m[4].str() + " calls claimed, evidence has "
                                      + std::to_string(calls));
    return out;
}

/// "ACCOUNT active at HH:00-HH:59 ZONE, an hour it never used in N active days": every evidence
/// event is the account's, at those hours; before the first, the account's events that did not
/// fail fall on N distinct days and none at those hours.
QStringList unusualHours(const Database &db, const StoredFinding &f)
{
    static const std::regex title(R"(^(.+) active at (\d\d):00-(\d\d):59 UTC([+-]\d\d:\d\d)?, )"
                                  R"(an hour it never used in (\d+) active days$)");
    std::smatch m;
    const std::string t = f.title.toStdString();
    if (!std::regex_search(t, m, title))
        return {QStringLiteral("title not understood")};
    const std::string account = m[1];
    const int lo = std::stoi(m[2]);
    const int hi = std::stoi(m[3]);
    std::int64_t offsetUs = 0;
    if (m[4].matched) {
        const std::string z = m[4];
        offsetUs = (std::stoll(z.substr(1, 2)) * 60 + std::stoll(z.substr(4, 2))) * 60'000'000LL
                   * (z[0] == '-' ? -1 : 1);
    }
    const auto hourOf = [&](std::int64_t ts) {
        return int(((ts + offsetUs) % kDayUs) / kHourUs);
    };
    const std::vector<Event> ev = evidence(db, f);
    if (ev.empty())
        return {QStringLiteral("no evidence")};
    QStringList out;
    for (const Event &e : ev) {
        if (e.userName != account)
            out << QString::fromStdString("evidence of another account: " + e.userName);
        if (hourOf(e.timestampUs) < lo || hourOf(e.timestampUs) > hi)
            out << QStringLiteral("an evidence event outside the hours claimed");
    }
    EventFilter before;
    before.users = {QString::fromStdString(account)};
    before.toUs = ev.front().timestampUs;
    std::set<std::int64_t> days;
    std::size_t atHour = 0;
    EventQuery(db).forEach(before, [&](const EventRow &r) {
        if (r.event.outcome == Outcome::Failure)
            return true;
        days.insert((r.event.timestampUs + offsetUs) / kDayUs);
        const int h = hourOf(r.event.timestampUs);
        atHour += h >= lo && h <= hi ? 1 : 0;
        return true;
    });
    if (atHour)
        out << QStringLiteral("the account was active at those hours %1 times before").arg(atHour);
    if (days.size() != std::stoull(m[5].str()))
        out << QStringLiteral("claims %1 active days, the case shows %2")
                        .arg(QString::fromStdString(m[5].str()))
                        .arg(days.size());
    return out;
}

} // namespace

QStringList coverageClaims(const Database &db, const StoredFinding &f, bool complete)
{
    if (f.kind == QLatin1String("cloud_credentials_outside"))
        return cloudKeys(db, f, complete);
    if (f.kind == QLatin1String("unusual_access_hours"))
        return unusualHours(db, f);
    return {};
}

} // namespace netcase::test
