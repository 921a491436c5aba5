// Decisions, revisions and reviews: append-only storage, prefilled factors and the audit trail.

#include "common/audittest.h"
#include "common/testutil.h"

#include "audit/decisionstore.h"
#include "audit/factorprefill.h"
#include "audit/trailcheck.h"
#include "case/casefile.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace netcase;

namespace {

CaseFile newCase(const QString &name)
{
    CaseInfo info;
    info.title = name;
    auto c = CaseFile::create(test::tempPath(name), info);
    if (!c)
        qFatal("cannot create case: %s", qPrintable(c.error().message));
    return std::move(c.value());
}

Decision draft(const QString &subject, const QString &verdict)
{
    Decision d;
    QString why;
    if (!decisions::parseSubject(subject, &d.subject, &why))
        qFatal("bad subject %s", qPrintable(why));
    d.verdict = verdict;
    d.confidence = QStringLiteral("high");
    d.reasoning = QStringLiteral("because");
    d.analyst = QStringLiteral("alice");
    return d;
}

} // namespace

class TestDecisionTrail : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void revisionsArePreserved()
    {
        CaseFile c = newCase(QStringLiteral("rev.netcase"));
        auto first = DecisionStore::record(
                c.db(), draft(QStringLiteral("ip:203.0.113.7"), QStringLiteral("escalate")));
        QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
        QCOMPARE(first->revision, 1);
        Decision change = draft(QStringLiteral("ip:203.0.113.7"), QStringLiteral("benign"));
        change.reasoning = QStringLiteral("it was our scanner");
        auto second = DecisionStore::record(c.db(), change, first->id);
        QVERIFY(second.ok());
        QCOMPARE(second->revision, 2);
        QCOMPARE(second->key, first->key);
        QVERIFY(second->id != first->id);

        const auto revs = DecisionStore::revisions(c.db(), first->key);
        QCOMPARE(revs.size(), size_t(2));
        QCOMPARE(revs[0].verdict, QStringLiteral("escalate"));
        QCOMPARE(revs[0].reasoning, QStringLiteral("because"));
        QCOMPARE(revs[1].verdict, QStringLiteral("benign"));
        const auto onSubject = DecisionStore::forSubject(c.db(), first->subject);
        QCOMPARE(onSubject.size(), size_t(2));
        QCOMPARE(onSubject.front().id, second->id); // newest first
        QCOMPARE(DecisionStore::latest(c.db()).size(), size_t(1));

        // Edits in place are refused by the database itself.
        QVERIFY(!c.db().exec("UPDATE decisions SET verdict = 'block'").ok());
        QVERIFY(!c.db().exec("DELETE FROM decisions").ok());
        QCOMPARE(DecisionStore::byId(c.db(), first->id)->verdict, QStringLiteral("escalate"));
        QCOMPARE(c.db().scalar("SELECT count(*) FROM audit_log WHERE action = 'decision.record'"),
                 2);
        QVERIFY(TrailCheck::run(c.db()).intact());
    }

    void invalidDecisionsAreRefused()
    {
        CaseFile c = newCase(QStringLiteral("bad.netcase"));
        QVERIFY(!DecisionStore::record(c.db(),
                                       draft(QStringLiteral("ip:1.2.3.4"), QStringLiteral("shrug")))
                         .ok());
        Decision noReason = draft(QStringLiteral("ip:1.2.3.4"), QStringLiteral("block"));
        noReason.reasoning = QStringLiteral("  ");
        QVERIFY(!DecisionStore::record(c.db(), noReason).ok());
        auto d = DecisionStore::record(
                c.db(), draft(QStringLiteral("ip:1.2.3.4"), QStringLiteral("block")));
        QVERIFY(d.ok());
        // A revision keeps its subject.
        auto other = DecisionStore::record(
                c.db(), draft(QStringLiteral("account:bob"), QStringLiteral("block")), d->id);
        QVERIFY(!other.ok());
        QCOMPARE(other.error().code, ErrorCode::Usage);
        QVERIFY(!DecisionStore::record(
                         c.db(), draft(QStringLiteral("ip:1.2.3.4"), QStringLiteral("block")), 999)
                         .ok());
        QCOMPARE(c.db().scalar("SELECT count(*) FROM decisions"), 1);

        Subject s;
        QString why;
        QVERIFY(!decisions::parseSubject(QStringLiteral("ip:not-an-ip"), &s, &why));
        QVERIFY(!decisions::parseSubject(QStringLiteral("planet:mars"), &s, &why));
        QVERIFY(!decisions::parseSubject(QStringLiteral("finding:x"), &s, &why));
        QVERIFY(decisions::parseSubject(QStringLiteral("ip:2001:DB8::0:1"), &s, &why));
        QCOMPARE(s.value, QStringLiteral("2001:db8::1"));
    }

    void reviews()
    {
        CaseFile c = newCase(QStringLiteral("review.netcase"));
        auto d = DecisionStore::record(
                c.db(), draft(QStringLiteral("account:bob"), QStringLiteral("step_up_auth")));
        QVERIFY(d.ok());
        // The decision and the reviews come from one OS account: refused unless self-reviews.
        QVERIFY(!DecisionStore::addReview(
                         c.db(),
                         {0, d->id, QStringLiteral("agree"), {}, QStringLiteral("rita"), {}})
                         .ok());
        Review challenge{0,  d->id, QStringLiteral("challenge"), QString(), QStringLiteral("rita"),
                         {}, true};
        QVERIFY(!DecisionStore::addReview(c.db(), challenge).ok()); // a challenge needs a note
        challenge.note = QStringLiteral("the ASN is the company VPN");
        QVERIFY(DecisionStore::addReview(c.db(), challenge).ok());
        QVERIFY(DecisionStore::addReview(
                        c.db(),
                        {0, d->id, QStringLiteral("agree"), {}, QStringLiteral("sam"), {}, true})
                        .ok());
        QVERIFY(!DecisionStore::addReview(
                         c.db(),
                         {0, 4242, QStringLiteral("agree"), {}, QStringLiteral("sam"), {}, true})
                         .ok());
        const auto rs = DecisionStore::reviews(c.db(), d->id);
        QCOMPARE(rs.size(), size_t(2));
        QCOMPARE(rs[0].verdict, QStringLiteral("challenge"));
        QCOMPARE(rs[0].note, QStringLiteral("the ASN is the company VPN"));
        QCOMPARE(c.db().scalar("SELECT count(*) FROM audit_log WHERE action = 'review.record'"), 2);
        QVERIFY(!c.db().exec("UPDATE reviews SET verdict = 'agree'").ok());
        QVERIFY(TrailCheck::run(c.db()).intact());
    }

    void factorsComeFromFindings()
    {
        CaseFile c = newCase(QStringLiteral("prefill.netcase"));
        test::addEnrichment(c.db(), QStringLiteral("203.0.113.7"), 64500,
                            QStringLiteral("Example Hosting"));
        const std::int64_t fid = test::addFinding(c.db(), QStringLiteral("203.0.113.7"),
                                                  QStringLiteral("alice"), {11, 12, 13});
        test::addFinding(c.db(), QStringLiteral("198.51.100.1"), {}, {20});

        const auto factors = FactorPrefill::forSubject(
                c.db(), {QStringLiteral("ip"), QStringLiteral("203.0.113.7")});
        QCOMPARE(factors.size(), size_t(2));
        QCOMPARE(factors[0].text, QStringLiteral("Data-centre ASN"));
        QCOMPARE(factors[0].signal, QStringLiteral("datacentre_asn"));
        QCOMPARE(factors[0].findingId, fid);
        QCOMPARE(factors[0].evidence, (std::vector<std::int64_t>{11, 12, 13}));
        bool sawAsn = false;
        for (const EnrichmentValue &e : factors[0].enrichment) {
            if (e.field == QLatin1String("source.as.number")) {
                sawAsn = true;
                QCOMPARE(e.value, QStringLiteral("64500"));
                QCOMPARE(e.source, QStringLiteral("GeoLite2-ASN (2024-05-01)"));
            }
        }
        QVERIFY(sawAsn);

        // As the enricher writes them: provenance and list memberships hold enrich_sources ids,
        // which need not match positions in the row's source list.
        (void)c.db().exec("INSERT INTO enrich_sources(id, kind, type, name, path, sha256, "
                          "build_date, loaded_at) VALUES (1, 'list', 'tor_exit', 'tor-exits', "
                          "'/t.txt', 'cd', '2024-06-01', '2024-06-02')");
        (void)c.db().exec("UPDATE ip_info SET is_tor = 1, provenance = '{\"as.number\": 7, "
                          "\"flags.tor\": 1}', sources = '[1, 7]', lists = '[{\"name\": "
                          "\"tor-exits\", \"category\": "
                          "\"tor_exit\", \"source\": 1}]'");
        QString asnSource, torSource, listValue, listSource;
        for (const EnrichmentValue &e :
             FactorPrefill::enrichmentFor(c.db(), QStringLiteral("203.0.113.7"))) {
            if (e.field == QLatin1String("source.as.number"))
                asnSource = e.source;
            if (e.field == QLatin1String("flags.tor"))
                torSource = e.source;
            if (e.field == QLatin1String("list")) {
                listValue = e.value;
                listSource = e.source;
            }
        }
        QCOMPARE(asnSource, QStringLiteral("GeoLite2-ASN (2024-05-01)"));
        QCOMPARE(torSource, QStringLiteral("tor-exits (2024-06-01)"));
        QCOMPARE(listValue, QStringLiteral("tor-exits (tor_exit)"));
        QCOMPARE(listSource, QStringLiteral("tor-exits (2024-06-01)"));
        // The account and the finding itself lead to the same finding; others do not.
        QCOMPARE(FactorPrefill::forSubject(c.db(),
                                           {QStringLiteral("account"), QStringLiteral("alice")})
                         .size(),
                 size_t(2));
        QCOMPARE(
                FactorPrefill::forSubject(c.db(), {QStringLiteral("finding"), QString::number(fid)})
                        .size(),
                size_t(2));
        QVERIFY(FactorPrefill::forSubject(c.db(),
                                          {QStringLiteral("account"), QStringLiteral("nobody")})
                        .empty());

        // The factors are stored with the decision and read back unchanged.
        Decision d = draft(QStringLiteral("ip:203.0.113.7"), QStringLiteral("escalate"));
        d.factors = factors;
        auto rec = DecisionStore::record(c.db(), d);
        QVERIFY(rec.ok());
        QVERIFY(DecisionStore::byId(c.db(), rec->id)->factors == factors);
    }

    void openingIsAudited()
    {
        const QString path = test::tempPath(QStringLiteral("open.netcase"));
        {
            CaseInfo info;
            info.title = QStringLiteral("open");
            QVERIFY(CaseFile::create(path, info).ok());
        }
        auto opens = [&] {
            auto c = CaseFile::open(path, CaseFile::OpenOptions{true, false, false});
            return c ? c->db().scalar("SELECT count(*) FROM audit_log WHERE action = 'case.open'")
                     : -1;
        };
        QCOMPARE(opens(), 0);
        {
            auto w = CaseFile::open(path);
            QVERIFY(w.ok());
            QVERIFY(!w->readOnly());
            // A worker connection of the same opening is not a new opening.
            QVERIFY(CaseFile::open(path, CaseFile::OpenOptions{false, false, true}).ok());
        }
        QCOMPARE(opens(), 1);
        QVERIFY(CaseFile::open(path).ok());
        QCOMPARE(opens(), 2);
        auto r = CaseFile::open(path, CaseFile::OpenOptions{true, false, false});
        QVERIFY(r.ok());
        QVERIFY(TrailCheck::run(r->db()).intact());
    }
};

QTEST_GUILESS_MAIN(TestDecisionTrail)
#include "tst_decisiontrail.moc"
