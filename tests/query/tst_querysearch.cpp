// The query language selects the right events: on a case imported from the project's access
// log generator, every query's result (EventQuery with the query as predicate) is compared with
// a plain loop over all events that decides the same question in the test's own words.

#include "common/testutil.h"

#include "case/casefile.h"
#include "case/eventquery.h"
#include "case/notestore.h"
#include "core/timeutil.h"
#include "ingest/importjob.h"
#include "query/eventsearch.h"

#include <QProcess>
#include <QTest>

#include <set>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace netcase;

namespace {

struct Loaded
{
    EventRow row;
    std::string raw;
};

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? char(c + 32) : c; });
    return s;
}

int firstOctet(const std::string &ip)
{
    unsigned a = 0, b = 0, c = 0, d = 0;
    return std::sscanf(ip.c_str(), "%u.%u.%u.%u", &a, &b, &c, &d) == 4 ? int(a) : -1;
}

/// The third group of a 2001:db8:X:... address, -1 for others.
int thirdGroup(const std::string &ip)
{
    unsigned g = 0;
    return std::sscanf(ip.c_str(), "2001:db8:%x:", &g) == 1 ? int(g) : -1;
}

} // namespace

class TestQuerySearch : public QObject
{
    Q_OBJECT
    std::optional<CaseFile> m_case;
    std::vector<Loaded> m_all;

    using Pred = std::function<bool(const Loaded &)>;

    /// Empty when the query's events are exactly those pred accepts; else what differs.
    QString differs(const char *query, const Pred &pred, bool allowEmpty = false)
    {
        EventFilter f;
        if (auto err = query::applyQuery(query, f))
            return QStringLiteral("parse error: ") + QString::fromStdString(err->message);
        EventQuery q(m_case->db());
        std::vector<std::int64_t> got = q.ids(f);
        std::vector<std::int64_t> want;
        for (const Loaded &l : m_all) {
            if (pred(l))
                want.push_back(l.row.id);
        }
        if (!allowEmpty && (want.empty() || want.size() == m_all.size()))
            return QStringLiteral("the loop selects %1 of %2 events: a weak test")
                    .arg(want.size())
                    .arg(m_all.size());
        const std::int64_t counted = q.count(f);
        std::sort(got.begin(), got.end());
        if (got != want)
            return QStringLiteral("%1: query selects %2 events, the loop %3")
                    .arg(QLatin1String(query))
                    .arg(got.size())
                    .arg(want.size());
        if (counted != std::int64_t(want.size()))
            return QStringLiteral("%1: count() says %2, the loop %3")
                    .arg(QLatin1String(query))
                    .arg(counted)
                    .arg(want.size());
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString path = test::tempPath(QStringLiteral("query.netcase"));
        QVERIFY(CaseFile::create(path, CaseInfo{QStringLiteral("query")}).ok());
        auto c = CaseFile::open(path);
        QVERIFY(c.ok());
        std::atomic<bool> cancel{false};
        QStringList args
                = {QStringLiteral("--lines"),        QStringLiteral("4000"),
                   QStringLiteral("--ips"),          QStringLiteral("300"),
                   QStringLiteral("--ipv6-percent"), QStringLiteral("20"),
                   QStringLiteral("--url-variety"),  QStringLiteral("50"),
                   QStringLiteral("--out"),          test::tempPath(QStringLiteral("q.log"))};
        QVERIFY(test::generate(QStringLiteral("gen_accesslog"), args));
        QVERIFY(ImportJob({test::tempPath(QStringLiteral("q.log"))}, ImportOptions{})
                        .run(*c, {}, cancel)
                        .ok());
        m_case.emplace(std::move(c.value()));
        EventQuery q(m_case->db());
        q.forEach(EventFilter{}, [&](const EventRow &row) {
            Loaded l{row, q.raw(row).value_or(std::string())};
            m_all.push_back(std::move(l));
            return true;
        });
        QCOMPARE(m_all.size(), size_t(4000));
        std::sort(m_all.begin(), m_all.end(),
                  [](const Loaded &a, const Loaded &b) { return a.row.id < b.row.id; });
    }

