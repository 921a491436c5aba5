// Golden tests of the Sigma evaluator (model/sigma) with rules written for the tests: each
// modifier, each condition form, keywords over the raw record, fields read from a JSON record,
// each correlation type, the findings a match becomes, and rules listed as unsupported with
// their reason. Events are built here; the expected counts are worked out by hand in comments.

#include "sigma/sigmaload.h"
#include "sigma/sigmarun.h"
#include "sigma/sigmavalue.h"

#include <QTest>

using namespace netcase;
using namespace netcase::sigma;

namespace {

struct Ev
{
    std::string ip;
    std::string url;
    std::string ua;
    int status = 200;
    std::string method = "GET";
    std::string user;
    std::int64_t tsSec = 0;
    std::string raw; ///< empty: a line built from the fields
    std::string labels;
};

EventRow row(const Ev &e, std::int64_t id)
{
    EventRow r;
    r.id = id;
    r.sourceId = 1;
    r.event.timestampUs = (1'700'000'000 + e.tsSec) * 1'000'000;
    r.event.sourceIp = e.ip;
    r.event.urlPath = e.url;
    r.event.userAgent = e.ua;
    r.event.statusCode = e.status;
    r.event.httpMethod = e.method;
    r.event.userName = e.user;
    r.event.labels = e.labels;
    return r;
}

std::string rawOf(const Ev &e)
{
    return e.raw.empty() ? e.ip + " - - \"" + e.method + " " + e.url + "\" "
                                   + std::to_string(e.status) + " \"" + e.ua + "\""
                         : e.raw;
}

// Ten web requests; the comments of the tests count on them.
const std::vector<Ev> &webEvents()
{
    static const std::vector<Ev> v = {
            {"203.0.113.5", "/wp-login.php", "Mozilla/5.0", 200},                      // 0
            {"203.0.113.5", "/admin/config.php?x=1", "sqlmap/1.7", 403},               // 1
            {"198.51.100.7", "/index.html", "curl/8.4.0", 404},                        // 2
            {"198.51.100.7", "/cmd?c=powershell%20-enc", "python-requests/2.31", 500}, // 3
            {"192.0.2.1", "/search?q=aGVsbG8gd29ybGQ=", "Mozilla/5.0", 200},           // 4
            {"192.0.2.1", "/x?p=ZXZpbHBheWxvYWQ", "Nikto", 302},                       // 5
            {"10.1.2.3", "/shell.JSP", "Mozilla/5.0 (X11)", 200, "POST", "alice"},     // 6
            {"10.1.2.4", "/run?a=/quiet", "Go-http-client", 200},                      // 7
            {"2001:db8::1", "/api/v1/export", "Mozilla/5.0", 201, "PUT"},              // 8
            {"2001:db8::1", "/.env", "", 404},                                         // 9
    };
    return v;
}

const char *kHead = "title: T\nid: 00000000-0000-0000-0000-000000000001\nauthor: Test Author\n"
                    "level: high\nlogsource:\n  category: webserver\n";

RuleSet load(const std::string &yaml)
{
    RuleSet set;
    loadText(yaml, "test.yml", set);
    linkCorrelations(set);
    return set;
}

/// Ids (indexes of webEvents) that the set's first rule matches, or {-1, reason} when the
/// rule did not load.
std::vector<int> matched(const std::string &detection, const std::vector<Ev> &evs = webEvents())
{
    const RuleSet set = load(std::string(kHead) + "detection:\n" + detection);
    if (set.rules.empty())
        return {-1};
    Evaluator ev(set);
    for (std::size_t i = 0; i < evs.size(); ++i) {
        const std::string raw = rawOf(evs[i]);
        ev.add(row(evs[i], std::int64_t(i)), "apache", [&] { return std::optional(raw); });
    }
    std::vector<int> ids;
    for (const Finding &f : ev.finish())
        for (std::int64_t id : f.evidence)
            ids.push_back(int(id));
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::string reasonOf(const std::string &yaml)
{
    const RuleSet set = load(yaml);
    return set.unsupported.empty() ? std::string() : set.unsupported.front().reason;
}

using Ids = std::vector<int>;

} // namespace

class TestSigmaEval : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainValues()
    {
        // Equality ignores case; * and ? are wildcards; a list is any of its values.
        QCOMPARE(matched("  sel:\n    c-uri: /WP-LOGIN.PHP\n  condition: sel\n"), Ids({0}));
        QCOMPARE(matched("  sel:\n    c-uri: '/*.php'\n  condition: sel\n"), Ids({0}));
        QCOMPARE(matched("  sel:\n    c-uri: '/.en?'\n  condition: sel\n"), Ids({9}));
        QCOMPARE(matched("  sel:\n    sc-status:\n      - 404\n      - 500\n  condition: sel\n"),
                 Ids({2, 3, 9}));
        // An escaped wildcard is the character itself: no URL holds a '*'.
        QCOMPARE(matched("  sel:\n    c-uri|contains: '\\*'\n  condition: sel\n"), Ids({}));
        // null: the field is absent (no user name) — every event but 6.
        QCOMPARE(matched("  sel:\n    cs-username: null\n  condition: not sel\n"), Ids({6}));
    }

    void stringModifiers()
    {
        QCOMPARE(matched("  sel:\n    c-useragent|contains: SQLMAP\n  condition: sel\n"), Ids({1}));
        QCOMPARE(matched("  sel:\n    c-useragent|startswith: mozilla\n  condition: sel\n"),
                 Ids({0, 4, 6, 8}));
        QCOMPARE(matched("  sel:\n    cs-uri-stem|endswith: .jsp\n  condition: sel\n"), Ids({6}));
        // |all: every value must be in the field.
        QCOMPARE(matched("  sel:\n    c-uri|contains|all:\n      - admin\n      - '?x='\n"
                         "  condition: sel\n"),
                 Ids({1}));
        QCOMPARE(matched("  sel:\n    c-uri|contains:\n      - admin\n      - '?x='\n"
                         "  condition: sel\n"),
                 Ids({1}));
        // |cased: the text must match exactly.
        QCOMPARE(matched("  sel:\n    c-uri|contains|cased: JSP\n  condition: sel\n"), Ids({6}));
        QCOMPARE(matched("  sel:\n    c-uri|contains|cased: jsp\n  condition: sel\n"), Ids({}));
        // The derived web fields: the query part and the extension.
        QCOMPARE(matched("  sel:\n    cs-uri-query|startswith: q=\n  condition: sel\n"), Ids({4}));
        QCOMPARE(matched("  sel:\n    c-uri-extension: php\n  condition: sel\n"), Ids({0, 1}));
    }

    void regexCidrNumbers()
    {
        // |re is case-sensitive unless |i.
        QCOMPARE(matched("  sel:\n    c-useragent|re: '^(curl|python)'\n  condition: sel\n"),
                 Ids({2, 3}));
        QCOMPARE(matched("  sel:\n    c-useragent|re: '^NIKTO$'\n  condition: sel\n"), Ids({}));
        QCOMPARE(matched("  sel:\n    c-useragent|re|i: '^NIKTO$'\n  condition: sel\n"), Ids({5}));
        QCOMPARE(matched("  sel:\n    c-ip|cidr:\n      - 203.0.113.0/24\n      - 2001:db8::/32\n"
                         "  condition: sel\n"),
                 Ids({0, 1, 8, 9}));
        QCOMPARE(matched("  sel:\n    sc-status|gte: 404\n  condition: sel\n"), Ids({2, 3, 9}));
        QCOMPARE(matched("  sel:\n    sc-status|gt: 404\n  condition: sel\n"), Ids({3}));
        QCOMPARE(matched("  sel:\n    sc-status|lt: 201\n  condition: sel\n"), Ids({0, 4, 6, 7}));
        QCOMPARE(matched("  sel:\n    sc-status|lte: 201\n  condition: sel\n"),
                 Ids({0, 4, 6, 7, 8}));
    }

    void encodingModifiers()
    {
        // base64("hello world") = aGVsbG8gd29ybGQ=
        QCOMPARE(matched("  sel:\n    c-uri|base64|contains: hello world\n  condition: sel\n"),
                 Ids({4}));
        // "evilpayload" sits at offset 0 of ZXZpbHBheWxvYWQ; |base64offset finds it whatever
        // the offset, as it finds "ilpay" in the middle of the stream (offset 2).
        QCOMPARE(
                matched("  sel:\n    c-uri|base64offset|contains: evilpayload\n  condition: sel\n"),
                Ids({5}));
        QCOMPARE(base64Offsets("ilpay").size(), std::size_t(3));
        QVERIFY(std::string("ZXZpbHBheWxvYWQ").find(base64Offsets("ilpay")[2])
                != std::string::npos);
        // |windash: "-quiet" also matches "/quiet" (and the dash variants).
        QCOMPARE(matched("  sel:\n    c-uri|windash|contains: ' -quiet'\n  condition: sel\n"),
                 Ids({}));
        QCOMPARE(matched("  sel:\n    c-uri|windash|contains: '-quiet'\n  condition: sel\n"),
                 Ids({7}));
        QCOMPARE(windashVariants("-enc").size(), std::size_t(5));
        // |exists and |fieldref.
        QCOMPARE(matched("  sel:\n    c-useragent|exists: false\n  condition: sel\n"), Ids({9}));
        QCOMPARE(matched("  sel:\n    cs-username|exists: true\n  condition: sel\n"), Ids({6}));
        QCOMPARE(matched("  sel:\n    cs-method|fieldref: cs-method\n    sc-status: 201\n"
                         "  condition: sel\n"),
                 Ids({8}));
    }

    void conditions()
    {
        const std::string sels = "  sel_a:\n    c-ip|startswith: '203.'\n"
                                 "  sel_b:\n    sc-status: 403\n"
                                 "  filter:\n    c-useragent|contains: mozilla\n";
        QCOMPARE(matched(sels + "  condition: sel_a and sel_b\n"), Ids({1}));
        QCOMPARE(matched(sels + "  condition: sel_a or sel_b\n"), Ids({0, 1}));
        QCOMPARE(matched(sels + "  condition: sel_a and not filter\n"), Ids({1}));
        QCOMPARE(matched(sels + "  condition: not (sel_a or filter)\n"), Ids({2, 3, 5, 7, 9}));
        QCOMPARE(matched(sels + "  condition: 1 of sel_*\n"), Ids({0, 1}));
        QCOMPARE(matched(sels + "  condition: all of sel_*\n"), Ids({1}));
        QCOMPARE(matched(sels + "  condition: all of them\n"), Ids({}));
        QCOMPARE(matched(sels + "  condition: 1 of them and not filter\n"), Ids({1}));
        // A list of conditions is any of them.
        QCOMPARE(matched(sels + "  condition:\n    - sel_b\n    - filter and sel_a\n"),
                 Ids({0, 1}));
        // A list of maps is any of the maps.
        QCOMPARE(matched("  sel:\n    - sc-status: 500\n    - c-uri: /.env\n      sc-status: 404\n"
                         "  condition: sel\n"),
                 Ids({3, 9}));
    }

    void keywordsSearchTheRawRecord()
    {
        QCOMPARE(matched("  keywords:\n    - 'POST /shell'\n    - nikto\n  condition: keywords\n"),
                 Ids({5, 6}));
        QCOMPARE(matched("  keywords:\n    - '\"PUT /api*export\"'\n  condition: keywords\n"),
                 Ids({8}));
    }

    void documentFieldsOfJsonRecords()
    {
        // CloudTrail: the fields are the record's own paths.
        const RuleSet set
                = load("title: Key\nid: k1\nauthor: A\nlevel: medium\nlogsource:\n"
                       "  product: aws\n  service: cloudtrail\ndetection:\n  sel:\n"
                       "    eventSource: iam.amazonaws.com\n    eventName: CreateAccessKey\n"
                       "    userIdentity.type: IAMUser\n  condition: sel\n");
        QCOMPARE(int(set.rules.size()), 1);
        const std::string hit
                = R"({"eventSource":"iam.amazonaws.com","eventName":"CreateAccessKey",)"
                  R"("userIdentity":{"type":"IAMUser","userName":"bob"}})";
        const std::string miss
                = R"({"eventSource":"iam.amazonaws.com","eventName":"CreateAccessKey",)"
                  R"("userIdentity":{"type":"Root"}})";
        Evaluator ev(set);
        ev.add(row({"198.51.100.9"}, 1), "cloudtrail", [&] { return std::optional(hit); });
        ev.add(row({"198.51.100.9"}, 2), "cloudtrail", [&] { return std::optional(miss); });
        ev.add(row({"198.51.100.9"}, 3), "apache", [&] { return std::optional(hit); });
        QCOMPARE(ev.finish().size(), std::size_t(1));
        QCOMPARE(ev.matchCounts().front(), std::int64_t(1));

        // Okta: a path through an array matches when one element's value does.
        const RuleSet oktaSet
                = load("title: T\nauthor: A\nlogsource:\n  product: okta\n  service: okta\n"
                       "detection:\n  sel:\n    target.displayName: Salesforce\n"
                       "    outcome.result: SUCCESS\n  condition: sel\n");
        const std::string okta = R"({"outcome":{"result":"SUCCESS"},"target":[{"displayName":)"
                                 R"("Ann"},{"displayName":"salesforce"}]})";
        const std::string other = R"({"outcome":{"result":"SUCCESS"},"target":[{"displayName":)"
                                  R"("Ann"}]})";
        Evaluator ok(oktaSet);
        ok.add(row({}, 1), "okta", [&] { return std::optional(okta); });
        ok.add(row({}, 2), "okta", [&] { return std::optional(other); });
        QCOMPARE(ok.matchCounts().front(), std::int64_t(1));
    }

    void findingCarriesTheRule()
    {
        const RuleSet set
                = load("title: Scanner UA\nid: 11111111-2222-3333-4444-555555555555\n"
                       "author: Jane Doe\nlevel: high\nreferences:\n  - https://example.org/r\n"
                       "tags:\n  - attack.reconnaissance\n  - attack.t1595\nfalsepositives:\n"
                       "  - Authorised vulnerability scans\nlogsource:\n  category: webserver\n"
                       "detection:\n  sel:\n    c-useragent|contains: sqlmap\n  condition: sel\n");
        Evaluator ev(set);
        for (std::size_t i = 0; i < webEvents().size(); ++i)
            ev.add(row(webEvents()[i], std::int64_t(i)), "apache", {});
        const std::vector<Finding> fs = ev.finish();
        QCOMPARE(fs.size(), std::size_t(1));
        const Finding &f = fs.front();
        QCOMPARE(f.kind, std::string("sigma"));
        QCOMPARE(f.title, std::string("Sigma: Scanner UA (rule by Jane Doe) — 203.0.113.5"));
        QCOMPARE(f.severity(), 70);
        QCOMPARE(f.ips, std::set<std::string>({"203.0.113.5"}));
        QCOMPARE(f.caveats.size(), std::size_t(1));
        QCOMPARE(f.caveats.front().text,
                 std::string("False positive named by the rule's author (Jane Doe): Authorised "
                             "vulnerability scans"));
        QCOMPARE(f.details["author"].get<std::string>(), std::string("Jane Doe"));
        QVERIFY(f.details["sigma"]["attack"] == nlohmann::json({"reconnaissance", "t1595"}));
        QCOMPARE(f.details["sigma"]["references"][0].get<std::string>(),
                 std::string("https://example.org/r"));
        // One finding per rule and address: two addresses, two findings.
        QCOMPARE(matched("  sel:\n    sc-status: 404\n  condition: sel\n"), Ids({2, 9}));
    }

    void proxyRulesOnAccessLogsSaySo()
    {
        const RuleSet set = load("title: P\nauthor: A\nlogsource:\n  category: proxy\n"
                                 "detection:\n  sel:\n    c-useragent: nikto\n  condition: sel\n");
        Evaluator ev(set);
        ev.add(row(webEvents()[5], 5), "apache", {});
        const std::vector<Finding> fs = ev.finish();
        QCOMPARE(fs.size(), std::size_t(1));
        QVERIFY(fs[0].hasCaveat("sigma_proxy_rule"));
    }

    void manyAddressesMakeOneFinding()
    {
        // 250 addresses match (more than kMaxGroupsPerRule = 200): one finding for the rule;
        // 150 make one finding each.
        for (int n : {250, 150}) {
            std::vector<Ev> evs;
            for (int i = 0; i < n; ++i)
                evs.push_back({"10.0." + std::to_string(i / 200) + "." + std::to_string(i % 200),
                               "/x", "scanner", 200, "GET", "", i});
            const RuleSet set = load(std::string(kHead)
                                     + "detection:\n  sel:\n    c-useragent: scanner\n"
                                       "  condition: sel\n");
            Evaluator ev(set);
            for (std::size_t i = 0; i < evs.size(); ++i)
                ev.add(row(evs[i], std::int64_t(i)), "apache", {});
            const std::vector<Finding> fs = ev.finish();
            if (n == 250) {
                QCOMPARE(fs.size(), std::size_t(1));
                QCOMPARE(fs[0].details["sources"].get<int>(), 250);
                QCOMPARE(fs[0].details["matches"].get<int>(), 250);
                QCOMPARE(fs[0].evidence.size(), std::size_t(250));
                QCOMPARE(fs[0].firstTs, row(evs.front(), 0).event.timestampUs);
                QCOMPARE(fs[0].lastTs, row(evs.back(), 0).event.timestampUs);
            } else {
                QCOMPARE(fs.size(), std::size_t(150));
            }
        }
    }

    void correlations()
    {
        const std::string base = "title: Not found\nname: notfound\nid: nf\nauthor: A\nlevel: low\n"
                                 "logsource:\n  category: webserver\ndetection:\n  sel:\n"
                                 "    sc-status: 404\n  condition: sel\n---\n"
                                 "title: Login\nname: login\nid: lg\nauthor: A\nlevel: low\n"
                                 "logsource:\n  category: webserver\ndetection:\n  sel:\n"
                                 "    c-uri: /login\n  condition: sel\n---\n";
        // 203.0.113.5: 404s at 0, 10, 20, 200 s; /login at 30 s. 198.51.100.7: one 404 at 5 s,
        // /login at 6 s, with three agents for its 404s in value_count below.
        std::vector<Ev> evs = {
                {"203.0.113.5", "/a", "ua1", 404, "GET", "", 0},
                {"198.51.100.7", "/a", "ua1", 404, "GET", "", 5},
                {"198.51.100.7", "/login", "ua1", 200, "GET", "", 6},
                {"203.0.113.5", "/b", "ua1", 404, "GET", "", 10},
                {"203.0.113.5", "/c", "ua2", 404, "GET", "", 20},
                {"203.0.113.5", "/login", "ua1", 200, "GET", "", 30},
                {"198.51.100.7", "/b", "ua2", 404, "GET", "", 40},
                {"198.51.100.7", "/c", "ua3", 404, "GET", "", 50},
                {"203.0.113.5", "/d", "ua1", 404, "GET", "", 200},
        };
        const auto run = [&](const std::string &corr) {
            const RuleSet set = load(base + corr);
            Evaluator ev(set);
            for (std::size_t i = 0; i < evs.size(); ++i)
                ev.add(row(evs[i], std::int64_t(i)), "apache", {});
            std::vector<Finding> out;
            for (Finding &f : ev.finish())
                if (f.details.contains("correlation"))
                    out.push_back(std::move(f));
            return out;
        };
        const std::string head = "title: C\nid: c1\nauthor: B\nlevel: high\ncorrelation:\n";
        // event_count: three 404s within 60 s, per address: 203.0.113.5 (0, 10, 20 s) and
        // 198.51.100.7 (5, 40, 50 s); the 404 at 200 s is outside every window.
        auto fs = run(head
                      + "  type: event_count\n  rules: [notfound]\n  group-by: [c-ip]\n"
                        "  timespan: 60s\n  condition:\n    gte: 3\n");
        QCOMPARE(fs.size(), std::size_t(2));
        QCOMPARE(fs[0].key, std::string("198.51.100.7"));
        QCOMPARE(fs[0].evidence, std::vector<std::int64_t>({1, 6, 7}));
        QCOMPARE(fs[1].evidence, std::vector<std::int64_t>({0, 3, 4}));
        QVERIFY(run(head
                    + "  type: event_count\n  rules: [notfound]\n  group-by: [c-ip]\n"
                      "  timespan: 15s\n  condition:\n    gte: 3\n")
                        .empty());
        // value_count: three distinct agents among an address's 404s within 60 s: only
        // 198.51.100.7 (ua1, ua2, ua3); 203.0.113.5 has two.
        fs = run(head
                 + "  type: value_count\n  rules: [notfound]\n  group-by: [c-ip]\n"
                   "  timespan: 60s\n  condition:\n    field: c-useragent\n    gte: 3\n");
        QCOMPARE(fs.size(), std::size_t(1));
        QCOMPARE(fs[0].key, std::string("198.51.100.7"));
        // temporal: a 404 and a /login from the same address within 5 s: 198.51.100.7 (5, 6 s);
        // 203.0.113.5's /login at 30 s is 10 s after its last 404.
        fs = run(head
                 + "  type: temporal\n  rules: [notfound, login]\n  group-by: [c-ip]\n"
                   "  timespan: 5s\n");
        QCOMPARE(fs.size(), std::size_t(1));
        QCOMPARE(fs[0].evidence, std::vector<std::int64_t>({1, 2}));
        QCOMPARE(fs[0].title, std::string("Sigma: C (rule by B) — 198.51.100.7"));
        // The correlated rules make no findings of their own (generate is false by default).
        const RuleSet set = load(base + head
                                 + "  type: temporal\n  rules: [notfound, login]\n"
                                   "  timespan: 5s\n");
        Evaluator ev(set);
        for (std::size_t i = 0; i < evs.size(); ++i)
            ev.add(row(evs[i], std::int64_t(i)), "apache", {});
        for (const Finding &f : ev.finish())
            QVERIFY(f.details.contains("correlation"));
    }

    void unsupportedRulesSayWhy()
    {
        const std::string h = kHead;
        QCOMPARE(reasonOf(h + "detection:\n  sel:\n    c-uri|utf16le: x\n  condition: sel\n"),
                 std::string("field 'c-uri': modifier |utf16le is not supported"));
        QCOMPARE(reasonOf(h + "detection:\n  sel:\n    c-uri: x\n  condition: sel | count() > 5\n"),
                 std::string("condition: aggregation expressions ('| count() ...') are not "
                             "supported; use a correlation rule"));
        QCOMPARE(reasonOf(h + "detection:\n  sel:\n    cs-cookie: x\n  condition: sel\n"),
                 std::string("field 'cs-cookie' has no Netcase field for this log source"));
        QCOMPARE(reasonOf(h + "detection:\n  sel:\n    c-uri|re: '(?<=a)b'\n  condition: sel\n")
                         .starts_with("field 'c-uri': regular expression not supported by RE2"),
                 true);
        QCOMPARE(reasonOf(h + "detection:\n  sel:\n    c-uri: x\n  condition: sel and other\n"),
                 std::string("condition: unknown search identifier 'other'"));
        QCOMPARE(reasonOf("title: W\nlogsource:\n  product: windows\n  service: sysmon\n"
                          "detection:\n  sel:\n    EventID: 1\n  condition: sel\n"),
                 std::string("logsource product: windows, service: sysmon is not a log Netcase "
                             "imports"));
        QCOMPARE(reasonOf("title: C\ncorrelation:\n  type: temporal_ordered\n  rules: [a, b]\n"
                          "  timespan: 5m\n"),
                 std::string("correlation type temporal_ordered is not supported"));
        QCOMPARE(reasonOf("title: C\ncorrelation:\n  type: event_count\n  rules: [nothere]\n"
                          "  timespan: 5m\n  condition:\n    gte: 2\n"),
                 std::string("correlation: 'nothere' is not loaded or mapped"));
        QCOMPARE(reasonOf("title: [unclosed\n"), reasonOf("title: [unclosed\n"));
        QVERIFY(reasonOf("title: [unclosed\n").starts_with("YAML: "));
    }
};

QTEST_GUILESS_MAIN(TestSigmaEval)
#include "tst_sigmaeval.moc"
