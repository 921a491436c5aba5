#include "pipeline.h"

#include "case/casefile.h"

namespace netcase {

Result<QList<PipelineStep>> runPostImport(CaseFile &caseFile, const StepProgressFn &progress,
                                          const std::atomic<bool> &cancel)
{
    Q_UNUSED(caseFile);
    Q_UNUSED(progress);
    Q_UNUSED(cancel);
    QList<PipelineStep> steps;
    // Enrichment and analysis register their steps here as they are built.
    return steps;
}

} // namespace netcase
