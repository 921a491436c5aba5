// Tampering with a case behind Netcase's back (the sqlite3 shell, triggers dropped first and
// put back afterwards, as a careful attacker would) must be detected and the first bad record
// named.

#include "common/audittest.h"
#include "common/testutil.h"

#include "audit/decisionstore.h"
#include "audit/trailcheck.h"
#include "case/casefile.h"

#include <QCryptographicHash>
#include <QTest>

using namespace netcase;

namespace {

/// A case whose log holds: 1 case.create, 2 and 3 decision.record, 4 review.record.
QString makeCase(const QString &name)
{
    const QString path = test::tempPath(name);
    CaseInfo info;
    info.title = name;
    auto c = CaseFile::create(path, info);
    if (!c)
        qFatal("create: %s", qPrintable(c.error().message));
    for (const char *subject : {"203.0.113.7", "198.51.100.9"}) {
        Decision d;
        d.subject = {QStringLiteral("ip"), QLatin1String(subject)};
        d.verdict = QStringLiteral("block");
        d.reasoning = QStringLiteral("brute force");
        d.analyst = QStringLiteral("alice");
        if (!DecisionStore::record(c->db(), d).ok())
            qFatal("record failed");
    }
    if (!DecisionStore::addReview(
                 c->db(), {0, 1, QStringLiteral("agree"), {}, QStringLiteral("rita"), {}, true})
                 .ok())
        qFatal("review failed");
    return path;
}

TrailCheck check(const QString &path, const QString &head = {})
{
    auto c = CaseFile::open(path, CaseFile::OpenOptions{true, false, false});
    if (!c)
        qFatal("open: %s", qPrintable(c.error().message));
    return TrailCheck::run(c->db(), head);
}

QString hashOf(const QString &path, int seq)
{
    return test::sqlite(path, QStringLiteral("SELECT hash FROM audit_log WHERE seq = %1;").arg(seq))
            .trimmed();
}

} // namespace

