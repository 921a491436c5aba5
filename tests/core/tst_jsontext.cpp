// JSON output of log text (model/core/jsontext.h): bidi controls and invisible format characters
// are written as \u escapes, so a person viewing the JSON sees them, while a JSON reader gets
// exactly the text the log held.

#include "core/jsontext.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace netcase;

class TestJsonText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapes_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("plain") << QByteArray("alice") << QByteArray("\"alice\"");
        QTest::newRow("accents kept") << QByteArray("caf\xC3\xA9 \xE2\x82\xAC")
                                      << QByteArray("\"caf\xC3\xA9 \xE2\x82\xAC\"");
        QTest::newRow("right-to-left override")
                << QByteArray("evil\xE2\x80\xAEgpj.exe") << QByteArray("\"evil\\u202egpj.exe\"");
        QTest::newRow("isolates and marks")
                << QByteArray("\xE2\x81\xA6x\xE2\x81\xA9\xE2\x80\x8F\xD8\x9C")
                << QByteArray("\"\\u2066x\\u2069\\u200f\\u061c\"");
        QTest::newRow("zero width and line separator") << QByteArray("a\xE2\x80\x8B"
                                                                     "b\xE2\x80\xA8")
                                                       << QByteArray("\"a\\u200bb\\u2028\"");
        QTest::newRow("C1 control") << QByteArray("x\xC2\x9By") << QByteArray("\"x\\u009by\"");
        QTest::newRow("escape and bell")
                << QByteArray("\x1b[2J\x07") << QByteArray("\"\\u001b[2J\\u0007\"");
        QTest::newRow("emoji kept")
                << QByteArray("\xF0\x9F\x98\x80") << QByteArray("\"\xF0\x9F\x98\x80\"");
    }

    void escapes()
    {
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, json);
        const nlohmann::json j = value.toStdString();
        const std::string text = jsonText(j);
        QCOMPARE(QByteArray::fromStdString(text), json);
        // The escaped text parses back to exactly the original value.
        QCOMPARE(nlohmann::json::parse(text).get<std::string>(), value.toStdString());
    }

    void keysAndNesting()
    {
        const nlohmann::json j = {{"user\xE2\x80\xAE", {"a\xE2\x80\xAE", 1}}};
        const std::string text = jsonText(j);
        QCOMPARE(QByteArray::fromStdString(text), QByteArray("{\"user\\u202e\":[\"a\\u202e\",1]}"));
        QVERIFY(nlohmann::json::parse(text) == j);
    }

    void invalidUtf8Replaced()
    {
        const nlohmann::json j = std::string("a\xff");
        QCOMPARE(QByteArray::fromStdString(jsonText(j)), QByteArray("\"a\xEF\xBF\xBD\""));
    }
};

QTEST_GUILESS_MAIN(TestJsonText)
#include "tst_jsontext.moc"
