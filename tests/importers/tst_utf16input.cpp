// UTF-16 input (issue 25): files with a UTF-16 byte order mark are read as UTF-8 by every
// format, streaming. The decoder on its own (odd read sizes, surrogate pairs, broken pairs,
// plain files untouched), then CSV and JSON lines files written as UTF-16 LE and BE imported into
// a case: the same events as their UTF-8 copies, and the source's SHA-256 is the file's own.

#include "api/registry.h"
#include "api/utf16stream.h"
#include "common/implogs_case.h"

#include <QCryptographicHash>
#include <QDir>
#include <QStringEncoder>
#include <QTest>

#include <algorithm>
#include <cstring>

using namespace netcase;
using namespace netcase::test;

namespace {

/// A stream that hands out at most `chunk` bytes per read, to cut code units and surrogate pairs.
class TrickleStream final : public InputStream
{
public:
    TrickleStream(std::string data, size_t chunk)
        : m_data(std::move(data))
        , m_chunk(chunk)
    {}
    std::int64_t read(char *buffer, std::int64_t n) override
    {
        const size_t k = std::min({m_chunk, size_t(n), m_data.size() - m_pos});
        std::memcpy(buffer, m_data.data() + m_pos, k);
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

std::string readAllFrom(InputStream &in, std::int64_t bufferSize)
{
    std::string out, buf(size_t(bufferSize), '\0');
    for (;;) {
        const std::int64_t n = in.read(buf.data(), bufferSize);
        if (n <= 0)
            return out;
        out.append(buf.data(), size_t(n));
    }
}

std::string encoded(const QString &text, QStringConverter::Encoding enc, bool bom = true)
{
    QStringEncoder e(enc, bom ? QStringConverter::Flag::WriteBom : QStringConverter::Flag::Default);
    const QByteArray b = e.encode(text);
    return std::string(b.constData(), size_t(b.size()));
}

const QString kText
        = QStringLiteral("TimeGenerated,IPAddr,UserId\n2024-03-01T08:00:00Z,198.51.100.7,"
                         "j\u00fcrgen@example.com\n2024-03-01T08:01:00Z,2001:db8::1,"
                         "\u7528\u6237 \U0001F600\n");

bool writeFile(const QString &path, const std::string &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly)
           && f.write(bytes.data(), qint64(bytes.size())) == qint64(bytes.size());
}

} // namespace

class TestUtf16Input : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesBothByteOrders_data()
    {
        QTest::addColumn<int>("encoding");
        QTest::addColumn<int>("chunk");
        for (int chunk : {1, 3, 7, 1 << 20}) {
            QTest::addRow("le/%d", chunk) << int(QStringConverter::Utf16LE) << chunk;
            QTest::addRow("be/%d", chunk) << int(QStringConverter::Utf16BE) << chunk;
        }
    }
    void decodesBothByteOrders()
    {
        QFETCH(int, encoding);
        QFETCH(int, chunk);
        TrickleStream raw(encoded(kText, QStringConverter::Encoding(encoding)), size_t(chunk));
        Utf16DecodingStream in(raw);
        QCOMPARE(readAllFrom(in, 5), kText.toStdString());
        QVERIFY(in.transcoding());
    }

    void largeInputAcrossBlocks()
    {
        QString big;
        for (int i = 0; i < 20000; ++i)
            big += QStringLiteral("line %1 \u00e9\U0001F600\n").arg(i);
        TrickleStream raw(encoded(big, QStringConverter::Utf16LE), 100001);
        Utf16DecodingStream in(raw);
        QCOMPARE(readAllFrom(in, 4096), big.toStdString());
    }

    void brokenSurrogatesBecomeReplacement()
    {
        // BOM, 'a', a high surrogate followed by 'b', a lone low surrogate, then a cut unit.
        const std::string bytes("\xFF\xFE"
                                "a\0"
                                "\x3D\xD8"
                                "b\0"
                                "\x00\xDE"
                                "c",
                                11);
        TrickleStream raw(bytes, 2);
        Utf16DecodingStream in(raw);
        QCOMPARE(readAllFrom(in, 16), std::string("a\xEF\xBF\xBD"
                                                  "b\xEF\xBF\xBD\xEF\xBF\xBD"));
    }

    void plainInputUntouched()
    {
        for (const std::string &s :
             {std::string(), std::string("x"), std::string("\xEF\xBB\xBFplain\n"),
              std::string("\xFFnot a mark")}) {
            TrickleStream raw(s, 3);
            Utf16DecodingStream in(raw);
            QCOMPARE(readAllFrom(in, 2), s);
            QVERIFY(!in.transcoding());
        }
    }

    void withoutByteOrderMark_data()
    {
        QTest::addColumn<int>("encoding");
        QTest::addColumn<int>("chunk");
        for (int chunk : {1, 3, 4096}) {
            QTest::addRow("le/%d", chunk) << int(QStringConverter::Utf16LE) << chunk;
            QTest::addRow("be/%d", chunk) << int(QStringConverter::Utf16BE) << chunk;
        }
    }
    void withoutByteOrderMark()
    {
        // Windows exports without a mark: recognised by the NUL pattern of the first KiB.
        QFETCH(int, encoding);
        QFETCH(int, chunk);
        TrickleStream raw(encoded(kText, QStringConverter::Encoding(encoding), false),
                          size_t(chunk));
        Utf16DecodingStream in(raw);
        QCOMPARE(readAllFrom(in, 7), kText.toStdString());
        QVERIFY(in.transcoding());
    }