    void fieldTerms()
    {
        QCOMPARE(differs("user:alice",
                         [](const Loaded &l) { return l.row.event.userName == "alice"; }),
                 QString());
        QCOMPARE(differs("NOT user:alice",
                         [](const Loaded &l) { return l.row.event.userName != "alice"; }),
                 QString());
        QCOMPARE(differs("user:*", [](const Loaded &l) { return !l.row.event.userName.empty(); }),
                 QString());
        QCOMPARE(differs("status>=400",
                         [](const Loaded &l) { return l.row.event.statusCode >= 400; }),
                 QString());
        QCOMPARE(differs("status!=200",
                         [](const Loaded &l) { return l.row.event.statusCode != 200; }),
                 QString());
        QCOMPARE(
                differs("bytes>5000", [](const Loaded &l) { return l.row.event.bodyBytes > 5000; }),
                QString());
        QCOMPARE(differs("method:POST status:401",
                         [](const Loaded &l) {
                             return l.row.event.httpMethod == "POST"
                                    && l.row.event.statusCode == 401;
                         }),
                 QString());
        QCOMPARE(differs("outcome:failure",
                         [](const Loaded &l) { return l.row.event.outcome == Outcome::Failure; }),
                 QString());
        QCOMPARE(differs(
                         "source:q.log", [](const Loaded &) { return true; }, true),
                 QString());
        QCOMPARE(differs(
                         "source:other.log", [](const Loaded &) { return false; }, true),
                 QString());
    }

    void patterns()
    {
        QCOMPARE(differs("path:/admin*",
                         [](const Loaded &l) {
                             return l.row.event.urlPath.rfind("/admin", 0) == 0;
                         }),
                 QString());
        QCOMPARE(differs("path:/api/v1/*",
                         [](const Loaded &l) {
                             return l.row.event.urlPath.rfind("/api/v1/", 0) == 0;
                         }),
                 QString());
        QCOMPARE(differs("ua:/python-requests.*/",
                         [](const Loaded &l) {
                             return l.row.event.userAgent.find("python-requests")
                                    != std::string::npos;
                         }),
                 QString());
        QCOMPARE(differs("ua:/^curl/ OR ua:Go*",
                         [](const Loaded &l) {
                             const std::string &ua = l.row.event.userAgent;
                             return ua.rfind("curl", 0) == 0 || ua.rfind("Go", 0) == 0;
                         }),
                 QString());
    }

    void addresses()
    {
        const std::string ip = m_all[10].row.event.sourceIp;
        const std::string q = "ip:" + ip;
        QCOMPARE(differs(q.c_str(),
                         [&](const Loaded &l) {
                             const Event &e = l.row.event;
                             return e.sourceIp == ip || e.clientIp == ip || e.destinationIp == ip;
                         }),
                 QString());
        QCOMPARE(differs("src:64.0.0.0/3",
                         [](const Loaded &l) {
                             const int o = firstOctet(l.row.event.sourceIp);
                             return o >= 64 && o < 96;
                         }),
                 QString());
        QCOMPARE(differs("ip:0.0.0.0/0",
                         [](const Loaded &l) { return firstOctet(l.row.event.sourceIp) >= 0; }),
                 QString());
        QCOMPARE(differs("ip:2001:db8::/32",
                         [](const Loaded &l) { return thirdGroup(l.row.event.sourceIp) >= 0; }),
                 QString());
        QCOMPARE(
                differs("src:2001:db8:8000::/33",
                        [](const Loaded &l) { return thirdGroup(l.row.event.sourceIp) >= 0x8000; }),
                QString());
        QCOMPARE(differs("NOT ip:2001:db8::/32 NOT src:64.0.0.0/3",
                         [](const Loaded &l) {
                             const int o = firstOctet(l.row.event.sourceIp);
                             return o >= 0 && !(o >= 64 && o < 96);
                         }),
                 QString());
        // 300 addresses, most outside a /24: far fewer than the set size where the query
        // switches from posting lists to a scan, and far more.
        std::string many = "ip:*";
        QCOMPARE(differs(
                         many.c_str(), [](const Loaded &) { return true; }, true),
                 QString());
    }

    void times()
    {
        std::vector<std::int64_t> ts;
        for (const Loaded &l : m_all)
            ts.push_back(l.row.event.timestampUs);
        std::sort(ts.begin(), ts.end());
        const std::int64_t mid = ts[ts.size() / 2];
        const std::string q = "@timestamp>=" + formatIsoUs(mid);
        QCOMPARE(
                differs(q.c_str(), [&](const Loaded &l) { return l.row.event.timestampUs >= mid; }),
                QString());
        const std::string day = formatIsoUs(mid).substr(0, 10);
        const std::int64_t dayStart = *parseIso(day);
        const std::string qd = "time:" + day;
        QCOMPARE(differs(
                         qd.c_str(),
                         [&](const Loaded &l) {
                             const std::int64_t t = l.row.event.timestampUs;
                             return t >= dayStart && t < dayStart + 86400000000LL;
                         },
                         true),
                 QString());
    }

