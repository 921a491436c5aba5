// Variants of formats that were already read (issue 25): old Linux-PAM syslog tags, sudo's
// ruser, Zeek JSON with underscore names, and the generic CSV/JSON importers' guessed columns
// with the note that says which they chose.

#include "api/registry.h"
#include "common/impcloud_golden.h"
#include "tabular/fieldmapping.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

namespace {

struct NoteSink : CollectingSink
{
    std::vector<std::string> notes;
    void note(std::string_view t) override { notes.emplace_back(t); }
};

const Importer &imp(const char *name)
{
    return *findImporter(QString::fromLatin1(name));
}

} // namespace

class TestFormatVariants : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oldPamTag()
    {
        CollectingSink sink;
        ImportOptions opt;
        opt.year = 2005;
        QVERIFY(parseBytes(imp("syslog"),
                           "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; "
                           "logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 \n"
                           "Jun 15 02:04:59 combo sshd(pam_unix)[20882]: authentication failure; "
                           "logname= uid=0 euid=0 tty=NODEVssh ruser= "
                           "rhost=220-135-151-1.hinet-ip.hinet.net  user=root\n",
                           sink, opt)
                        .ok());
        QCOMPARE(sink.events.size(), size_t(2));
        QCOMPARE(sink.events[0].category, std::string("authentication"));
        QCOMPARE(sink.events[0].outcome, Outcome::Failure);
        QCOMPARE(sink.events[0].sourceIp, std::string("218.188.2.4"));
        QCOMPARE(sink.events[1].userName, std::string("root"));
        QCOMPARE(sink.events[1].sourceDomain, std::string("220-135-151-1.hinet-ip.hinet.net"));
    }

    void sudoActingUserIsRuser()
    {
        CollectingSink sink;
        ImportOptions opt;
        opt.year = 2024;
        QVERIFY(parseBytes(imp("syslog"),
                           "Mar  1 08:00:00 host sudo: pam_unix(sudo:auth): authentication "
                           "failure; logname=alice uid=1000 euid=0 tty=/dev/pts/0 ruser=alice "
                           "rhost=  user=root\n",
                           sink, opt)
                        .ok());
        QCOMPARE(sink.events.size(), size_t(1));
        QCOMPARE(sink.events[0].userName, std::string("alice"));
        const auto labels = nlohmann::json::parse(sink.events[0].labels);
        QCOMPARE(labels["target_user"].get<std::string>(), std::string("root"));
    }

    void zeekJsonUnderscoreNames()
    {
        const QByteArray line = "{\"_path\":\"conn\",\"ts\":1709280000.5,\"uid\":\"C1\","
                                "\"id_orig_h\":\"192.0.2.1\",\"id_orig_p\":50000,"
                                "\"id_resp_h\":\"198.51.100.2\",\"id_resp_p\":22,"
                                "\"proto\":\"tcp\"}\n";
        QCOMPARE(detectedName(line), QStringLiteral("zeek-json"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("zeek-json"), line.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(1));
        QCOMPARE(sink.events[0].sourceIp, std::string("192.0.2.1"));
        QCOMPARE(sink.events[0].destinationPort, 22);
    }

    void zeekJsonWrappedByLogType()
    {
        const QByteArray line = "{\"conn\":{\"ts\":1709280000.5,\"uid\":\"C1\","
                                "\"id.orig_h\":\"192.0.2.1\",\"id.orig_p\":50000,"
                                "\"id.resp_h\":\"198.51.100.2\",\"id.resp_p\":22,"
                                "\"proto\":\"tcp\"}}\n";
        QCOMPARE(detectedName(line), QStringLiteral("zeek-json"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp("zeek-json"), line.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(1));
        QCOMPARE(sink.events[0].sourceIp, std::string("192.0.2.1"));
        QCOMPARE(sink.events[0].action, std::string("connection")); // the conn log, by its wrapper
    }

    void guessedColumnsOfCommonExports()
    {
        const FieldMapping sentinel = FieldMapping::guess(
                {"TenantId", "TimeGenerated", "IPAddress", "UserPrincipalName", "ResultType"});
        QCOMPARE(sentinel.fields.at("@timestamp"), std::string("TimeGenerated"));
        QCOMPARE(sentinel.fields.at("source.ip"), std::string("IPAddress"));
        QCOMPARE(sentinel.fields.at("user.name"), std::string("UserPrincipalName"));
        for (const char *time : {"CreationTime", "eventTime", "EventTime", "FlowStartTime",
                                 "Event DateTime", "published", "ts"})
            QCOMPARE(FieldMapping::guess({"x", time}).fields.at("@timestamp"), std::string(time));
        const FieldMapping nested
                = FieldMapping::guess({"properties.TimeGenerated", "properties.ClientIPAddress"});
        QCOMPARE(nested.fields.at("@timestamp"), std::string("properties.TimeGenerated"));
        QCOMPARE(nested.fields.at("source.ip"), std::string("properties.ClientIPAddress"));
    }

    void importSaysWhichColumnsItChose()
    {
        NoteSink sink;
        QVERIFY(parseBytes(imp("csv"),
                           "TimeGenerated,ClientIPAddress,UserId\n"
                           "1709280000123,192.0.2.7,ann\n1709280001,192.0.2.8,bob\n",
                           sink)
                        .ok());
        QCOMPARE(sink.events.size(), size_t(2));
        // Epoch milliseconds and seconds, told apart by magnitude.
        QCOMPARE(sink.events[0].timestampUs, std::int64_t(1709280000123000));
        QCOMPARE(sink.events[1].timestampUs, std::int64_t(1709280001000000));
        QCOMPARE(sink.events[0].userName, std::string("ann"));
        QCOMPARE(sink.notes.size(), size_t(1));
        QCOMPARE(sink.notes[0], std::string("no --mapping given: columns chosen @timestamp = "
                                            "TimeGenerated, source.ip = ClientIPAddress, "
                                            "user.name = UserId"));
    }
};

QTEST_GUILESS_MAIN(TestFormatVariants)
#include "tst_formatvariants.moc"
