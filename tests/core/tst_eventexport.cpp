// The Timesketch and Elasticsearch bulk lines of an event's ECS document (core/eventexport.h).

#include "core/eventdoc.h"
#include "core/eventexport.h"
#include "core/timeutil.h"

#include <QtTest>

using namespace netcase;

class TestEventExport : public QObject
{
    Q_OBJECT

private:
    static nlohmann::json doc()
    {
        Event e;
        e.timestampUs = toEpochUs(2026, 10, 6, 16, 0, 0, 123456);
        e.action = "ssh_login";
        e.outcome = Outcome::Failure;
        e.userName = "root";
        e.sourceIp = "203.0.113.9";
        e.statusCode = 401;
        return eventDocument(e);
    }

private Q_SLOTS:
    void timesketchHasItsRequiredFields()
    {
        const auto lines = exportLines(doc(), "timesketch");
        QCOMPARE(lines.size(), size_t(1));
        const auto &l = lines[0];
        QCOMPARE(l["datetime"].get<std::string>(), std::string("2026-10-06T16:00:00.123456Z"));
        QCOMPARE(l["timestamp_desc"].get<std::string>(), std::string("Event Time"));
        QCOMPARE(l["message"].get<std::string>(),
                 std::string("ssh_login failure user=root from 203.0.113.9"));
        // Fields flattened to their dotted ECS names, values kept.
        QCOMPARE(l["source.ip"].get<std::string>(), std::string("203.0.113.9"));
        QCOMPARE(l["http.response.status_code"].get<int>(), 401);
        QVERIFY(!l.contains("source"));
    }

    void bulkIsActionThenDocument()
    {
        const auto lines = exportLines(doc(), "ecs-bulk");
        QCOMPARE(lines.size(), size_t(2));
        QCOMPARE(lines[0]["index"]["_index"].get<std::string>(), std::string("netcase-events"));
        QCOMPARE(lines[1], doc());
    }

    void ecsIsTheDocument()
    {
        QCOMPARE(exportLines(doc(), "ecs"), std::vector<nlohmann::json>{doc()});
    }
};

QTEST_GUILESS_MAIN(TestEventExport)
#include "tst_eventexport.moc"