    void rawRecords()
    {
        QCOMPARE(differs("\"wp-login\"",
                         [](const Loaded &l) {
                             return l.raw.find("wp-login") != std::string::npos;
                         }),
                 QString());
        QCOMPARE(differs("firefox",
                         [](const Loaded &l) {
                             return lower(l.raw).find("firefox") != std::string::npos;
                         }),
                 QString());
        QCOMPARE(differs(
                         "\"firefox\"",
                         [](const Loaded &l) { return l.raw.find("firefox") != std::string::npos; },
                         true),
                 QString());
        QCOMPARE(differs("/HTTP\\/1\\.[01]\" 40[13]/",
                         [](const Loaded &l) {
                             return l.raw.find("HTTP/1.1\" 401") != std::string::npos
                                    || l.raw.find("HTTP/1.1\" 403") != std::string::npos
                                    || l.raw.find("HTTP/1.0\" 401") != std::string::npos
                                    || l.raw.find("HTTP/1.0\" 403") != std::string::npos;
                         }),
                 QString());
    }

    void mixed()
    {
        // SQL decides the field terms, the row check the raw ones, under OR and NOT.
        QCOMPARE(differs("user:alice OR \"wp-login\"",
                         [](const Loaded &l) {
                             return l.row.event.userName == "alice"
                                    || l.raw.find("wp-login") != std::string::npos;
                         }),
                 QString());
        QCOMPARE(differs("NOT (status:200 OR curl)",
                         [](const Loaded &l) {
                             return !(l.row.event.statusCode == 200
                                      || lower(l.raw).find("curl") != std::string::npos);
                         }),
                 QString());
        QCOMPARE(differs("(user:bob AND NOT get) OR (status>=500 python)",
                         [](const Loaded &l) {
                             const std::string r = lower(l.raw);
                             return (l.row.event.userName == "bob"
                                     && r.find("get") == std::string::npos)
                                    || (l.row.event.statusCode >= 500
                                        && r.find("python") != std::string::npos);
                         }),
                 QString());
    }

    void notes()
    {
        // Tags and stars through the note store, as the CLI and the event table write them.
        std::set<std::int64_t> phish, star, comment;
        for (const Loaded &l : m_all) {
            if (l.row.id % 7 == 0)
                phish.insert(l.row.id);
            if (l.row.id % 11 == 0)
                star.insert(l.row.id);
            if (l.row.id % 13 == 0)
                comment.insert(l.row.id);
        }
        const auto add = [&](const std::set<std::int64_t> &ids, Note::Kind k, const char *text) {
            return NoteStore::addToEvents(m_case->db(), {ids.begin(), ids.end()}, k,
                                          QString::fromLatin1(text), {}, QStringLiteral("ann"))
                    .ok();
        };
        QVERIFY(add(phish, Note::Kind::Tag, "phishing"));
        QVERIFY(add({3, 4}, Note::Kind::Tag, "case-42"));
        QVERIFY(add(star, Note::Kind::Star, ""));
        QVERIFY(add(comment, Note::Kind::Comment, "look at this"));
        const auto in = [](const std::set<std::int64_t> &s) {
            return [&s](const Loaded &l) {
                return s.count(l.row.id) > 0;
            };
        };
        QCOMPARE(differs("tag:phishing", in(phish)), QString());
        QCOMPARE(differs("tag:phish*", in(phish)), QString());
        QCOMPARE(differs("tag:/^case-/",
                         [](const Loaded &l) { return l.row.id == 3 || l.row.id == 4; }),
                 QString());
        QCOMPARE(differs("tag:*",
                         [&](const Loaded &l) {
                             return phish.count(l.row.id) || l.row.id == 3 || l.row.id == 4;
                         }),
                 QString());
        QCOMPARE(differs("is:starred", in(star)), QString());
        QCOMPARE(differs("is:commented", in(comment)), QString());
        QCOMPARE(differs("NOT is:starred", [&](const Loaded &l) { return !star.count(l.row.id); }),
                 QString());
        QCOMPARE(differs("tag:phishing is:starred",
                         [&](const Loaded &l) {
                             return phish.count(l.row.id) && star.count(l.row.id);
                         }),
                 QString());
        QCOMPARE(differs(
                         "tag:nothing", [](const Loaded &) { return false; }, true),
                 QString());
        // Removing a tag takes the event out of tag: at once.
        QVERIFY(NoteStore::removeFromEvents(m_case->db(), {7}, Note::Kind::Tag,
                                            QStringLiteral("phishing"), QStringLiteral("ann"))
                        .ok());
        phish.erase(7);
        QCOMPARE(differs("tag:phishing", in(phish)), QString());
    }

