// The JSON splitter cuts every shape vendors ship into the right records, with the right start
// lines and reasons for what it cannot cut; and it cuts the same records whatever sizes the
// stream's reads have (it copies a record's bytes in spans, one per buffer, and scans strings
// and the bytes between structural characters in runs, so buffer edges must not show).

#include "api/jsonsplitter.h"

#include <QTest>

#include <algorithm>
#include <random>

using namespace netcase;

namespace {

/// A stream whose reads return at most `chunk` bytes.
class ChunkedStream final : public InputStream
{
public:
    ChunkedStream(std::string data, size_t chunk)
        : m_data(std::move(data))
        , m_chunk(chunk)
    {}
    std::int64_t read(char *buffer, std::int64_t n) override
    {
        const size_t k = std::min({size_t(n), m_chunk, m_data.size() - m_pos});
        std::copy_n(m_data.data() + m_pos, k, buffer);
        m_pos += k;
        return std::int64_t(k);
    }
    std::int64_t position() const override { return std::int64_t(m_pos); }
    std::int64_t size() const override { return std::int64_t(m_data.size()); }
    QString errorString() const override { return {}; }

private:
    std::string m_data;
    size_t m_chunk;
    size_t m_pos = 0;
};

/// Each piece as "line|error|text".
QStringList split(const std::string &data, size_t chunk = 1u << 20, size_t maxRecord = 16u << 20)
{
    ChunkedStream in(data, chunk);
    JsonSplitter splitter(in, maxRecord);
    JsonSplitter::Piece piece;
    QStringList out;
    while (splitter.next(piece))
        out << QStringLiteral("%1|%2|%3")
                        .arg(piece.line)
                        .arg(QString::fromUtf8(piece.error ? piece.error : ""))
                        .arg(QString::fromUtf8(piece.text.data(), qsizetype(piece.text.size())));
    return out;
}

/// JSON-ish text with the characters the splitter decides on, in strings and out of them.
std::string randomJsonish(std::mt19937 &rng)
{
    static const std::vector<std::string> parts = {
            "{",  "}",    "[",     "]",          ",",           ":",  "\"",       "\\",
            "\n", " ",    "\"k\"", "\"a\\\"b\"", "\"Records\"", "12", "true",     "null",
            "é",  "\r\n", "x",     "{\"a\":1}",  "[1,2]",       "\t", "\"\\\\\"", "\xef\xbb\xbf"};
    std::string s;
    const size_t n = rng() % 60;
    for (size_t i = 0; i < n; ++i)
        s += parts[rng() % parts.size()];
    return s;
}

} // namespace

class TestJsonSplitter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shapes_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QStringList>("pieces");
        QTest::newRow("json lines") << QStringLiteral("{\"a\":1}\n{\"b\":\"x\\\"y\"}\n")
                                    << QStringList{QStringLiteral("1||{\"a\":1}"),
                                                   QStringLiteral("2||{\"b\":\"x\\\"y\"}")};
        QTest::newRow("array, pretty-printed")
                << QStringLiteral("[\n  {\"a\": [1, 2]},\n  {\"b\": {}}\n]\n")
                << QStringList{QStringLiteral("2||{\"a\": [1, 2]}"),
                               QStringLiteral("3||{\"b\": {}}")};
        QTest::newRow("wrapper object")
                << QStringLiteral("{\"meta\": 1, \"Records\": [{\"x\": \"]\"}, {\"y\": 2}], "
                                  "\"after\": {\"z\": [3]}}")
                << QStringList{QStringLiteral("1||{\"x\": \"]\"}"),
                               QStringLiteral("1||{\"y\": 2}")};
        QTest::newRow("objects one after another")
                << QStringLiteral("{\n \"a\": 1\n}\n{\n \"b\": 2\n}")
                << QStringList{QStringLiteral("1||{\n \"a\": 1\n}"),
                               QStringLiteral("4||{\n \"b\": 2\n}")};
        QTest::newRow("scalars in an array")
                << QStringLiteral("[\"s\", 42, true]")
                << QStringList{QStringLiteral("1||\"s\""), QStringLiteral("1||42"),
                               QStringLiteral("1||true")};
        QTest::newRow("a line that is not JSON")
                << QStringLiteral("{\"a\":1}\nnot json here\n{\"b\":2}\n")
                << QStringList{QStringLiteral("1||{\"a\":1}"),
                               QStringLiteral("2|not a JSON value|not json here"),
                               QStringLiteral("3||{\"b\":2}")};
        QTest::newRow("record not closed at the end of its line")
                << QStringLiteral("{\"a\":1}\n{\"b\":[2\n{\"c\":3}\n")
                << QStringList{
                           QStringLiteral("1||{\"a\":1}"),
                           QStringLiteral("2|record not closed at the end of the line|{\"b\":[2"),
                           QStringLiteral("3||{\"c\":3}")};
        QTest::newRow("string not closed at the end of its line")
                << QStringLiteral("{\"a\":1}\n{\"b\":\"open\n{\"c\":3}\n")
                << QStringList{QStringLiteral("1||{\"a\":1}"),
                               QStringLiteral("2|unterminated string at the end of the line|"
                                              "{\"b\":\"open"),
                               QStringLiteral("3||{\"c\":3}")};
        QTest::newRow("cut off at the end of the file")
                << QStringLiteral("[{\"a\":1}, {\"b\":")
                << QStringList{QStringLiteral("1||{\"a\":1}"),
                               QStringLiteral("1|record cut off at the end of the file|{\"b\":")};
    }

    void shapes()
    {
        QFETCH(QString, input);
        QFETCH(QStringList, pieces);
        QCOMPARE(split(input.toStdString()), pieces);
    }

    void oversizeRecordKeepsItsStartAndTheRestImports()
    {
        const std::string big = "{\"a\":\"" + std::string(300, 'x') + "\"}";
        const QStringList got = split(big + "\n{\"b\":1}\n", 7, 100);
        QCOMPARE(got.size(), 2);
        QVERIFY(got[0].startsWith(
                QStringLiteral("1|record larger than the 16 MiB limit|{\"a\":\"xxx")));
        QCOMPARE(got[0].size(),
                 QStringLiteral("1|record larger than the 16 MiB limit|").size() + 100);
        QCOMPARE(got[1], QStringLiteral("2||{\"b\":1}"));
    }

    void readSizesDoNotChangeTheRecords()
    {
        std::mt19937 rng(20261201);
        for (int round = 0; round < 3000; ++round) {
            const std::string data = randomJsonish(rng);
            const QStringList whole = split(data);
            for (size_t chunk : {size_t(1), size_t(2), size_t(7), size_t(64)}) {
                if (split(data, chunk) != whole)
                    QFAIL(qPrintable(QStringLiteral("read size %1 splits differently: %2")
                                             .arg(chunk)
                                             .arg(QString::fromUtf8(data.c_str()))));
            }
            if (split(data, 3, 16) != split(data, 1u << 20, 16))
                QFAIL(qPrintable(QStringLiteral("with a 16-byte limit: %1")
                                         .arg(QString::fromUtf8(data.c_str()))));
        }
    }
};

QTEST_GUILESS_MAIN(TestJsonSplitter)
#include "tst_jsonsplitter.moc"
