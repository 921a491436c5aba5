// The query language on a large case: for each query, the time to count its matches
// (EventQuery::count with the query as predicate; dictionaries resolved, SQL run, raw records
// read and checked when the query has raw terms), the best and the median of 5 runs, and the
// process's peak memory after all of them.
//   bench_query CASE [--import LOG] QUERY...
// --import first creates CASE from LOG (so the benchmark needs only this program built).
// In a query, {ip} is replaced by the source address of the case's middle event, {ip16} by its
// /16 (IPv4) and {user} by the account of the first event that has one.

#include "case/casefile.h"
#include "case/eventquery.h"
#include "ingest/importjob.h"
#include "query/eventsearch.h"

#include <QElapsedTimer>

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <string>
#include <vector>

using namespace netcase;

namespace {

void replaceAll(std::string &s, const std::string &from, const std::string &to)
{
    for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
        s.replace(p, from.size(), to);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_query CASE [--import LOG] QUERY...\n");
        return 1;
    }
    int first = 2;
    if (std::string(argv[2]) == "--import" && argc > 3) {
        first = 4;
        const QString path = QString::fromLocal8Bit(argv[1]);
        if (!CaseFile::create(path, CaseInfo{QStringLiteral("bench")}).ok())
            return 2;
        auto created = CaseFile::open(path);
        if (!created)
            return 2;
        std::atomic<bool> cancel{false};
        QElapsedTimer t;
        t.start();
        if (!ImportJob({QString::fromLocal8Bit(argv[3])}, ImportOptions{})
                     .run(*created, {}, cancel)
                     .ok())
            return 2;
        std::printf("imported in %.1f s\n", double(t.elapsed()) / 1000.0);
    }
    CaseFile::OpenOptions options;
    options.readOnly = true;
    auto c = CaseFile::open(QString::fromLocal8Bit(argv[1]), options);
    if (!c) {
        std::fprintf(stderr, "%s\n", qPrintable(c.error().message));
        return 2;
    }
    EventQuery q(c->db());
    const std::int64_t total = q.count({});
    std::string ip, user;
    EventFilter middle;
    middle.eventIds = {total / 2};
    q.forEach(middle, [&](const EventRow &r) {
        ip = r.event.sourceIp;
        return false;
    });
    EventFilter withUser;
    withUser.limit = 1;
    (void)query::applyQuery("user:*", withUser);
    q.forEach(withUser, [&](const EventRow &r) {
        user = r.event.userName;
        return false;
    });
    std::string ip16 = ip;
    if (ip.find(':') == std::string::npos) {
        const size_t second = ip.find('.', ip.find('.') + 1);
        ip16 = ip.substr(0, second) + ".0.0/16";
    }
    std::printf("%lld events; {ip} = %s, {ip16} = %s, {user} = %s\n", (long long)total, ip.c_str(),
                ip16.c_str(), user.c_str());
    std::printf("%-40s %10s %10s %10s\n", "query", "matches", "best ms", "median ms");
    for (int i = first; i < argc; ++i) {
        std::string text = argv[i];
        replaceAll(text, "{ip16}", ip16);
        replaceAll(text, "{ip}", ip);
        replaceAll(text, "{user}", user);
        EventFilter f;
        if (auto err = query::applyQuery(text, f)) {
            std::fprintf(stderr, "%s\n", query::describeError(text, *err).c_str());
            return 1;
        }
        std::vector<double> ms;
        std::int64_t matches = 0;
        for (int run = 0; run < 5; ++run) {
            QElapsedTimer t;
            t.start();
            matches = EventQuery(c->db()).count(f);
            ms.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        std::sort(ms.begin(), ms.end());
        std::printf("%-40s %10lld %10.1f %10.1f\n", text.c_str(), (long long)matches, ms.front(),
                    ms[ms.size() / 2]);
    }
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf("peak memory: %.1f MB\n", double(ru.ru_maxrss) / 1024.0);
    return 0;
}
