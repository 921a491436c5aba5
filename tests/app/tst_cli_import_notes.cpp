// `netcase import` tells per source the time span its events landed in and, in indented notes,
// how a year or zone the file did not carry was chosen (RFC 3164 syslog has neither); the same
// goes into --json as first, last and notes. A file whose stamps carry both gets no such note.

#include "common/testutil.h"

#include <nlohmann/json.hpp>

#include <QDateTime>
#include <QFile>
#include <QTest>

using namespace netcase;

namespace {

QString writeFile(const QString &name, const QByteArray &text)
{
    const QString path = test::tempPath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(text);
    return path;
}

// Jan 1 is never "in the future", so the inferred year is this year (UTC).
const QByteArray kBsdSyslog
        = "Jan  1 08:00:00 bastion sshd[4242]: Failed password for root from 203.0.113.7 port "
          "52100 ssh2\n"
          "Jan  1 11:59:30 bastion sshd[4243]: Accepted password for deploy from 198.51.100.20 "
          "port 52200 ssh2\n";

QString newCase(const QString &name)
{
    const QString path = test::tempPath(name);
    return test::netcase({QStringLiteral("new"), path, QStringLiteral("--authorization"),
                          QStringLiteral("TEST-1")})
                                   .exitCode
                           == 0
                   ? path
                   : QString();
}

} // namespace