    void binaryStillRefused()
    {
        // Binary files with NUL bytes are not mistaken for UTF-16 without a mark, and stay
        // refused by detection.
        std::string sqlite("SQLite format 3\0\x10\0\x01\x01\0\x40\x20\x20", 24);
        sqlite += std::string(1000, '\0');
        std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06", 26);
        std::string counters;
        for (int i = 0; i < 512; ++i) { // 16-bit little-endian counters: NUL high bytes, but
            counters += char(i & 0xff); // U+0000 and control characters among them
            counters += char(0);
        }
        std::string elf("\x7f"
                        "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0\x3e\0\x01\0\0\0",
                        24);
        elf += std::string(200, '\0');
        std::string odd("\x00\x01\x02 not a log \xff\xfe", 16);
        for (const std::string &bin : {sqlite, png, counters, elf, odd}) {
            QVERIFY(!looksUtf16WithoutBom(std::string_view(bin).substr(0, 1024), true));
            QVERIFY(!looksUtf16WithoutBom(std::string_view(bin).substr(0, 1024), false));
            TrickleStream raw(bin, 5);
            Utf16DecodingStream in(raw);
            QCOMPARE(readAllFrom(in, 3), bin);
            QVERIFY(!in.transcoding());
            QVERIFY(detectFormat(bin).importer == nullptr);
        }
    }

    void importedLikeUtf8_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("encoding");
        QTest::addColumn<bool>("bom");
        const QString jsonl = QStringLiteral(
                "{\"TimeGenerated\":\"2024-03-01T08:00:00Z\",\"IPAddr\":\"198.51.100.7\","
                "\"UserId\":\"j\u00fcrgen@example.com\"}\n{\"TimeGenerated\":\"2024-03-01T08:01:"
                "00Z\","
                "\"IPAddr\":\"2001:db8::1\",\"UserId\":\"\u7528\u6237 \U0001F600\"}\n");
        for (const bool bom : {true, false}) {
            const char *suffix = bom ? "" : "-nobom";
            QTest::addRow("csv-le%s", suffix) << QStringLiteral("signins.csv") << kText
                                              << int(QStringConverter::Utf16LE) << bom;
            QTest::addRow("csv-be%s", suffix) << QStringLiteral("signins.csv") << kText
                                              << int(QStringConverter::Utf16BE) << bom;
            QTest::addRow("jsonl-le%s", suffix) << QStringLiteral("signins.jsonl") << jsonl
                                                << int(QStringConverter::Utf16LE) << bom;
            QTest::addRow("jsonl-be%s", suffix) << QStringLiteral("signins.jsonl") << jsonl
                                                << int(QStringConverter::Utf16BE) << bom;
        }
    }
    void importedLikeUtf8()
    {
        QFETCH(QString, name);
        QFETCH(QString, text);
        QFETCH(int, encoding);
        QFETCH(bool, bom);
        // The same file name in two folders, so the cases' source names agree.
        const QString dir8
                = tempPath(QStringLiteral("utf8-") + QString::fromLatin1(QTest::currentDataTag()));
        const QString dir16
                = tempPath(QStringLiteral("utf16-") + QString::fromLatin1(QTest::currentDataTag()));
        QVERIFY(QDir().mkpath(dir8) && QDir().mkpath(dir16));
        const std::string utf16 = encoded(text, QStringConverter::Encoding(encoding), bom);
        QVERIFY(writeFile(dir8 + QLatin1Char('/') + name, text.toStdString()));
        QVERIFY(writeFile(dir16 + QLatin1Char('/') + name, utf16));

        const CaseImport a = importIntoNewCase({dir8 + QLatin1Char('/') + name}, {},
                                               QStringLiteral("utf8case"));
        const CaseImport b = importIntoNewCase({dir16 + QLatin1Char('/') + name}, {},
                                               QStringLiteral("utf16case"));
        QVERIFY2(a.ok && b.ok, qPrintable(a.error + b.error));
        QCOMPARE(int(b.report.sources.size()), 1);
        QVERIFY2(b.report.sources[0].error.isEmpty(), qPrintable(b.report.sources[0].error));
        QCOMPARE(b.report.sources[0].format, a.report.sources[0].format);
        QCOMPARE(b.report.events(), std::int64_t(2));
        QCOMPARE(b.report.rejects(), std::int64_t(0));
        QCOMPARE(b.ecs, a.ecs);
        QVERIFY(b.ecs.contains(QStringLiteral("\u7528\u6237 \U0001F600").toUtf8()));
        // The evidence hash is of the file as it is on disk, not of the transcoded text.
        const QByteArray sha = QCryptographicHash::hash(QByteArray::fromStdString(utf16),
                                                        QCryptographicHash::Sha256)
                                       .toHex();
        QCOMPARE(b.report.sources[0].sha256, QString::fromLatin1(sha));
    }
};

QTEST_GUILESS_MAIN(TestUtf16Input)
#include "tst_utf16input.moc"
