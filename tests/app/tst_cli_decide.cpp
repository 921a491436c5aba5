// netcase decide / decisions / verify end to end, through the real binary.

#include "common/audittest.h"
#include "common/oldcase.h"
#include "common/testutil.h"

#include "case/casefile.h"
#include "case/sqlite.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace netcase;

namespace {

QString newCase(const QString &name)
{
    const QString path = test::tempPath(name);
    const auto r = test::netcase({QStringLiteral("new"), path, QStringLiteral("--authorization"),
                                  QStringLiteral("TEST-1"), QStringLiteral("--title"), name});
    if (r.exitCode != 0)
        qFatal("new failed: %s", r.err.constData());
    return path;
}

test::Run decide(const QStringList &args)
{
    return test::netcase(QStringList{QStringLiteral("decide")} + args);
}

} // namespace

class TestCliDecide : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decideReviseAndList()
    {
        const QString path = newCase(QStringLiteral("cli.netcase"));
        {
            auto c = CaseFile::open(path);
            QVERIFY(c.ok());
            test::addFinding(c->db(), QStringLiteral("203.0.113.7"), QStringLiteral("alice"),
                             {5, 6});
        }
        auto r = decide({path, QStringLiteral("--subject"), QStringLiteral("ip:203.0.113.7"),
                         QStringLiteral("--verdict"), QStringLiteral("escalate"),
                         QStringLiteral("--confidence"), QStringLiteral("high"),
                         QStringLiteral("--factor"), QStringLiteral("curl user agent"),
                         QStringLiteral("--reason"), QStringLiteral("stuffing"),
                         QStringLiteral("--analyst"), QStringLiteral("alice")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QByteArray("1"));
        r = decide({path, QStringLiteral("--revises"), QStringLiteral("1"),
                    QStringLiteral("--verdict"), QStringLiteral("benign"),
                    QStringLiteral("--reason"), QStringLiteral("our own scanner")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QByteArray("2"));

        r = test::netcase({QStringLiteral("decisions"), path, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 1); // one decision, two revisions
        const QJsonObject o = QJsonDocument::fromJson(lines.first()).object();
        QCOMPARE(o.value(QStringLiteral("verdict")).toString(), QStringLiteral("benign"));
        const auto revs = o.value(QStringLiteral("revisions")).toArray();
        QCOMPARE(revs.size(), 2);
        const QJsonObject first = revs.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("verdict")).toString(), QStringLiteral("escalate"));
        QCOMPARE(first.value(QStringLiteral("reasoning")).toString(), QStringLiteral("stuffing"));
        // Two factors from the finding's signals (with its evidence) plus the free-text one.
        const auto factors = first.value(QStringLiteral("factors")).toArray();
        QCOMPARE(factors.size(), 3);
        QCOMPARE(factors.at(0).toObject().value(QStringLiteral("evidence")).toArray().size(), 2);
        QCOMPARE(factors.at(2).toObject().value(QStringLiteral("text")).toString(),
                 QStringLiteral("curl user agent"));

        r = test::netcase({QStringLiteral("verify"), path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("intact"));
    }

    void reviewAgreeAndChallenge()
    {
        const QString path = newCase(QStringLiteral("review.netcase"));
        QCOMPARE(decide({path, QStringLiteral("--subject"), QStringLiteral("account:bob"),
                         QStringLiteral("--verdict"), QStringLiteral("step_up_auth"),
                         QStringLiteral("--reason"), QStringLiteral("new country")})
                         .exitCode,
                 0);
        auto review = [&](const QStringList &args) {
            return test::netcase(QStringList{QStringLiteral("review"), path} + args);
        };
        const QString d = QStringLiteral("--decision"), v = QStringLiteral("--verdict");
        // A challenge without a note, an unknown verdict or decision: refused, nothing written.
        QCOMPARE(review({d, QStringLiteral("1"), v, QStringLiteral("challenge")}).exitCode, 1);
        QCOMPARE(review({d, QStringLiteral("1"), v, QStringLiteral("maybe")}).exitCode, 1);
        QCOMPARE(review({d, QStringLiteral("5"), v, QStringLiteral("agree")}).exitCode, 1);
        auto r = review({d, QStringLiteral("1"), v, QStringLiteral("challenge"),
                         QStringLiteral("--note"), QStringLiteral("travel was booked"),
                         QStringLiteral("--reviewer"), QStringLiteral("carol"),
                         QStringLiteral("--self-review")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QByteArray("1"));

        r = test::netcase({QStringLiteral("decisions"), path, QStringLiteral("--json")});
        const QJsonObject o = QJsonDocument::fromJson(r.out.trimmed()).object();
        const auto revs = o.value(QStringLiteral("revisions")).toArray();
        QCOMPARE(revs.size(), 1);
        const auto reviews = revs.at(0).toObject().value(QStringLiteral("reviews")).toArray();
        QCOMPARE(reviews.size(), 1);
        const QJsonObject rev = reviews.at(0).toObject();
        QCOMPARE(rev.value(QStringLiteral("verdict")).toString(), QStringLiteral("challenge"));
        QCOMPARE(rev.value(QStringLiteral("reviewer")).toString(), QStringLiteral("carol"));
        QCOMPARE(rev.value(QStringLiteral("note")).toString(), QStringLiteral("travel was booked"));
        QCOMPARE(test::netcase({QStringLiteral("verify"), path}).exitCode, 0);
    }

    void benignVerdictFeedsRuleTuning()
    {
        const QString path = newCase(QStringLiteral("tune.netcase"));
        {
            auto c = CaseFile::open(path);
            QVERIFY(c.ok());
            test::addFinding(c->db(), QStringLiteral("198.51.100.20"), {}, {3});
        }
        const QStringList subject = {path,
                                     QStringLiteral("--subject"),
                                     QStringLiteral("ip:198.51.100.20"),
                                     QStringLiteral("--reason"),
                                     QStringLiteral("our scanner"),
                                     QStringLiteral("--tune")};
        // Only a benign verdict tunes rules.
        auto r = decide(subject
                        + QStringList{QStringLiteral("--verdict"), QStringLiteral("block")});
        QCOMPARE(r.exitCode, 1);
        r = decide(subject + QStringList{QStringLiteral("--verdict"), QStringLiteral("benign")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains("1 tuning entry added"), r.err.constData());
        auto c = CaseFile::open(path);
        QVERIFY(c.ok());
        QCOMPARE(c->db().scalar("SELECT count(*) FROM rule_tuning WHERE rule = 'stuffing' AND "
                                "value = '198.51.100.20' AND decision_id = 1"),
                 std::int64_t(1));
        QCOMPARE(c->db().scalar("SELECT count(*) FROM audit_log WHERE action = 'rule_tuning.add'"),
                 std::int64_t(1));
        QCOMPARE(test::netcase({QStringLiteral("verify"), path}).exitCode, 0);
    }

    void usageErrors()
    {
        const QString path = newCase(QStringLiteral("usage.netcase"));
        QCOMPARE(decide({path, QStringLiteral("--verdict"), QStringLiteral("block"),
                         QStringLiteral("--reason"), QStringLiteral("r")})
                         .exitCode,
                 1); // no subject
        QCOMPARE(decide({path, QStringLiteral("--subject"), QStringLiteral("ip:1.2.3.4"),
                         QStringLiteral("--verdict"), QStringLiteral("nuke"),
                         QStringLiteral("--reason"), QStringLiteral("r")})
                         .exitCode,
                 1);
        QCOMPARE(decide({path, QStringLiteral("--subject"), QStringLiteral("ip:1.2.3.4"),
                         QStringLiteral("--verdict"), QStringLiteral("block")})
                         .exitCode,
                 1); // no reason
        QCOMPARE(decide({path, QStringLiteral("--revises"), QStringLiteral("9"),
                         QStringLiteral("--verdict"), QStringLiteral("block"),
                         QStringLiteral("--reason"), QStringLiteral("r")})
                         .exitCode,
                 1);
        const auto noFinding
                = decide({path, QStringLiteral("--subject"), QStringLiteral("finding:42"),
                          QStringLiteral("--verdict"), QStringLiteral("benign"),
                          QStringLiteral("--reason"), QStringLiteral("r")});
        QCOMPARE(noFinding.exitCode, 1); // a decision about a finding the case does not have
        QVERIFY(noFinding.err.contains("there is no finding 42"));
        QCOMPARE(test::netcase({QStringLiteral("decisions"), path}).out.trimmed(),
                 QByteArray("no decisions recorded"));
    }

    void upgradeMigratesAnOlderCase()
    {
        // Readers refuse a schema-2 case and say how to upgrade it; `upgrade` migrates it once
        // (events moved into the block store, audited) and readers then see the same events.
        const QString path = test::tempPath(QStringLiteral("old.netcase"));
        QVERIFY(test::makeSchemaTwoCase(path));
        const auto refused = test::netcase({QStringLiteral("events"), path});
        QCOMPARE(refused.exitCode, 3);
        QVERIFY(refused.err.contains("netcase upgrade"));
        const auto up = test::netcase({QStringLiteral("upgrade"), path});
        QCOMPARE(up.exitCode, 0);
        QVERIFY(up.out.contains("case schema 6"));
        const auto events = test::netcase({QStringLiteral("events"), path});
        QCOMPARE(events.exitCode, 0);
        QCOMPARE(events.out.count('\n'), 4);
        QVERIFY(events.out.contains("\"ip\":\"192.0.2.6\""));
        QVERIFY(events.out.contains("\"name\":\"ann\""));
        QCOMPARE(test::netcase({QStringLiteral("verify"), path}).exitCode, 0);
        QCOMPARE(test::netcase({QStringLiteral("upgrade"), path}).exitCode, 0); // idempotent

        // Schema 4 only let raw blocks hold rebuilt records: a schema-3 case is read as it is.
        {
            auto db = Database::open(path, Database::Mode::ReadWrite);
            QVERIFY(db.ok());
            QVERIFY(db->exec("PRAGMA user_version = 3").ok());
        }
        QCOMPARE(test::netcase({QStringLiteral("events"), path}).out, events.out);
        QVERIFY(test::netcase({QStringLiteral("upgrade"), path}).out.contains("case schema 6"));
    }

    void verifyNamesTheTamperedRecord_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("expected");
        QTest::newRow("changed") << QStringLiteral("UPDATE audit_log SET payload = '{}' WHERE "
                                                   "seq = 2;")
                                 << QStringLiteral("record 2");
        QTest::newRow("deleted") << QStringLiteral("DELETE FROM audit_log WHERE seq = 2;")
                                 << QStringLiteral("record 2 is missing");
        QTest::newRow("inserted") << QStringLiteral("INSERT INTO audit_log VALUES (4, 'x', 'm', "
                                                    "'case.open', '{}', 'aa', 'bb');")
                                  << QStringLiteral("record 4");
        QTest::newRow("decision edited")
                << QStringLiteral("UPDATE decisions SET reasoning = 'other';")
                << QStringLiteral("decision 1 differs");
    }

    void verifyNamesTheTamperedRecord()
    {
        QFETCH(QString, sql);
        QFETCH(QString, expected);
        const QString path
                = newCase(QStringLiteral("tamper-%1.netcase")
                                  .arg(QString::fromLatin1(QTest::currentDataTag())
                                               .replace(QLatin1Char(' '), QLatin1Char('-'))));
        QCOMPARE(decide({path, QStringLiteral("--subject"), QStringLiteral("account:bob"),
                         QStringLiteral("--verdict"), QStringLiteral("block"),
                         QStringLiteral("--reason"), QStringLiteral("r")})
                         .exitCode,
                 0); // log: 1 case.create, 2 case.open, 3 decision.record
        QCOMPARE(test::netcase({QStringLiteral("verify"), path}).exitCode, 0);
        test::tamper(path, sql);
        const auto r = test::netcase({QStringLiteral("verify"), path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromUtf8(r.err).contains(expected), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliDecide)
#include "tst_cli_decide.moc"
