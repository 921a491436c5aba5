// Golden tests of the query language's grammar: valid queries with their canonical printed
// syntax tree, invalid ones with their exact message, caret and position.

#include "query/parser.h"
#include "query/termtext.h"

#include <QTest>

using namespace netcase;
using namespace netcase::query;

class TestQueryParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valid_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("printed");
        const auto row = [](const char *q, const char *p) {
            QTest::newRow(q) << QString::fromUtf8(q) << QString::fromUtf8(p);
        };
        row("", "(all)");
        row("   ", "(all)");
        row("user:alice", "[user.name = \"alice\"]");
        row("user.name:alice", "[user.name = \"alice\"]");
        row("related.user:alice", "[user.name = \"alice\"]");
        row("user:\"Alice Smith\"", "[user.name = \"Alice Smith\"]");
        row("user:*", "[user.name exists]");
        row("tag:phishing", "[tags = \"phishing\"]");
        row("tags:ph*", "[tags glob \"ph*\"]");
        row("tag:/^case-/", "[tags regex /^case-/]");
        row("tag:*", "[tags exists]");
        row("is:starred", "[is = \"starred\"]");
        row("is!=starred", "(not [is = \"starred\"])");
        row("status>=400", "[http.response.status_code >= 400]");
        row("status:404", "[http.response.status_code = 404]");
        row("status=404", "[http.response.status_code = 404]");
        row("status!=200", "(not [http.response.status_code = 200])");
        row("bytes>1000000", "[http.response.body.bytes > 1000000]");
        row("http.response.status_code<500", "[http.response.status_code < 500]");
        row("dport<=1024", "[destination.port <= 1024]");
        row("ip:10.0.0.0/8", "[related.ip in 10.0.0.0/8]");
        row("ip:10.1.2.3/8", "[related.ip in 10.0.0.0/8]");
        row("ip:192.168.1.7", "[related.ip = \"192.168.1.7\"]");
        row("src:2001:DB8:0::1", "[source.ip = \"2001:db8::1\"]");
        row("ip:2001:db8::/32", "[related.ip in 2001:db8::/32]");
        row("dst:2001:db8:ffff::1/33", "[destination.ip in 2001:db8:8000::/33]");
        row("client:10.0.0.*", "[client.ip glob \"10.0.0.*\"]");
        row("ip:/^10\\./", "[related.ip regex /^10\\./]");
        row("path:/admin*", "[url.original glob \"/admin*\"]");
        row("path:/a\\*b*", "[url.original glob \"/a[*]b*\"]");
        row("path:\"/a*b\"", "[url.original = \"/a*b\"]");
        row("path:/", "[url.original = \"/\"]");
        row("ua:/python-requests.*/", "[user_agent.original regex /python-requests.*/]");
        row("ua:/Mozilla\\/5.0 \\(X11/", "[user_agent.original regex /Mozilla\\/5.0 \\(X11/]");
        row("method:POST", "[http.request.method = \"POST\"]");
        row("outcome:failure", "[event.outcome = failure]");
        row("@timestamp>=2024-01-20T05:00", "[@timestamp >= 2024-01-20T05:00:00.000000Z]");
        row("time<2024-01-20T05:00:00+02:00", "[@timestamp < 2024-01-20T03:00:00.000000Z]");
        row("time:2024-01-20",
            "[@timestamp in 2024-01-20T00:00:00.000000Z..2024-01-21T00:00:00.000000Z]");
        row("time:2024-01-20T05:00",
            "[@timestamp in 2024-01-20T05:00:00.000000Z..2024-01-20T05:01:00.000000Z]");
        row("time:2024-01-20T05:00:07Z",
            "[@timestamp in 2024-01-20T05:00:07.000000Z..2024-01-20T05:00:08.000000Z]");
        row("country:RU", "[related.geo.country_iso_code = \"RU\"]");
        row("asn:AS15169", "[related.as.number = 15169]");
        row("asn>=64512", "[related.as.number >= 64512]");
        row("source:access.log", "[log.file.path = \"access.log\"]");
        row("file:*.log", "[log.file.path glob \"*.log\"]");
        row("error", "[raw word \"error\"]");
        row("and", "[raw word \"and\"]");
        row("\\AND", "[raw word \"AND\"]");
        row("fe80::1", "[raw word \"fe80::1\"]");
        row("\"exact phrase\"", "[raw phrase \"exact phrase\"]");
        row("\"say \\\"hi\\\"\"", "[raw phrase \"say \\\"hi\\\"\"]");
        row("/curl\\/[0-9]+/", "[raw regex /curl\\/[0-9]+/]");
        row("/admin", "[raw word \"/admin\"]");
        row("NOT user:alice", "(not [user.name = \"alice\"])");
        row("NOT NOT a", "(not (not [raw word \"a\"]))");
        row("user:alice status:404",
            "(and [user.name = \"alice\"] [http.response.status_code = 404])");
        row("user:alice AND status:404",
            "(and [user.name = \"alice\"] [http.response.status_code = 404])");
        row("a OR b c", "(or [raw word \"a\"] (and [raw word \"b\"] [raw word \"c\"]))");
        row("(a OR b) c", "(and (or [raw word \"a\"] [raw word \"b\"]) [raw word \"c\"])");
        row("a OR b OR c", "(or [raw word \"a\"] [raw word \"b\"] [raw word \"c\"])");
        row("a AND (b AND c)", "(and [raw word \"a\"] [raw word \"b\"] [raw word \"c\"])");
        row("(user:a OR user:b) NOT status:200",
            "(and (or [user.name = \"a\"] [user.name = \"b\"]) (not "
            "[http.response.status_code = 200]))");
        row("NOT a b", "(and (not [raw word \"a\"]) [raw word \"b\"])");
    }

    void valid()
    {
        QFETCH(QString, query);
        QFETCH(QString, printed);
        const Parsed p = parse(query.toStdString());
        QVERIFY2(p.ok(), p.error ? p.error->message.c_str() : "");
        QCOMPARE(QString::fromStdString(printAst(p.root.get())), printed);
    }

    void invalid_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("message");
        const auto row = [](const char *q, int pos, const char *m) {
            QTest::newRow(q) << QString::fromUtf8(q) << pos << QString::fromUtf8(m);
        };
        row("user:", 5, "expected a value after 'user:'");
        row("user: alice", 5, "expected a value after 'user:'");
        row("status>=abc", 8, "expected a whole number for http.response.status_code, found 'abc'");
        row("(user:a", 7,
            "expected ')' to close the '(' at character 1, found the end of the query");
        row("user:a)", 6, "unexpected ')': there is no '(' to close");
        row("user:alice)x", 10, "unexpected ')': there is no '(' to close");
        row("user:a AND", 10, "expected a term after AND, found the end of the query");
        row("a OR OR b", 5, "expected a term after OR, found OR");
        row("OR a", 0, "expected a term, found OR");
        row("NOT", 3, "expected a term after NOT, found the end of the query");
        row("()", 1, "expected a term inside '(', found ')'");
        row("( AND a)", 2, "expected a term after '(', found AND");
        row("foo:bar", 0,
            "unknown field 'foo' (netcase help query lists the fields; put text in quotes to "
            "search for it)");
        row("is:pretty", 3,
            "expected starred, tagged, commented or noted after 'is:', found "
            "'pretty'");
        row("is>=starred", 0, "'>=' compares numbers and times; is takes ':'");
        row("tag>=x", 0, "'>=' compares numbers and times; tags takes ':'");
        row("\"abc", 0, "this phrase has no closing '\"'");
        row("user:\"abc", 5, "this phrase has no closing '\"'");
        row("ip:10.0.0.0/33", 3,
            "expected an address range such as 10.0.0.0/8 or 2001:db8::/32 for related.ip, found "
            "'10.0.0.0/33'");
        row("src:abc", 4,
            "expected an IP address, a range such as 10.0.0.0/8 or a pattern such as 10.1.* for "
            "source.ip, found 'abc'");
        row("user>=alice", 0, "'>=' compares numbers and times; user.name takes ':'");
        row("time:yesterday", 5,
            "expected a time such as 2024-01-20T05:00 or 2024-01-20 for @timestamp, found "
            "'yesterday'");
        row("outcome:maybe", 8,
            "expected success, failure or unknown for event.outcome, found 'maybe'");
        row("status:/4.*/", 7,
            "a regular expression needs a text or address field; http.response.status_code is "
            "not one");
        row("ua:/([a-z/", 3, "invalid regular expression: missing ]: [a-z");
        row("/a(/", 0, "invalid regular expression: missing ): a(");
        row("ü user:", 7, "expected a value after 'user:'");
    }

    void invalid()
    {
        QFETCH(QString, query);
        QFETCH(int, position);
        QFETCH(QString, message);
        const std::string text = query.toStdString();
        const Parsed p = parse(text);
        QVERIFY2(!p.ok(), printAst(p.root.get()).c_str());
        QCOMPARE(QString::fromStdString(p.error->message), message);
        QCOMPARE(int(p.error->pos), position);
        // The caret sits under the character named.
        const QStringList lines
                = QString::fromStdString(describeError(text, *p.error)).split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], QStringLiteral("at character %1: %2").arg(position + 1).arg(message));
        QCOMPARE(lines[1], QStringLiteral("  ") + query);
        QCOMPARE(lines[2].indexOf(QLatin1Char('^')), position + 2);
    }

    void deepNestingIsAnErrorNotACrash()
    {
        const std::string deep = std::string(100000, '(') + "a" + std::string(100000, ')');
        const Parsed p = parse(deep);
        QVERIFY(!p.ok());
        QCOMPARE(p.error->message, std::string("the query nests deeper than 200 levels"));
        std::string nots;
        for (int i = 0; i < 50000; ++i)
            nots += "NOT ";
        QVERIFY(!parse(nots + "a").ok());
    }

    void pivotTermsParseBack()
    {
        // A value with quotes, backslashes, spaces and wildcards stays one literal term.
        const std::string term = termFor("ua", "a \"quoted\" \\ path/* (x)");
        QCOMPARE(printAst(parse(term).root.get()),
                 std::string("[user_agent.original = \"a \\\"quoted\\\" \\\\ path/* (x)\"]"));
        QCOMPARE(termFor("status", "404", true), std::string("status:404"));
        QCOMPARE(termFor("user", ""), std::string("NOT user:*"));
        QCOMPARE(narrowed("", "user:\"a\""), std::string("user:\"a\""));
        QCOMPARE(narrowed("a OR b  ", "NOT c"), std::string("(a OR b) NOT c"));
        QCOMPARE(narrowed("a b", "c"), std::string("a b c"));
        QCOMPARE(printAst(parse(narrowed("user:x OR user:y", "NOT status:200")).root.get()),
                 std::string("(and (or [user.name = \"x\"] [user.name = \"y\"]) (not "
                             "[http.response.status_code = 200]))"));
    }

    void nulIsRefused()
    {
        const Parsed p = parse(std::string_view("a\0b", 3));
        QVERIFY(!p.ok());
        QCOMPARE(int(p.error->pos), 1);
    }
};

QTEST_GUILESS_MAIN(TestQueryParser)
#include "tst_queryparser.moc"
