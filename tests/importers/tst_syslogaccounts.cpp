// Account changes and sshd's "PAM: ... for illegal user" messages in syslog (issue 25): the
// golden file from gen_morelogs.py, and the forms field by field.

#include "api/registry.h"
#include "common/impcloud_golden.h"
#include "common/implogs_case.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestSyslogAccounts : public QObject
{
    Q_OBJECT

private:
    const Importer &imp() { return *findImporter(QStringLiteral("syslog")); }

    Event one(const std::string &message)
    {
        CollectingSink sink;
        const std::string line = "2024-03-01T08:00:00+00:00 web01 " + message + "\n";
        if (!parseBytes(imp(), line, sink).ok() || sink.events.size() != 1)
            return {};
        return sink.events[0];
    }

private Q_SLOTS:
    void golden()
    {
        const QString path = netlogInput(QStringLiteral("syslog-accounts"),
                                         QStringLiteral("syslog/accounts.log"), 12,
                                         QStringLiteral("gen_morelogs.py"));
        QVERIFY(!path.isEmpty());
        const QByteArray in = readAll(path);
        QCOMPARE(detectedName(in), QStringLiteral("syslog"));
        CollectingSink sink;
        QVERIFY(parseBytes(imp(), in.toStdString(), sink).ok());
        QCOMPARE(sink.events.size(), size_t(13));
        QCOMPARE(sink.rejects.size(), size_t(0));
        QCOMPARE(sink.events.back().category, std::string("host")); // no name: kept as text
        QVERIFY(matchesGolden(renderEcsLines(sink),
                              QStringLiteral("syslog/accounts.expected.jsonl")));
    }

    void useradd()
    {
        const Event e = one("useradd[812]: new user: name=bob, UID=1001, GID=1001, "
                            "home=/home/bob, shell=/bin/bash");
        QCOMPARE(e.category, std::string("iam"));
        QCOMPARE(e.action, std::string("user_created"));
        QCOMPARE(e.userName, std::string("bob"));
        QCOMPARE(e.outcome, Outcome::Success);
        QVERIFY(e.labels.find("\"user_id\":\"1001\"") != std::string::npos);
        QVERIFY(e.labels.find("\"shell\":\"/bin/bash\"") != std::string::npos);
    }

    void failedUseradd()
    {
        const Event e = one("useradd[812]: failed adding user 'bob', data deleted");
        QCOMPARE(e.action, std::string("user_created"));
        QCOMPARE(e.outcome, Outcome::Failure);
        QCOMPARE(e.userName, std::string("bob"));
    }

    void groupadd()
    {
        const Event e = one("groupadd[813]: new group: name=devs, GID=1002");
        QCOMPARE(e.action, std::string("group_created"));
        QVERIFY(e.userName.empty());
        QVERIFY(e.labels.find("\"group_name\":\"devs\"") != std::string::npos);
        const Event m = one("usermod[9]: add 'bob' to shadow group 'sudo'");
        QCOMPARE(m.action, std::string("user_added_to_group"));
        QCOMPARE(m.userName, std::string("bob"));
        QVERIFY(m.labels.find("\"group_name\":\"sudo\"") != std::string::npos);
    }

    void pamIllegalUser()
    {
        const Event e = one("sshd[4711]: PAM: User not known to the underlying authentication "
                            "module for illegal user admin from 203.0.113.9");
        QCOMPARE(e.category, std::string("authentication"));
        QCOMPARE(e.action, std::string("ssh_login"));
        QCOMPARE(e.outcome, Outcome::Failure);
        QCOMPARE(e.userName, std::string("admin"));
        QCOMPARE(e.sourceIp, std::string("203.0.113.9"));
        QVERIFY(e.labels.find("\"invalid_user\":true") != std::string::npos);
        const Event h = one("sshd[4711]: PAM: Authentication failure for root from "
                            "host-7.example.net");
        QCOMPARE(h.outcome, Outcome::Failure);
        QCOMPARE(h.userName, std::string("root"));
        QCOMPARE(h.sourceDomain, std::string("host-7.example.net"));
        QVERIFY(h.sourceIp.empty());
    }
};

QTEST_GUILESS_MAIN(TestSyslogAccounts)
#include "tst_syslogaccounts.moc"
