// core/csv.h, the one in-memory CSV reader: RFC 4180 quoting, any delimiter, line ends. The
// writer is tested with the table export (tests/model/tst_tableexport.cpp).

#include "core/csv.h"

#include <QTest>

using namespace netcase;

using Fields = std::vector<std::string>;

class TestCsv : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void splitLine()
    {
        QCOMPARE(csv::splitLine("a,b,,c"), (Fields{"a", "b", "", "c"}));
        QCOMPARE(csv::splitLine(""), Fields{""});
        QCOMPARE(csv::splitLine("\"x, y\",\"say \"\"hi\"\"\",z"),
                 (Fields{"x, y", "say \"hi\"", "z"}));
        QCOMPARE(csv::splitLine("a;\"b;c\";d", ';'), (Fields{"a", "b;c", "d"}));
        QCOMPARE(csv::splitLine("a\tb c", '\t'), (Fields{"a", "b c"}));
        // The line end a reader left on the line is dropped; inside quotes it is data.
        QCOMPARE(csv::splitLine("a,b\r\n"), (Fields{"a", "b"}));
        QCOMPARE(csv::splitLine("\"a\r\nb\",c"), (Fields{"a\r\nb", "c"}));
        // A quote inside an unquoted field is text; an unclosed quote runs to the end.
        QCOMPARE(csv::splitLine("5\" disk,x"), (Fields{"5\" disk", "x"}));
        QCOMPARE(csv::splitLine("\"open,x"), Fields{"open,x"});
        QCOMPARE(csv::splitLine("\"\",\"\""), (Fields{"", ""}));
        std::vector<std::string> reused{"old"};
        csv::splitLine("1,2", reused);
        QCOMPARE(reused, (Fields{"1", "2"}));
    }

    void records()
    {
        const auto rows = csv::records("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\nz,\n");
        QCOMPARE(rows.size(), size_t(3));
        QCOMPARE(rows[0], (Fields{"a", "b"}));
        QCOMPARE(rows[1], (Fields{"x, y", "say \"hi\""}));
        QCOMPARE(rows[2], (Fields{"z", ""}));
        // A lone CR ends a record too; a quoted line break does not; no final line end needed.
        const auto more = csv::records("a;b\r\"c\nd\";e\r\n\r\n;\n\"\"", ';');
        QCOMPARE(more.size(), size_t(4));
        QCOMPARE(more[0], (Fields{"a", "b"}));
        QCOMPARE(more[1], (Fields{"c\nd", "e"}));
        QCOMPARE(more[2], (Fields{"", ""}));
        QCOMPARE(more[3], Fields{""});
        QVERIFY(csv::records("").empty());
        QVERIFY(csv::records("\n\r\n\r").empty());
    }
};

QTEST_GUILESS_MAIN(TestCsv)
#include "tst_csv.moc"