class TestCliImportNotes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void yearlessSyslogSaysWhatItAssumed()
    {
        const QString log = writeFile(QStringLiteral("auth.log"), kBsdSyslog);
        const QString kase = newCase(QStringLiteral("bsd.netcase"));
        QVERIFY(!kase.isEmpty());
        const auto r = test::netcase(
                {QStringLiteral("import"), kase, log, QStringLiteral("--no-analyze")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString out = QString::fromUtf8(r.out);
        const QString year = QString::number(QDateTime::currentDateTimeUtc().date().year());
        QVERIFY2(out.contains(QStringLiteral("auth.log  syslog  2 events  0 rejects  "
                                             "%1-01-01 08:00 \u2013 %1-01-01 11:59 UTC\n")
                                      .arg(year)),
                 r.out.constData());
        QVERIFY2(out.contains(QStringLiteral("\n  year not in the file: assumed %1 (counting back "
                                             "from today; use --year to set it)\n")
                                      .arg(year)),
                 r.out.constData());
        QVERIFY2(
                out.contains(QStringLiteral("\n  times without a zone read as UTC (--timezone)\n")),
                r.out.constData());
    }

    void givenYearAndZoneAreNamedAndApplied()
    {
        const QString log = writeFile(QStringLiteral("auth-berlin.log"), kBsdSyslog);
        const QString kase = newCase(QStringLiteral("berlin.netcase"));
        QVERIFY(!kase.isEmpty());
        const auto r = test::netcase({QStringLiteral("import"), kase, log, QStringLiteral("--year"),
                                      QStringLiteral("2024"), QStringLiteral("--timezone"),
                                      QStringLiteral("Europe/Berlin"), QStringLiteral("--json"),
                                      QStringLiteral("--no-analyze")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto j = nlohmann::json::parse(r.out.toStdString());
        const auto &s = j["sources"][0];
        // Berlin is UTC+1 in January.
        QCOMPARE(s["first"].get<std::string>(), std::string("2024-01-01T07:00:00.000000Z"));
        QCOMPARE(s["last"].get<std::string>(), std::string("2024-01-01T10:59:30.000000Z"));
        const auto notes = s["notes"].get<std::vector<std::string>>();
        QCOMPARE(notes.size(), size_t(2));
        QCOMPARE(notes[0], std::string("year not in the file: 2024 as given by --year"));
        QCOMPARE(notes[1], std::string("times without a zone read as Europe/Berlin (--timezone)"));
    }

    void isoStampsNeedNoNote()
    {
        const QString log = writeFile(
                QStringLiteral("auth5424.log"),
                "<38>1 2024-03-01T12:00:00Z bastion sshd 4242 - - Failed password for root from "
                "203.0.113.7 port 52100 ssh2\n"
                "<38>1 2024-03-01T12:30:00+02:00 bastion sshd 4243 - - Accepted password for "
                "deploy from 198.51.100.20 port 52200 ssh2\n");
        const QString kase = newCase(QStringLiteral("iso.netcase"));
        QVERIFY(!kase.isEmpty());
        const auto r
                = test::netcase({QStringLiteral("import"), kase, log, QStringLiteral("--format"),
                                 QStringLiteral("syslog"), QStringLiteral("--no-analyze")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains(QStringLiteral("auth5424.log  syslog  2 events  0 rejects  "
                                             "2024-03-01 10:30 \u2013 2024-03-01 12:00 UTC\n")),
                 r.out.constData());
        QVERIFY2(!out.contains(QStringLiteral("year not in the file")), r.out.constData());
        QVERIFY2(!out.contains(QStringLiteral("without a zone")), r.out.constData());

        const QString kase2 = newCase(QStringLiteral("iso2.netcase"));
        const auto js = test::netcase({QStringLiteral("import"), kase2, log,
                                       QStringLiteral("--format"), QStringLiteral("syslog"),
                                       QStringLiteral("--json"), QStringLiteral("--no-analyze")});
        QVERIFY2(js.exitCode == 0, js.err.constData());
        const auto j = nlohmann::json::parse(js.out.toStdString());
        QVERIFY(j["sources"][0]["notes"].is_array());
        QVERIFY(j["sources"][0]["notes"].empty());
        QCOMPARE(j["sources"][0]["first"].get<std::string>(),
                 std::string("2024-03-01T10:30:00.000000Z"));
    }

    void csvTimesWithoutOffsetAreNoted()
    {
        const QString log
                = writeFile(QStringLiteral("vpn.csv"), "time,src_ip\n"
                                                       "2024-03-01 12:00:00,203.0.113.7\n"
                                                       "2024-03-01T13:00:00Z,203.0.113.8\n");
        const QString kase = newCase(QStringLiteral("csv.netcase"));
        QVERIFY(!kase.isEmpty());
        const auto r
                = test::netcase({QStringLiteral("import"), kase, log, QStringLiteral("--format"),
                                 QStringLiteral("csv"), QStringLiteral("--timezone"),
                                 QStringLiteral("America/New_York"), QStringLiteral("--json"),
                                 QStringLiteral("--no-analyze")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto j = nlohmann::json::parse(r.out.toStdString());
        const auto &s = j["sources"][0];
        QCOMPARE(s["events"].get<int>(), 2);
        QCOMPARE(s["first"].get<std::string>(), std::string("2024-03-01T13:00:00.000000Z"));
        QCOMPARE(s["last"].get<std::string>(), std::string("2024-03-01T17:00:00.000000Z"));
        const auto notes = s["notes"].get<std::vector<std::string>>();
        QCOMPARE(notes, (std::vector<std::string>{
                                "no --mapping given: columns chosen @timestamp = time, source.ip "
                                "= src_ip",
                                "times without a zone read as America/New_York (--timezone)"}));
    }

    void rejectsAreCountedByKind()
    {
        // Two unreadable status codes and one impossible day: the summary says which kinds, in
        // words and in --json, so an analyst sees at once whether the time format is misread.
        const QByteArray lines
                = "203.0.113.7 - - [10/Oct/2024:13:55:36 +0000] \"GET / HTTP/1.1\" 200 512 \"-\" "
                  "\"curl/8\"\n"
                  "203.0.113.7 - - [10/Oct/2024:13:55:37 +0000] \"GET /a HTTP/1.1\" 200 512 \"-\" "
                  "\"curl/8\"\n"
                  "203.0.113.8 - - [10/Oct/2024:13:55:38 +0000] \"GET /b HTTP/1.1\" 200 512 \"-\" "
                  "\"curl/8\"\n"
                  "203.0.113.7 - - [99/Oct/2024:13:55:37 +0000] \"GET /b HTTP/1.1\" 200 512 \"-\" "
                  "\"curl/8\"\n"
                  "203.0.113.7 - - [10/Oct/2024:13:55:38 +0000] \"GET /c HTTP/1.1\" 2x0 512 \"-\" "
                  "\"curl/8\"\n"
                  "203.0.113.7 - - [10/Oct/2024:13:55:39 +0000] \"GET /d HTTP/1.1\" 2x0 512 \"-\" "
                  "\"curl/8\"\n";
        const QString log = writeFile(QStringLiteral("kinds.log"), lines);
        const QString kase = newCase(QStringLiteral("kinds.netcase"));
        QVERIFY(!kase.isEmpty());
        const auto r = test::netcase(
                {QStringLiteral("import"), kase, log, QStringLiteral("--no-analyze")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(QString::fromUtf8(r.out).contains(
                         QStringLiteral("kinds.log  apache  3 events  3 rejects (2 unreadable "
                                        "values, 1 unreadable time)  ")),
                 r.out.constData());

        const QString again = newCase(QStringLiteral("kinds-json.netcase"));
        const auto j = test::netcase({QStringLiteral("import"), again, log,
                                      QStringLiteral("--no-analyze"), QStringLiteral("--json")});
        QVERIFY2(j.exitCode == 0, j.err.constData());
        const auto doc = nlohmann::json::parse(j.out.toStdString());
        const auto &kinds = doc["sources"][0]["rejects_by_kind"];
        QCOMPARE(kinds.size(), size_t(2));
        QCOMPARE(kinds.value("bad_value", 0), 2);
        QCOMPARE(kinds.value("bad_time", 0), 1);
    }

    void sourceWithoutEventsHasNoSpan()
    {
        const QString log = writeFile(QStringLiteral("junk.log"), "not a syslog line\n");
        const QString kase = newCase(QStringLiteral("junk.netcase"));
        QVERIFY(!kase.isEmpty());
        const auto r = test::netcase({QStringLiteral("import"), kase, log,
                                      QStringLiteral("--format"), QStringLiteral("syslog"),
                                      QStringLiteral("--json"), QStringLiteral("--no-analyze")});
        const auto j = nlohmann::json::parse(r.out.toStdString());
        const auto &s = j["sources"][0];
        QCOMPARE(s["events"].get<int>(), 0);
        QVERIFY(!s.contains("first"));
        QVERIFY(!s.contains("last"));
    }
};

QTEST_GUILESS_MAIN(TestCliImportNotes)
#include "tst_cli_import_notes.moc"
