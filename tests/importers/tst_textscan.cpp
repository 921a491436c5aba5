// The sixteen-bytes-at-a-time scans give the same answers as a plain loop at every offset and
// length (matches before, inside and after a 16-byte step, bytes above 0x7F), and the code built
// on them keeps its meaning: JSON escaping reads back as the text it escaped, and access-log
// quoted fields honour escapes wherever they fall.

#include "api/labelsbuilder.h"
#include "core/textscan.h"
#include "core/utf8.h"
#include "weblog/accesslogparser.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <random>

using namespace netcase;

namespace {

size_t naiveEither(std::string_view s, size_t from, char a, char b)
{
    while (from < s.size() && s[from] != a && s[from] != b)
        ++from;
    return from;
}

size_t naiveJsonSpecial(std::string_view s, size_t from)
{
    for (; from < s.size(); ++from) {
        const auto c = static_cast<unsigned char>(s[from]);
        if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
            break;
    }
    return from;
}

/// Mostly plain text with, now and then, a character the scans look for.
std::string randomText(std::mt19937 &rng, size_t length)
{
    // A quote, a backslash, controls, DEL, a lone continuation byte, a valid é and a bad byte.
    static const std::string_view special("\"\\\n\x01\x7f\x80\xc3\xa9\xff");
    std::string s;
    for (size_t i = 0; i < length; ++i)
        s += rng() % 23 == 0 ? special[rng() % special.size()] : char('a' + rng() % 26);
    return s;
}

} // namespace

class TestTextScan : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void scansMatchAPlainLoop()
    {
        std::mt19937 rng(7);
        for (int round = 0; round < 400; ++round) {
            const std::string s = randomText(rng, rng() % 70);
            for (size_t from = 0; from <= s.size(); ++from) {
                QCOMPARE(scan::findEither(s, from, '"', '\\'), naiveEither(s, from, '"', '\\'));
                QCOMPARE(scan::findAnyOf(s, from, '"', '\\', '\n'),
                         std::min(naiveEither(s, from, '"', '\\'),
                                  naiveEither(s, from, '\n', '\n')));
                QCOMPARE(scan::findJsonSpecial(s, from), naiveJsonSpecial(s, from));
            }
        }
        QCOMPARE(scan::findEither(std::string(40, 'x') + "\"", 0, '"', '\\'), size_t(40));
        QCOMPARE(scan::findJsonSpecial(std::string(33, 'x'), 0), size_t(33));
    }

    void jsonEscapingReadsBackAsTheText()
    {
        std::mt19937 rng(11);
        for (int round = 0; round < 2000; ++round) {
            const std::string s = randomText(rng, rng() % 60);
            std::string json = "\"";
            appendJsonEscaped(json, s);
            json += '"';
            const auto parsed = nlohmann::json::parse(json, nullptr, false);
            QVERIFY2(parsed.is_string(), json.c_str());
            QCOMPARE(parsed.get<std::string>(), utf8::repaired(s)); // bad bytes become U+FFFD
        }
    }

    void quotedFieldsHonourEscapesAcrossSteps()
    {
        // (No raw strings here: moc's lexer misreads them and skips the class.)
        const std::string head = "198.51.100.4 - - [10/Oct/2023:13:55:36 +0000] \"GET / "
                                 "HTTP/1.1\" 200 5 \"-\" \"";
        // Escapes before, on and after the 16-byte boundaries of the user agent.
        for (size_t pad = 0; pad < 40; ++pad) {
            const std::string agent = std::string(pad, 'a') + "\\\"q\\\" \\\\ b";
            Event e;
            const AccessLogResult r = parseAccessLogLine(head + agent + "\"", e);
            QVERIFY(r.ok);
            QCOMPARE(e.userAgent, std::string(pad, 'a') + "\"q\" \\ b");
            // A stray quote that is not followed by a space stays in the field.
            Event f;
            QVERIFY(parseAccessLogLine(head + std::string(pad, 'a') + "\"x\"y\"", f).ok);
            QCOMPARE(f.userAgent, std::string(pad, 'a') + "\"x\"y");
            // A field cut after a backslash or before its closing quote is a reject.
            Event g;
            QVERIFY(!parseAccessLogLine(head + std::string(pad, 'a') + "\\", g).ok);
            QVERIFY(!parseAccessLogLine(head + std::string(pad, 'a') + "\\\"", g).ok);
        }
    }
};

QTEST_GUILESS_MAIN(TestTextScan)
#include "tst_textscan.moc"
