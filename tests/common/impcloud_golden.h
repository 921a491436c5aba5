#pragma once

// Golden-file helpers for the importer tests (header-only: tests/common's library does not link
// the importers). A parse is rendered as ECS JSON lines, events and rejects in line order, and
// compared with tests/importers/golden/<format>/<name>. Set NETCASE_UPDATE_GOLDEN=1 to rewrite the
// expected files after an intended change, then review the diff.

#include "api/importer.h"
#include "api/inputstream.h"
#include "api/registry.h"
#include "case/eventjson.h"
#include "case/eventquery.h"
#include "common/testutil.h"

#include <QFile>
#include <QTest>

#include <algorithm>
#include <map>

namespace netcase::test {

struct CollectingSink : RecordSink
{
    std::vector<Event> events;
    std::vector<Reject> rejects;
    std::vector<std::string> raws;
    void event(Event &&e, std::string_view raw) override
    {
        events.push_back(std::move(e));
        raws.emplace_back(raw);
    }
    void reject(std::int64_t line,
                RejectKind kind,
                std::string_view reason,
                std::string_view raw) override
    {
        rejects.push_back({line, kind, std::string(reason), std::string(raw)});
    }
};

/// Parses data with the importer into sink; returns the parse status.
inline Status parseBytes(const Importer &imp,
                         std::string data,
                         CollectingSink &sink,
                         const ImportOptions &options = {})
{
    auto in = memoryStream(std::move(data));
    ParseContext ctx{options, sink};
    return imp.parse(*in, ctx);
}

/// One ECS JSON line per event ("netcase" reduced to the line) and {"reject": ...} per reject,
/// ordered by line.
inline QByteArray renderEcsLines(const CollectingSink &sink)
{
    std::multimap<std::int64_t, std::string> lines;
    for (const Event &e : sink.events) {
        EventRow row;
        row.event = e;
        nlohmann::json j = eventToEcs(row);
        j["netcase"] = {{"line", e.line}};
        lines.emplace(e.line, j.dump());
    }
    for (const Reject &r : sink.rejects) {
        nlohmann::json j = {{"reject",
                             {{"line", r.line},
                              {"kind", std::string(rejectKindName(r.kind))},
                              {"reason", r.reason}}}};
        lines.emplace(r.line, j.dump());
    }
    QByteArray out;
    for (const auto &[line, text] : lines) {
        out += QByteArray::fromStdString(text);
        out += '\n';
    }
    return out;
}

/// The name of the format detectFormat() picks for sample, or "(none)".
inline QString detectedName(const QByteArray &sample)
{
    const Detection d = detectFormat(std::string_view(sample.constData(), size_t(sample.size())));
    return d.importer ? d.importer->name() : QStringLiteral("(none)");
}

/// JSON written with single quotes for readability in C++ source (moc cannot read raw strings).
inline std::string quoted(std::string s)
{
    std::replace(s.begin(), s.end(), '\'', '"');
    return s;
}

inline QString goldenPath(const QString &rel)
{
    return QStringLiteral(NETCASE_SOURCE_DIR "/tests/importers/golden/") + rel;
}

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Compares actual with the golden file (or rewrites it under NETCASE_UPDATE_GOLDEN=1).
inline bool matchesGolden(const QByteArray &actual, const QString &rel)
{
    const QString path = goldenPath(rel);
    if (qEnvironmentVariableIsSet("NETCASE_UPDATE_GOLDEN")) {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        f.write(actual);
        qWarning("rewrote %s", qPrintable(path));
        return true;
    }
    const QList<QByteArray> want = readAll(path).split('\n');
    const QList<QByteArray> got = actual.split('\n');
    for (int i = 0; i < std::max(want.size(), got.size()); ++i) {
        const QByteArray w = i < want.size() ? want[i] : QByteArray("<missing>");
        const QByteArray g = i < got.size() ? got[i] : QByteArray("<missing>");
        if (w != g) {
            qWarning("%s line %d differs\n  expected: %s\n  actual:   %s", qPrintable(rel), i + 1,
                     w.constData(), g.constData());
            return false;
        }
    }
    return true;
}

/// Runs a generator (gen_cloudlogs unless named) into a temporary file and checks it equals the
/// committed golden input, so the inputs stay those the project's generator makes. Returns the
/// committed input's bytes.
inline QByteArray generatedInput(const QString &kind,
                                 const QString &rel,
                                 int records = 12,
                                 const QString &generator = QStringLiteral("gen_cloudlogs"))
{
    const QString out = tempPath(kind + QStringLiteral(".gen"));
    if (!generate(generator, {QStringLiteral("--kind"), kind, QStringLiteral("--records"),
                              QString::number(records), QStringLiteral("--out"), out}))
        return {};
    const QByteArray generated = readAll(out);
    if (qEnvironmentVariableIsSet("NETCASE_UPDATE_GOLDEN")) {
        QFile f(goldenPath(rel));
        if (f.open(QIODevice::WriteOnly))
            f.write(generated);
    }
    const QByteArray committed = readAll(goldenPath(rel));
    if (committed != generated) {
        qWarning("%s is not what %s --kind %s makes", qPrintable(rel), qPrintable(generator),
                 qPrintable(kind));
        return {};
    }
    return committed;
}

} // namespace netcase::test
