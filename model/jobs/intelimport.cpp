#include "intelimport.h"

#include "analysis/analyzer.h"
#include "analysis/findingstore.h"
#include "case/sqlite.h"
#include "intel/intelfile.h"
#include "sigma/sigmaanalysis.h"

namespace netcase {

int IntelImportSummary::refused() const
{
    int n = 0;
    for (const IntelFileOutcome &f : files)
        n += f.source ? 0 : 1;
    return n;
}

Result<IntelImportSummary> importIntelligence(Database &db,
                                              const QStringList &paths,
                                              const QString &actor,
                                              const IntelProgressFn &progress,
                                              const std::atomic<bool> *cancel)
{
    if (db.readOnly())
        return makeError(QStringLiteral("the case is read-only"), ErrorCode::Locked);
    IntelImportSummary sum;
    const int n = int(paths.size());
    for (int i = 0; i < n; ++i) {
        if (cancel && cancel->load())
            return makeError(QStringLiteral("import of intelligence cancelled"),
                             ErrorCode::Cancelled);
        if (progress)
            progress(QStringLiteral("reading %1").arg(paths[i]), 40 * i / std::max(1, n));
        IntelFileOutcome o;
        o.path = paths[i];
        auto file = intel::readIntelFile(paths[i]);
        if (!file) {
            o.error = file.error().message;
        } else {
            auto src = intel::IntelStore::import(db, *file, actor);
            if (src)
                o.source = *src;
            else if (src.error().code == ErrorCode::Locked)
                return src.error();
            else
                o.error = src.error().message;
        }
        sum.files.push_back(std::move(o));
    }
    if (sum.refused() == n)
        return sum;
    const auto run = Analyzer::run(
            db, actor,
            [&](const QString &stage, int pct) {
                if (progress)
                    progress(stage, 40 + pct * 60 / 100);
            },
            cancel, sigma::storedDetection(db));
    if (!run)
        return run.error();
    sum.analysed = true;
    sum.runId = run->runId;
    sum.analysis = run->text();
    return sum;
}

std::vector<StoredFinding> intelFindingsOf(const Database &db)
{
    std::vector<StoredFinding> out;
    for (StoredFinding &f : FindingStore::read(db))
        if (f.kind == QLatin1String("intel"))
            out.push_back(std::move(f));
    return out;
}

} // namespace netcase
