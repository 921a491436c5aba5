// sigma::evaluate reads events as stored (dictionary ids, results kept per string id, keywords
// searched for all at once, findings counted in time order at the end). Its matches and
// findings must be those of the plain pass it replaced: every event resolved by
// EventQuery::forEach and given to Evaluator::add in time order, each keyword searched for on
// its own. Both run here on a case imported from generated logs (an access log and an Okta
// System Log) with rules written for this test that use every kind of field: whole and partial
// URL fields, numbers, a label, the raw record (plain, wildcard and |all keywords), Okta
// document fields, a field reference, and a correlation.

#include "common/testutil.h"

#include "case/casefile.h"
#include "case/eventquery.h"
#include "case/sourcestore.h"
#include "ingest/importjob.h"
#include "sigma/sigmaload.h"
#include "sigma/sigmarun.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace netcase;
using namespace netcase::sigma;

namespace {

using Matches = std::vector<std::pair<int, std::int64_t>>;

void write(const QString &path, const std::string &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text.data(), qint64(text.size()));
}

std::string rule(const std::string &title, const std::string &logsource, const std::string &det)
{
    return "title: " + title + "\nid: " + title + "\nauthor: Netcase Tests\nlevel: medium\n"
           + "logsource:\n" + logsource + "detection:\n" + det;
}

const std::string kWeb = "  category: webserver\n";
const std::string kOkta = "  product: okta\n  service: okta\n";

/// The plain pass (see the file comment).
SigmaRun plainPass(const Database &db, RuleSet set, Matches &matches)
{
    set.needles.clear();
    for (Rule &r : set.rules)
        for (Selection &sel : r.selections) {
            for (ValueTest &k : sel.keywords) {
                k.needle = -1;
                k.hint = -1;
            }
            for (auto &map : sel.maps)
                for (FieldTest &t : map)
                    t.needles.clear();
        }
    std::map<std::int64_t, std::string> formats;
    for (const auto &[id, f] : SourceStore::formats(db))
        formats[id] = f.toStdString();
    Evaluator ev(set);
    ev.trace(&matches);
    SigmaRun run;
    EventQuery query(db);
    query.forEach(EventFilter{}, [&](const EventRow &row) {
        ev.add(row, formats[row.sourceId], [&] { return query.raw(row); });
        return true;
    });
    run.findings = ev.finish();
    for (std::int64_t n : ev.matchCounts())
        run.matched += n;
    return run;
}

QStringList describe(const std::vector<Finding> &findings)
{
    QStringList out;
    for (const Finding &f : findings) {
        QString s = QString::fromStdString(f.title + " | " + f.key + " | " + f.details.dump())
                    + QStringLiteral(" | %1..%2 |").arg(f.firstTs).arg(f.lastTs);
        for (std::int64_t id : f.evidence)
            s += QStringLiteral(" %1").arg(id);
        for (const auto *set : {&f.ips, &f.accounts, &f.hosts})
            for (const std::string &v : *set)
                s += QStringLiteral(" ") + QString::fromStdString(v);
        out << s;
    }
    out.sort();
    return out;
}

} // namespace

class TestSigmaStored : public QObject
{
    Q_OBJECT
    QString m_case;
    QString m_rules;

private Q_SLOTS:
    void initTestCase()
    {
        const QString access = test::tempPath(QStringLiteral("web.log"));
        QVERIFY(test::generate(QStringLiteral("gen_accesslog"),
                               {QStringLiteral("--lines"), QStringLiteral("6000"),
                                QStringLiteral("--ips"), QStringLiteral("150"),
                                QStringLiteral("--referer-percent"), QStringLiteral("30"),
                                QStringLiteral("--url-variety"), QStringLiteral("300"),
                                QStringLiteral("--out"), access}));
        const QString okta = test::tempPath(QStringLiteral("okta.jsonl"));
        QVERIFY(test::generate(QStringLiteral("gen_cloudlogs"),
                               {QStringLiteral("--kind"), QStringLiteral("okta-jsonl"),
                                QStringLiteral("--records"), QStringLiteral("400"),
                                QStringLiteral("--out"), okta}));
        m_case = test::tempPath(QStringLiteral("stored.netcase"));
        QVERIFY(CaseFile::create(m_case, CaseInfo{QStringLiteral("stored")}).ok());
        {
            auto c = CaseFile::open(m_case);
            QVERIFY(c);
            std::atomic<bool> cancel{false};
            QVERIFY(ImportJob({access, okta}, ImportOptions{}).run(*c, {}, cancel).ok());
        }
        m_rules = test::tempPath(QStringLiteral("rules"));
        QVERIFY(QDir().mkpath(m_rules));
        const std::vector<std::pair<std::string, std::string>> rules = {
                {"get_php", rule("get_php", kWeb,
                                 "  sel:\n    cs-method: GET\n    c-uri-extension: php\n"
                                 "  condition: sel\n")},
                {"stem_query", rule("stem_query", kWeb,
                                    "  a:\n    cs-uri-stem|contains: [/admin, /login, /wp-]\n"
                                    "  b:\n    cs-uri-query|endswith: '=1'\n"
                                    "  condition: a or b\n")},
                {"agents", rule("agents", kWeb,
                                "  sel:\n    c-useragent|contains:\n      - curl\n      - python\n"
                                "      - 'bot*'\n  filter:\n    sc-status|gte: 500\n"
                                "  condition: sel and not filter\n")},
                {"status", rule("status", kWeb,
                                "  sel:\n    sc-status: [404, 403]\n    c-ip|cidr: 0.0.0.0/1\n"
                                "  condition: sel\n")},
                {"referer", rule("referer", kWeb,
                                 "  sel:\n    cs-referer|contains: http\n  condition: sel\n")},
                {"keywords", rule("keywords", kWeb,
                                  "  keywords:\n    - '\" 404 '\n    - 'mozilla*windows'\n"
                                  "    - HTTP/1.0\n  condition: keywords\n")},
                {"keywords_and", rule("keywords_and", kWeb,
                                      "  kw_get:\n    - get\n  kw_page:\n    - '.html'\n"
                                      "    - '.php'\n  sel:\n    cs-method: GET\n"
                                      "  condition: all of kw_* and sel\n")},
                {"okta_types", rule("okta_types", kOkta,
                                    "  sel:\n    eventType:\n      - user.session.start\n"
                                    "      - user.account.lock\n    outcome.result: SUCCESS\n"
                                    "  condition: sel\n")},
                {"okta_fail", rule("okta_fail", kOkta,
                                   "  sel:\n    outcome.result|contains: fail\n"
                                   "  mfa:\n    authenticationContext.credentialType: OTP\n"
                                   "  condition: sel or mfa\n")},
                {"okta_ref", rule("okta_ref", kOkta,
                                  "  sel:\n    actor.alternateId|fieldref: actor.alternateId\n"
                                  "    client.ipAddress|startswith: '198.'\n  condition: sel\n")},
                {"burst", "title: burst\nid: burst\nauthor: Netcase Tests\ncorrelation:\n"
                          "  type: event_count\n  rules:\n    - status\n  group-by:\n"
                          "    - c-ip\n  timespan: 1h\n  condition:\n    gte: 3\n"},
        };
        for (const auto &[name, text] : rules)
            write(m_rules + QStringLiteral("/") + QString::fromStdString(name)
                          + QStringLiteral(".yml"),
                  text);
    }

