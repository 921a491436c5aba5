#include "pipeline.h"

#include "analysis/analyzer.h"
#include "case/casefile.h"
#include "core/identity.h"
#include "enrich/postimport.h"
#include "sigma/sigmaanalysis.h"

namespace netcase {

Result<QList<PipelineStep>>
runPostImport(CaseFile &caseFile, const StepProgressFn &progress, const std::atomic<bool> &cancel)
{
    QList<PipelineStep> steps;
    // Enrichment and analysis register their steps here as they are built.

    // Enrichment: addresses new to the case, from the configured and discovered databases. A
    // refused database is a warning in the summary; the import itself has already completed.
    {
        auto enriched = enrichAfterImport(
                caseFile.db(),
                [&progress](qint64 done, qint64 total) {
                    if (progress)
                        progress(QStringLiteral("enrich"), total > 0 ? int(100 * done / total) : 0);
                },
                &cancel);
        if (!enriched && enriched.error().code == ErrorCode::Cancelled)
            return enriched.error();
        QString summary = enriched ? enriched->text()
                                   : QStringLiteral("not run: ") + enriched.error().message;
        for (const QString &w : enriched ? enriched->warnings : QStringList())
            summary += QStringLiteral("\n  warning: ") + w;
        steps << PipelineStep{QStringLiteral("enrich"), summary};
    }
    // Analysis: after enrichment, so the detections see countries, networks and anonymisers;
    // with the Sigma rules of the case's stored folders, if any.
    {
        auto analysed = Analyzer::run(
                caseFile.db(), currentUserName(),
                [&progress](const QString &stage, int percent) {
                    if (progress)
                        progress(QStringLiteral("analyze: ") + stage, percent);
                },
                &cancel, sigma::storedDetection(caseFile.db()));
        if (!analysed && analysed.error().code == ErrorCode::Cancelled)
            return analysed.error();
        steps << PipelineStep{QStringLiteral("analyze"),
                              analysed ? analysed->text()
                                       : QStringLiteral("not run: ") + analysed.error().message};
    }
    return steps;
}

} // namespace netcase
