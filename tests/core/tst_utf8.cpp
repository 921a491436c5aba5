// UTF-8 repair of log text (model/core/utf8.h): well-formed text is kept byte for byte, every
// byte that does not start a well-formed sequence becomes U+FFFD.

#include "core/event.h"
#include "core/utf8.h"

#include <QTest>

using namespace netcase;

namespace {
const std::string kR = "\xEF\xBF\xBD";
}

class TestUtf8 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void repaired_data()
    {
        QTest::addColumn<QByteArray>("in");
        QTest::addColumn<QByteArray>("out");
        const QByteArray r = QByteArray::fromStdString(kR);
        QTest::newRow("ascii") << QByteArray("Mozilla/5.0 (X11)")
                               << QByteArray("Mozilla/5.0 (X11)");
        QTest::newRow("multibyte") << QByteArray("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80")
                                   << QByteArray("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
        QTest::newRow("ff fe") << QByteArray("curl\xff\xfe") << QByteArray("curl") + r + r;
        QTest::newRow("lone continuation") << QByteArray("a\x80z") << "a" + r + "z";
        QTest::newRow("truncated") << QByteArray("ab\xE2\x82") << "ab" + r + r;
        QTest::newRow("overlong slash") << QByteArray("\xC0\xAF") << r + r;
        QTest::newRow("overlong 3") << QByteArray("\xE0\x80\xAF") << r + r + r;
        QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << r + r + r;
        QTest::newRow("past U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << r + r + r + r;
        QTest::newRow("long ascii then bad")
                << QByteArray(40, 'x') + QByteArray("\xff") << QByteArray(40, 'x') + r;
    }

    void repaired()
    {
        QFETCH(QByteArray, in);
        QFETCH(QByteArray, out);
        const std::string s = in.toStdString();
        const std::string fixed = utf8::repaired(s);
        QCOMPARE(QByteArray::fromStdString(fixed), out);
        QCOMPARE(utf8::isValid(s), in == out);
        QVERIFY(utf8::isValid(fixed));
        std::string inPlace = s;
        QCOMPARE(utf8::repair(inPlace), in != out);
        QCOMPARE(inPlace, fixed);
    }

    void sequenceLength()
    {
        // The one length the JSON label writers use to copy or replace a sequence.
        QCOMPARE(utf8::sequenceLength("a", 0), size_t(1));
        QCOMPARE(utf8::sequenceLength("\xC3\xA9", 0), size_t(2));
        QCOMPARE(utf8::sequenceLength("x\xE2\x82\xAC", 1), size_t(3));
        QCOMPARE(utf8::sequenceLength("\xF0\x9F\x98\x80", 0), size_t(4));
        QCOMPARE(utf8::sequenceLength("\xE2\x82", 0), size_t(0));
        QCOMPARE(utf8::sequenceLength("\xED\xA0\x80", 0), size_t(0));
        QCOMPARE(utf8::sequenceLength("\x80", 0), size_t(0));
    }

    void repairsEveryEventField()
    {
        Event e;
        e.userAgent = "ua\xff";
        e.labels = "{\"k\":\"\xfe\"}";
        e.urlPath = "/ok";
        QVERIFY(utf8::repair(e));
        QCOMPARE(e.userAgent, "ua" + kR);
        QCOMPARE(e.labels, "{\"k\":\"" + kR + "\"}");
        QCOMPARE(e.urlPath, std::string("/ok"));
        QVERIFY(!utf8::repair(e));
    }
};

QTEST_GUILESS_MAIN(TestUtf8)
#include "tst_utf8.moc"