    void destinationAddresses()
    {
        // Flow records (Zeek conn.log from the project's generator) carry destination addresses:
        // ip: and a selection of an address (EventFilter::ips, the hub's filter) find them,
        // through the destination posting lists, and by scanning in a store begun without them.
        const QString log = test::tempPath(QStringLiteral("conn.log"));
        QProcess gen;
        gen.start(QStringLiteral("python3"),
                  {QStringLiteral(NETCASE_SOURCE_DIR "/tests/fixtures/gen_netlogs.py"),
                   QStringLiteral("--kind"), QStringLiteral("zeek-conn"),
                   QStringLiteral("--records"), QStringLiteral("3000"), QStringLiteral("--out"),
                   log});
        QVERIFY(gen.waitForFinished(60000) && gen.exitCode() == 0);
        const QString path = test::tempPath(QStringLiteral("flows.netcase"));
        QVERIFY(CaseFile::create(path, CaseInfo{QStringLiteral("flows")}).ok());
        auto c = CaseFile::open(path);
        QVERIFY(c.ok());
        std::atomic<bool> cancel{false};
        QVERIFY(ImportJob({log}, ImportOptions{}).run(*c, {}, cancel).ok());
        std::vector<Event> events;
        std::vector<std::int64_t> ids;
        EventQuery(c->db()).forEach(EventFilter{}, [&](const EventRow &row) {
            events.push_back(row.event);
            ids.push_back(row.id);
            return true;
        });
        QVERIFY(events.size() > 2000);
        const std::string server = events[3].destinationIp;
        QVERIFY(!server.empty());
        const auto expect = [&](const std::function<bool(const Event &)> &pred) {
            std::vector<std::int64_t> out;
            for (size_t i = 0; i < events.size(); ++i) {
                if (pred(events[i]))
                    out.push_back(ids[i]);
            }
            return out;
        };
        const std::vector<std::int64_t> toServer
                = expect([&](const Event &e) { return e.destinationIp == server; });
        QVERIFY(toServer.size() > 1 && toServer.size() < events.size());
        const auto sorted = [](std::vector<std::int64_t> v) {
            std::sort(v.begin(), v.end());
            return v;
        };
        for (int pass = 0; pass < 2; ++pass) {
            EventQuery q(c->db());
            EventFilter selection;
            selection.ips = {QString::fromStdString(server)};
            QCOMPARE(sorted(q.ids(selection)), toServer);
            EventFilter byQuery;
            QVERIFY(!query::applyQuery("ip:" + server, byQuery));
            QCOMPARE(sorted(q.ids(byQuery)), toServer);
            QVERIFY(!query::applyQuery("dst:10.1.0.0/23 dport:22", byQuery));
            const std::vector<std::int64_t> want = expect([](const Event &e) {
                return (e.destinationIp.rfind("10.1.0.", 0) == 0
                        || e.destinationIp.rfind("10.1.1.", 0) == 0)
                       && e.destinationPort == 22;
            });
            QVERIFY(!want.empty());
            QCOMPARE(sorted(q.ids(byQuery)), want);
            QCOMPARE(c->db().scalar("SELECT count(*) FROM event_postings WHERE kind = 0"),
                     pass == 0 ? 1 : 0);
            QVERIFY(c->db().scalar("SELECT count(*) FROM event_postings WHERE kind = 4") > 0);
            // A store begun before destination lists: the same answers, by scanning.
            QVERIFY(c->db().exec("DELETE FROM event_postings WHERE kind = 0").ok());
        }
    }

    void limitsAndOrder()
    {
        EventFilter f;
        QVERIFY(!query::applyQuery("status>=400 get", f));
        f.limit = 5;
        EventQuery q(m_case->db());
        const std::vector<std::int64_t> first = q.ids(f);
        QCOMPARE(first.size(), size_t(5));
        std::vector<std::int64_t> seen;
        q.forEach(f, [&](const EventRow &row) {
            seen.push_back(row.id);
            return true;
        });
        QCOMPARE(seen, first);
    }
};

QTEST_GUILESS_MAIN(TestQuerySearch)
#include "tst_querysearch.moc"
