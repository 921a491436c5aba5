#pragma once

// Helpers for the syslog, Zeek, nfdump, archive and folder importer tests (header-only: the
// tests/common library does not link the importers). Imports files into a temporary case with
// the real ImportJob and renders what the case holds as ECS JSON lines, so a golden file checks
// parsing, normalisation and storage together. NETCASE_UPDATE_GOLDEN=1 rewrites the golden
// inputs and expectations; review the diff before committing.

#include "case/casefile.h"
#include "case/eventjson.h"
#include "case/eventquery.h"
#include "common/testutil.h"
#include "ingest/importjob.h"

#include <QFile>
#include <QProcess>
#include <QTest>

#include <map>

namespace netcase::test {

struct CaseImport
{
    bool ok = false;
    QString error;
    ImportReport report;
    QByteArray ecs; ///< events and rejects of the case, one JSON object per line
};

inline QString implogsGolden(const QString &rel)
{
    return QStringLiteral(NETCASE_SOURCE_DIR "/tests/importers/golden/") + rel;
}

inline QByteArray implogsRead(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Events ordered by (source, line) with ids left out (they depend on import order), then
/// rejects as {"reject": {...}}.
inline QByteArray renderCase(Database &db)
{
    std::map<std::pair<std::int64_t, std::int64_t>, std::vector<std::string>> lines;
    EventQuery(db).forEach(EventFilter{}, [&](const EventRow &row) {
        nlohmann::json j = eventToEcs(row);
        j["netcase"].erase("event_id");
        j["netcase"].erase("source_id");
        lines[{row.sourceId, row.event.line}].push_back(j.dump());
        return true;
    });
    Statement rej = db.prepare("SELECT source_id, line, reason FROM rejects ORDER BY id");
    while (rej.step()) {
        nlohmann::json j
                = {{"reject", {{"line", rej.int64(1)}, {"reason", rej.text(2).toStdString()}}}};
        lines[{rej.int64(0), rej.int64(1)}].push_back(j.dump());
    }
    QByteArray out;
    for (const auto &[key, texts] : lines) {
        for (const std::string &t : texts) {
            out += QByteArray::fromStdString(t);
            out += '\n';
        }
    }
    return out;
}

/// Imports paths into a new temporary case.
inline CaseImport
importIntoNewCase(const QStringList &paths, const ImportOptions &options, const QString &caseName)
{
    CaseImport r;
    const QString casePath = tempPath(caseName + QStringLiteral(".netcase"));
    QFile::remove(casePath);
    auto cf = CaseFile::create(casePath, CaseInfo{QStringLiteral("test")});
    if (!cf) {
        r.error = cf.error().message;
        return r;
    }
    std::atomic<bool> cancel{false};
    auto rep = ImportJob(paths, options).run(*cf, {}, cancel);
    if (!rep) {
        r.error = rep.error().message;
        return r;
    }
    r.report = *rep;
    r.ecs = renderCase(cf->db());
    r.ok = true;
    return r;
}

/// Runs tests/fixtures/gen_netlogs.py (or another generator script there) and checks the output
/// equals the committed golden input, so golden inputs stay what the project's generator makes.
/// Returns the committed path.
inline QString netlogInput(const QString &kind,
                           const QString &rel,
                           int records = 48,
                           const QString &script = QStringLiteral("gen_netlogs.py"))
{
    const QString out = tempPath(kind + QStringLiteral(".gen"));
    QProcess p;
    p.start(QStringLiteral("python3"),
            {QStringLiteral(NETCASE_SOURCE_DIR "/tests/fixtures/") + script,
             QStringLiteral("--kind"), kind, QStringLiteral("--records"), QString::number(records),
             QStringLiteral("--out"), out});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        qWarning("%s failed: %s", qPrintable(script), p.readAllStandardError().constData());
        return {};
    }
    const QByteArray generated = implogsRead(out);
    const QString path = implogsGolden(rel);
    if (qEnvironmentVariableIsSet("NETCASE_UPDATE_GOLDEN")) {
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(generated);
    }
    if (implogsRead(path) != generated) {
        qWarning("%s is not what %s --kind %s makes", qPrintable(rel), qPrintable(script),
                 qPrintable(kind));
        return {};
    }
    return path;
}

/// Compares with the golden expectation (or rewrites it under NETCASE_UPDATE_GOLDEN=1).
inline bool matchesNetlogGolden(const QByteArray &actual, const QString &rel)
{
    const QString path = implogsGolden(rel);
    if (qEnvironmentVariableIsSet("NETCASE_UPDATE_GOLDEN")) {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(actual) == actual.size();
    }
    const QList<QByteArray> want = implogsRead(path).split('\n');
    const QList<QByteArray> got = actual.split('\n');
    for (qsizetype i = 0; i < std::max(want.size(), got.size()); ++i) {
        const QByteArray w = i < want.size() ? want[i] : QByteArray("<missing>");
        const QByteArray g = i < got.size() ? got[i] : QByteArray("<missing>");
        if (w != g) {
            qWarning("%s line %lld differs\n  expected: %s\n  actual:   %s", qPrintable(rel),
                     qlonglong(i + 1), w.constData(), g.constData());
            return false;
        }
    }
    return true;
}

} // namespace netcase::test