    void storedPassIsThePlainPass()
    {
        const RuleSet set = loadFolders({m_rules});
        for (const Unsupported &u : set.unsupported)
            qWarning("%s: %s", u.path.c_str(), u.reason.c_str());
        QCOMPARE(set.unsupported.size(), std::size_t(0));
        QCOMPARE(set.rules.size(), std::size_t(10));
        QCOMPARE(set.correlations.size(), std::size_t(1));
        QVERIFY(!set.needles.empty());

        CaseFile::OpenOptions options;
        options.readOnly = true;
        auto c = CaseFile::open(m_case, options);
        QVERIFY(c);
        Matches plain, stored;
        const SigmaRun before = plainPass(c->db(), set, plain);
        auto after = evaluate(c->db(), set, nullptr, &stored);
        QVERIFY(after);

        // Every rule matches something and misses something, so the comparison means something.
        const std::int64_t events = after->events;
        QVERIFY(events >= 6400);
        for (std::size_t r = 0; r < set.rules.size(); ++r) {
            const auto n = std::count_if(plain.begin(), plain.end(),
                                         [&](const auto &m) { return m.first == int(r); });
            QVERIFY2(n > 0 && n < 6000, set.rules[r].meta.title.c_str());
        }
        std::sort(plain.begin(), plain.end());
        std::sort(stored.begin(), stored.end());
        QCOMPARE(stored.size(), plain.size());
        QVERIFY(stored == plain);
        QCOMPARE(after->matched, before.matched);
        QCOMPARE(describe(after->findings), describe(before.findings));
        QVERIFY(std::any_of(after->findings.begin(), after->findings.end(), [](const Finding &f) {
            return f.title.find("burst") != f.title.npos;
        }));
    }

    void escapesAndLabelsStillMatch()
    {
        // A document value written with an escape does not show the rule's text as written,
        // so such records are parsed; a value only in the labels is found there.
        RuleSet set;
        loadText(rule("types", kOkta,
                      "  sel:\n    eventType: user.session.start\n  condition: sel\n"),
                 "types.yml", set);
        QCOMPARE(set.rules.size(), std::size_t(1));
        QVERIFY(!set.rules[0].selections[0].maps[0][0].needles.empty());
        const std::vector<std::pair<std::string, std::string>> records = {
                {R"({"eventType":"user.session.start"})", ""},              // 0: as written
                {R"({"eventType":"user\u002esession.start"})", ""},         // 1: an escaped dot
                {R"({"eventType":"USER.SESSION.START"})", ""},              // 2: case differs
                {R"({"eventType":"user.session.end"})", ""},                // 3: another type
                {"not json", R"({"eventType":"user.session.start"})"},      // 4: from the labels
                {"not json", R"({"eventType":"user\u002esession.start"})"}, // 5: escaped there
                {R"({"other":"user.session.start"})", ""},                  // 6: another field
        };
        Matches got;
        Evaluator ev(set);
        ev.trace(&got);
        for (std::size_t i = 0; i < records.size(); ++i) {
            EventRow row;
            row.id = std::int64_t(i);
            row.event.labels = records[i].second;
            ev.add(row, "okta", [&] { return std::optional(records[i].first); });
        }
        QCOMPARE(got, Matches({{0, 0}, {0, 1}, {0, 2}, {0, 4}, {0, 5}}));
    }
};

QTEST_MAIN(TestSigmaStored)
#include "tst_sigmastored.moc"