class TestTamper : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void intactCaseVerifies()
    {
        const TrailCheck t = check(makeCase(QStringLiteral("intact.netcase")));
        QVERIFY2(t.intact(), qPrintable(t.summary()));
        QCOMPARE(t.chain.records, 4);
    }

    void changedPayloadIsNamed()
    {
        const QString path = makeCase(QStringLiteral("changed.netcase"));
        test::tamper(path, QStringLiteral("UPDATE audit_log SET payload = replace(payload, "
                                          "'brute force', 'tested') WHERE seq = 3;"));
        const TrailCheck t = check(path);
        QVERIFY(!t.intact());
        QCOMPARE(t.chain.firstBadSeq, 3);
        QVERIFY2(t.chain.problem.contains(QLatin1String("altered")), qPrintable(t.summary()));
    }

    void changedActorIsNamed()
    {
        const QString path = makeCase(QStringLiteral("actor.netcase"));
        test::tamper(path, QStringLiteral("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2;"));
        const TrailCheck t = check(path);
        QCOMPARE(t.chain.firstBadSeq, 2);
    }

    void deletedRecordIsNamed()
    {
        const QString path = makeCase(QStringLiteral("deleted.netcase"));
        test::tamper(path, QStringLiteral("DELETE FROM audit_log WHERE seq = 2;"));
        const TrailCheck t = check(path);
        QVERIFY(!t.intact());
        QCOMPARE(t.chain.firstBadSeq, 2);
        QVERIFY2(t.chain.problem.contains(QLatin1String("missing")), qPrintable(t.summary()));
    }

    void deletedAndRenumberedIsNamed()
    {
        const QString path = makeCase(QStringLiteral("renumbered.netcase"));
        test::tamper(path, QStringLiteral("DELETE FROM audit_log WHERE seq = 2; "
                                          "UPDATE audit_log SET seq = seq - 1 WHERE seq > 2;"));
        const TrailCheck t = check(path);
        QCOMPARE(t.chain.firstBadSeq, 2);
    }

    void reorderedIsNamed()
    {
        const QString path = makeCase(QStringLiteral("reordered.netcase"));
        test::tamper(path, QStringLiteral("UPDATE audit_log SET seq = -2 WHERE seq = 2; "
                                          "UPDATE audit_log SET seq = 2 WHERE seq = 3; "
                                          "UPDATE audit_log SET seq = 3 WHERE seq = -2;"));
        const TrailCheck t = check(path);
        QCOMPARE(t.chain.firstBadSeq, 2);
    }

    void insertedWithForgedHashIsNamed_data()
    {
        // Dated after its neighbours, the insertion itself is named; dated before the record
        // it follows, the record is named as backdated (times must rise along the chain).
        QTest::addColumn<QString>("at");
        QTest::addColumn<QString>("named");
        QTest::newRow("later") << QStringLiteral("2099-01-01T00:00:00.000Z")
                               << QStringLiteral("inserted");
        QTest::newRow("backdated")
                << QStringLiteral("2026-01-01T00:00:00.000Z") << QStringLiteral("backdated");
    }

    void insertedWithForgedHashIsNamed()
    {
        // The attacker knows the algorithm and makes the inserted record's own hash correct;
        // the record after it still chains to the one before, which names the insertion.
        QFETCH(QString, at);
        QFETCH(QString, named);
        const QString path = makeCase(QStringLiteral("inserted-%1.netcase").arg(named));
        const QString prev = hashOf(path, 2);
        QVERIFY(!prev.isEmpty());
        const std::string payload = "{\"note\":\"forged\"}";
        const std::string canon = AuditLog::canonical(3, at, QStringLiteral("mallory"),
                                                      QStringLiteral("decision.record"), payload);
        QCryptographicHash h(QCryptographicHash::Sha256);
        h.addData(prev.toLatin1());
        h.addData(QByteArrayView(canon.data(), qsizetype(canon.size())));
        const QString hash = QString::fromLatin1(h.result().toHex());
        test::tamper(path, QStringLiteral("UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 3; "
                                          "UPDATE audit_log SET seq = seq - 999 WHERE seq > 1000; "
                                          "INSERT INTO audit_log VALUES (3, '%1', 'mallory', "
                                          "'decision.record', '%2', '%3', '%4');")
                                   .arg(at, QString::fromStdString(payload), prev, hash));
        QCOMPARE(test::sqlite(path, QStringLiteral("SELECT count(*) FROM audit_log;")).trimmed(),
                 QStringLiteral("5"));
        const TrailCheck t = check(path);
        QVERIFY(!t.intact());
        QCOMPARE(t.chain.firstBadSeq, 3);
        QVERIFY2(t.chain.problem.contains(named), qPrintable(t.summary()));
    }

    void appendedGarbageIsNamed()
    {
        const QString path = makeCase(QStringLiteral("appended.netcase"));
        test::sqlite(path, QStringLiteral("INSERT INTO audit_log VALUES (5, 'x', 'mallory', "
                                          "'case.open', '{}', '%1', 'beef');")
                                   .arg(hashOf(path, 4)));
        QCOMPARE(check(path).chain.firstBadSeq, 5);
    }

    void decisionRowsAreComparedWithTheLog()
    {
        const QString altered = makeCase(QStringLiteral("decision-altered.netcase"));
        test::tamper(altered,
                     QStringLiteral("UPDATE decisions SET verdict = 'benign' WHERE id = 2;"));
        TrailCheck t = check(altered);
        QVERIFY(t.chain.intact); // the log itself is untouched ...
        QVERIFY(!t.intact());    // ... but the table disagrees with it
        QVERIFY2(t.problems.join(QLatin1Char('\n')).contains(QLatin1String("decision 2 differs")),
                 qPrintable(t.summary()));

        const QString removed = makeCase(QStringLiteral("decision-removed.netcase"));
        test::tamper(removed, QStringLiteral("DELETE FROM reviews; DELETE FROM decisions WHERE "
                                             "id = 2;"));
        t = check(removed);
        QVERIFY(!t.intact());
        QVERIFY(t.problems.join(QLatin1Char('\n'))
                        .contains(QLatin1String("decision 2 is in the "
                                                "audit log but missing")));

        const QString inserted = makeCase(QStringLiteral("decision-inserted.netcase"));
        test::sqlite(inserted,
                     QStringLiteral("INSERT INTO decisions(decision_key, revision, subject_type, "
                                    "subject_value, verdict, confidence, reasoning, analyst, "
                                    "created_at) VALUES ('k', 1, 'ip', '192.0.2.1', 'benign', "
                                    "'low', 'x', 'mallory', 'now');"));
        t = check(inserted);
        QVERIFY(!t.intact());
        QVERIFY(t.problems.join(QLatin1Char('\n')).contains(QLatin1String("no audit record")));

        const QString review = makeCase(QStringLiteral("review-altered.netcase"));
        test::tamper(review, QStringLiteral("UPDATE reviews SET note = 'rubber stamp';"));
        t = check(review);
        QVERIFY(t.problems.join(QLatin1Char('\n')).contains(QLatin1String("review 1 differs")));
    }

    void droppedTriggersAreReported()
    {
        const QString path = makeCase(QStringLiteral("triggers.netcase"));
        test::sqlite(path, QStringLiteral("DROP TRIGGER audit_no_delete;"));
        const TrailCheck t = check(path);
        QVERIFY(!t.intact());
        QVERIFY(t.problems.join(QLatin1Char('\n')).contains(QLatin1String("audit_no_delete")));
    }

    void removedNewestRecordsNeedTheHead()
    {
        // Cutting off the newest records leaves a valid shorter chain; the review whose record
        // was cut shows it here, and in general the head a report printed does.
        const QString path = makeCase(QStringLiteral("truncated.netcase"));
        const QString head = hashOf(path, 4);
        QVERIFY(check(path, head).intact());
        test::tamper(path, QStringLiteral("DELETE FROM audit_log WHERE seq = 4; "
                                          "DELETE FROM reviews;"));
        const TrailCheck t = check(path, head);
        QVERIFY(t.chain.intact);
        QVERIFY(!t.headFound);
        QVERIFY(!t.intact());
        // The row digests still list the review: its removal shows without the head too.
        QVERIFY(!check(path).intact());
        // An attacker who also removes the review's row digest leaves a consistent, shorter
        // case: only the head kept outside the file tells.
        test::tamper(path, QStringLiteral("DELETE FROM audit_rows WHERE section = 'reviews';"));
        QVERIFY(!check(path, head).intact());
        QVERIFY(check(path).intact());
    }
};

QTEST_GUILESS_MAIN(TestTamper)
#include "tst_tamper.moc"
