// Replays every input under tests/fuzz/regressions/<format>/ (crashes the fuzzers found, and
// hand-made edge cases) through its importer with the same checks as the fuzz harnesses: no
// crash, every text field of every event is valid UTF-8 and renders as ECS JSON, a record kept
// as a form renders as its line, every reject has a line and a reason.

#include "api/inputstream.h"
#include "api/registry.h"
#include "case/eventjson.h"
#include "case/eventquery.h"
#include "core/rawform.h"
#include "core/utf8.h"
#include "fuzz/fuzzarchive.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace netcase;

namespace {

struct CheckingSink final : RecordSink
{
    int events = 0;
    int rejects = 0;
    QStringList problems;
    void event(Event &&e, std::string_view) override
    {
        ++events;
        if (!e.labels.empty() && !nlohmann::json::accept(e.labels))
            problems << QStringLiteral("line %1: labels are not JSON").arg(e.line);
        Event copy = e;
        if (utf8::repair(copy))
            problems << QStringLiteral("line %1: a text field is not valid UTF-8").arg(e.line);
        EventRow row;
        row.event = std::move(e);
        try {
            (void)eventToEcs(row).dump();
        } catch (const std::exception &ex) {
            problems << QStringLiteral("line %1: %2")
                                .arg(row.event.line)
                                .arg(QString::fromUtf8(ex.what()));
        }
    }
    void eventWithForm(Event &&e, std::string_view raw, std::string_view form) override
    {
        std::string text;
        if (rawform::rebuilds(form, e, raw) && (!rawform::render(form, e, text) || text != raw))
            problems << QStringLiteral("line %1: rebuilt differently from the line").arg(e.line);
        event(std::move(e), raw);
    }
    void reject(std::int64_t line, RejectKind, std::string_view reason, std::string_view) override
    {
        ++rejects;
        if (line <= 0 || reason.empty())
            problems << QStringLiteral("reject without line or reason");
    }
};

} // namespace

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replay_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("path");
        const QDir root(QStringLiteral(NETCASE_SOURCE_DIR "/tests/fuzz/regressions"));
        int n = 0;
        for (const QString &format : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QDir dir(root.filePath(format));
            for (const QString &f : dir.entryList(QDir::Files)) {
                QTest::newRow(qPrintable(format + QLatin1Char('/') + f))
                        << format << dir.filePath(f);
                ++n;
            }
        }
        QVERIFY2(n > 0, "no regression inputs found");
    }

    void replay()
    {
        QFETCH(QString, format);
        QFETCH(QString, path);
        if (format == QLatin1String("archive")) {
            // The container harness's inputs: listed and read through the import's archive code.
            (void)fuzz::readContainer(path);
            return;
        }
        const Importer *imp = findImporter(format);
        QVERIFY2(imp, qPrintable(QStringLiteral("no importer named '%1'").arg(format)));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        const std::string data(bytes.constData(), size_t(bytes.size()));
        (void)imp->detect(data);
        CheckingSink sink;
        ImportOptions options;
        auto in = memoryStream(data);
        ParseContext ctx{options, sink};
        QVERIFY(imp->parse(*in, ctx).ok());
        QVERIFY2(sink.problems.isEmpty(), qPrintable(sink.problems.join(QLatin1Char('\n'))));
        // Every non-empty line is accounted for somewhere (event, reject or header).
        QVERIFY(sink.events + sink.rejects > 0);
    }
};

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "tst_fuzzregressions.moc"
