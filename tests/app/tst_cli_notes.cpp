// `netcase note` and `netcase notes` end to end: stars, tags (with colours), comments and
// timeline entries written through the command line, listed as text and JSON lines, found by
// `events --query tag:T` and `is:starred`, removed with --remove and --delete, each change an
// audit record, the chain still verifying; bad calls exit with usage errors.

#include "common/jsonschema.h"
#include "common/testutil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace netcase;

class TestCliNotes : public QObject
{
    Q_OBJECT
    QString m_case;

    static QList<QByteArray> lines(const QByteArray &out)
    {
        QList<QByteArray> l = out.split('\n');
        l.removeAll(QByteArray());
        return l;
    }

    static test::Run run(const QStringList &args) { return test::netcase(args); }

    QList<qint64> eventIds(const QString &query)
    {
        QList<qint64> out;
        const auto r = run({QStringLiteral("events"), m_case, QStringLiteral("--query"), query});
        for (const QByteArray &line : lines(r.out))
            out << QJsonDocument::fromJson(line)
                            .object()[QStringLiteral("netcase")][QStringLiteral("event_id")]
                            .toInteger();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_case = test::tempPath(QStringLiteral("notes.netcase"));
        const QString log = test::makeAccessLog(QStringLiteral("notes.log"), 300, 20);
        QCOMPARE(run({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                      QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        QCOMPARE(run({QStringLiteral("import"), m_case, log, QStringLiteral("--no-analyze")})
                         .exitCode,
                 0);
    }

    void starTagCommentAndQuery()
    {
        auto r = run({QStringLiteral("note"), m_case, QStringLiteral("--event"),
                      QStringLiteral("3,5"), QStringLiteral("--event"), QStringLiteral("9"),
                      QStringLiteral("--tag"), QStringLiteral("phishing"),
                      QStringLiteral("--color"), QStringLiteral("red"), QStringLiteral("--analyst"),
                      QStringLiteral("ann")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(lines(r.out).size(), 3);
        QVERIFY(r.out.contains("added note 1 (tag on event 3)"));
        r = run({QStringLiteral("note"), m_case, QStringLiteral("--event"), QStringLiteral("5"),
                 QStringLiteral("--star"), QStringLiteral("--comment"),
                 QStringLiteral("same \u202e account"), QStringLiteral("--analyst"),
                 QStringLiteral("ann")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // Starring again changes nothing and says nothing.
        r = run({QStringLiteral("note"), m_case, QStringLiteral("--event"), QStringLiteral("5"),
                 QStringLiteral("--star")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray());

        QCOMPARE(eventIds(QStringLiteral("tag:phishing")), (QList<qint64>{3, 5, 9}));
        QCOMPARE(eventIds(QStringLiteral("tag:phish* is:starred")), (QList<qint64>{5}));
        QCOMPARE(eventIds(QStringLiteral("is:commented")), (QList<qint64>{5}));
        QCOMPARE(eventIds(QStringLiteral("tag:other")), QList<qint64>{});

        // The list: text (display-safe) and JSON lines.
        r = run({QStringLiteral("notes"), m_case});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(lines(r.out).size(), 5);
        QVERIFY2(r.out.contains("event 3  tag phishing (#d9534f)  by ann"), r.out.constData());
        QVERIFY(!r.out.contains("\u202e")); // the bidi override is shown, not obeyed
        r = run({QStringLiteral("notes"), m_case, QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject first = QJsonDocument::fromJson(lines(r.out).first()).object();
        QCOMPARE(first[QStringLiteral("kind")].toString(), QStringLiteral("tag"));
        QCOMPARE(first[QStringLiteral("color")].toString(), QStringLiteral("#d9534f"));
        QCOMPARE(first[QStringLiteral("event")].toInteger(), 3);
        QVERIFY(first[QStringLiteral("@timestamp")].toString().endsWith(QLatin1Char('Z')));

        // --remove takes a tag off one event.
        r = run({QStringLiteral("note"), m_case, QStringLiteral("--event"), QStringLiteral("9"),
                 QStringLiteral("--tag"), QStringLiteral("phishing"), QStringLiteral("--remove")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("removed note 3"));
        QCOMPARE(eventIds(QStringLiteral("tag:phishing")), (QList<qint64>{3, 5}));

        // Every change is in the audit log, and the chain (with the notes section) verifies.
        r = run({QStringLiteral("audit"), m_case});
        QCOMPARE(r.out.count("note.add"), 3);
        QCOMPARE(r.out.count("note.remove"), 1);
        QCOMPARE(run({QStringLiteral("verify"), m_case}).exitCode, 0);
    }

    void decisionCitesNotedEvents()
    {
        // A factor's evidence: the events carrying the tag (3 and 5 after the removal above).
        auto r = run({QStringLiteral("decide"), m_case, QStringLiteral("--subject"),
                      QStringLiteral("ip:192.0.2.1"), QStringLiteral("--verdict"),
                      QStringLiteral("escalate"), QStringLiteral("--reason"), QStringLiteral("x"),
                      QStringLiteral("--no-prefill"), QStringLiteral("--cite-tag"),
                      QStringLiteral("phishing"), QStringLiteral("--cite-starred"),
                      QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonArray factors
                = QJsonDocument::fromJson(r.out).object()[QStringLiteral("factors")].toArray();
        QCOMPARE(factors.size(), 2);
        QCOMPARE(factors[0].toObject()[QStringLiteral("text")].toString(),
                 QStringLiteral("events tagged phishing"));
        QCOMPARE(factors[0].toObject()[QStringLiteral("evidence")].toArray(), (QJsonArray{3, 5}));
        QCOMPARE(factors[1].toObject()[QStringLiteral("evidence")].toArray(), (QJsonArray{5}));
        r = run({QStringLiteral("decide"), m_case, QStringLiteral("--subject"),
                 QStringLiteral("ip:192.0.2.1"), QStringLiteral("--verdict"),
                 QStringLiteral("escalate"), QStringLiteral("--reason"), QStringLiteral("x"),
                 QStringLiteral("--cite-tag"), QStringLiteral("nothing")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("events tagged nothing: no such events"));
    }

    void reportShowsNotedEventsWithTheirLines()
    {
        const QString json = test::tempPath(QStringLiteral("notes-report.json"));
        auto r = run({QStringLiteral("report"), m_case, QStringLiteral("-o"), json});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
        QFile schemaFile(QStringLiteral(NETCASE_SOURCE_DIR "/docs/report.schema.json"));
        QVERIFY(schemaFile.open(QIODevice::ReadOnly));
        const QStringList problems = test::validateJsonSchema(
                doc, QJsonDocument::fromJson(schemaFile.readAll()).object());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        const QJsonArray noted = doc[QStringLiteral("notes")].toArray();
        QVERIFY(noted.size() >= 2);
        bool tagged = false;
        for (const QJsonValue &v : noted) {
            const QJsonObject o = v.toObject();
            if (o[QStringLiteral("event")].toObject()[QStringLiteral("event_id")].toInteger() != 3)
                continue;
            tagged = o[QStringLiteral("notes")].toArray().first().toObject()[QStringLiteral("kind")]
                             == QStringLiteral("tag")
                     && !o[QStringLiteral("event")]
                                 .toObject()[QStringLiteral("raw")]
                                 .toString()
                                 .isEmpty();
        }
        QVERIFY(tagged);
        const QString html = test::tempPath(QStringLiteral("notes-report.html"));
        r = run({QStringLiteral("report"), m_case, QStringLiteral("-o"), html});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile h(html);
        QVERIFY(h.open(QIODevice::ReadOnly));
        const QByteArray page = h.readAll();
        QVERIFY(page.contains("Notes on events"));
        QVERIFY(page.contains("tag: phishing"));
    }

    void timelineEntry()
    {
        auto r = run({QStringLiteral("note"), m_case, QStringLiteral("--at"),
                      QStringLiteral("2024-01-20T10:05+01:00"), QStringLiteral("--text"),
                      QStringLiteral("user reports phone stolen"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const qint64 id = QJsonDocument::fromJson(lines(r.out).first())
                                  .object()[QStringLiteral("id")]
                                  .toInteger();
        r = run({QStringLiteral("notes"), m_case});
        QVERIFY2(r.out.contains("2024-01-20 09:05:00.000  entry  user reports phone stolen"),
                 r.out.constData());
        r = run({QStringLiteral("note"), m_case, QStringLiteral("--delete"), QString::number(id)});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!run({QStringLiteral("notes"), m_case}).out.contains("phone stolen"));
    }

    void badCalls_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        const QString e = QStringLiteral("--event");
        QTest::newRow("nothing") << QStringList{} << QByteArray("give --event ID");
        QTest::newRow("no kind") << QStringList{e, QStringLiteral("1")}
                                 << QByteArray("give --event ID");
        QTest::newRow("unknown event")
                << QStringList{e, QStringLiteral("999999"), QStringLiteral("--star")}
                << QByteArray("there is no event 999999");
        QTest::newRow("bad id") << QStringList{e, QStringLiteral("x"), QStringLiteral("--star")}
                                << QByteArray("--event takes event ids");
        QTest::newRow("empty tag")
                << QStringList{e, QStringLiteral("1"), QStringLiteral("--tag"), QStringLiteral(" ")}
                << QByteArray("a tag needs its text");
        QTest::newRow("bad colour") << QStringList{e,
                                                   QStringLiteral("1"),
                                                   QStringLiteral("--tag"),
                                                   QStringLiteral("x"),
                                                   QStringLiteral("--color"),
                                                   QStringLiteral("octarine")}
                                    << QByteArray("'octarine' is not a colour");
        QTest::newRow("entry without text")
                << QStringList{QStringLiteral("--at"), QStringLiteral("2024-01-20")}
                << QByteArray("needs --at TIME and --text TEXT");
        QTest::newRow("bad time") << QStringList{QStringLiteral("--at"), QStringLiteral("soon"),
                                                 QStringLiteral("--text"), QStringLiteral("x")}
                                  << QByteArray("--at");
    }

    void badCalls()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const auto r = run(QStringList{QStringLiteral("note"), m_case} + args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(message), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliNotes)
#include "tst_cli_notes.moc"
