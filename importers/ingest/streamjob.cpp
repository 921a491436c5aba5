#include "streamjob.h"

#include "api/utf16stream.h"
#include "ingest/chooseimporter.h"
#include "ingest/expansion.h"
#include "ingest/inputs.h"
#include "ingest/sha256.h"

#include <QElapsedTimer>

namespace netcase {

namespace {

/// The SHA-256 (hex) of what the parser will read from the item.
Result<QString>
digest(const InputItem &item, ExpansionBudget *budget, const std::atomic<bool> &cancel)
{
    auto opened = openInput(item, budget);
    if (!opened)
        return opened.error();
    Sha256 hash;
    std::string buf(size_t{1} << 20, '\0');
    for (;;) {
        if (cancel.load(std::memory_order_relaxed))
            return makeError(QStringLiteral("cancelled"), ErrorCode::Cancelled);
        const std::int64_t n = (*opened)->read(buf.data(), std::int64_t(buf.size()));
        if (n < 0)
            return makeError(QStringLiteral("read error: %1").arg((*opened)->errorString()));
        if (n == 0)
            break;
        hash.addData(std::string_view(buf.data(), size_t(n)));
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

StreamJob::StreamJob(QStringList paths, ImportOptions options)
    : m_paths(std::move(paths))
    , m_options(std::move(options))
{}

Result<ImportReport> StreamJob::run(StreamTarget &target,
                                    const ImportJob::ProgressFn &progress,
                                    const std::atomic<bool> &cancel) const
{
    const auto forced = forcedImporter(m_options.format);
    if (!forced)
        return forced.error();
    ExpansionBudget budget(m_options, &cancel);
    auto expanded = expandInputs(m_paths, {m_options.followLinks, &budget});
    if (!expanded)
        return expanded.error();
    ImportReport report;
    report.skipped = expanded->skipped;
    ImportProgress prog;
    for (const auto &it : expanded->items)
        prog.bytesTotal += it.size;
    std::int64_t doneBefore = 0;
    QElapsedTimer throttle;
    throttle.start();
    for (const InputItem &item : expanded->items) {
        if (cancel.load())
            return makeError(QStringLiteral("cancelled"), ErrorCode::Cancelled);
        SourceReport rep;
        rep.name = item.displayName();
        prog.currentFile = rep.name;
        [&] {
            const auto imp = chooseImporter(item, forced.value(), &budget);
            if (!imp) {
                rep.error = imp.error().message;
                return;
            }
            rep.format = imp.value()->name();
            auto sha = digest(item, &budget, cancel);
            if (!sha) {
                rep.error = sha.error().message;
                return;
            }
            rep.sha256 = *sha;
            auto sink = target.begin(rep, item.size);
            if (!sink) {
                rep.error = sink.error().message;
                return;
            }
            auto opened = openInput(item, &budget);
            Status parsed = opened ? Status() : Status(opened.error());
            if (opened) {
                ParseContext ctx{m_options, **sink};
                ctx.fileName = item.displayName();
                ctx.progress = [&](std::int64_t done) {
                    if (progress && throttle.elapsed() >= 100) {
                        throttle.restart();
                        prog.bytesDone = doneBefore + std::min(done, item.size);
                        progress(prog);
                    }
                    return !cancel.load(std::memory_order_relaxed) && !target.failed();
                };
                try {
                    Utf16DecodingStream decoded(**opened);
                    parsed = imp.value()->parse(decoded, ctx);
                } catch (const std::exception &e) {
                    parsed = makeError(QStringLiteral("the %1 parser failed: %2")
                                               .arg(rep.format, QString::fromUtf8(e.what())));
                }
            }
            if (Status s = target.end(rep, parsed); !s)
                rep.error = s.error().message;
        }();
        doneBefore += item.size;
        prog.bytesDone = doneBefore;
        if (progress)
            progress(prog);
        report.sources.push_back(rep);
        if (cancel.load())
            return makeError(QStringLiteral("cancelled"), ErrorCode::Cancelled);
    }
    return report;
}

} // namespace netcase
