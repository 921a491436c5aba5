#pragma once

// What runs after every import, from the command line and the GUI alike: enrichment of the
// case's addresses (when databases are configured) and the analysis.

#include "core/result.h"

#include <QList>
#include <QString>

#include <atomic>
#include <functional>

namespace netcase {

class CaseFile;

struct PipelineStep
{
    QString name;    ///< "enrich", "analyze"
    QString summary; ///< one line for the user
};

using StepProgressFn = std::function<void(const QString &stage, int percent)>;

/// Runs the post-import steps in order. Each step is audited by its own module.
Result<QList<PipelineStep>>
runPostImport(CaseFile &caseFile, const StepProgressFn &progress, const std::atomic<bool> &cancel);

} // namespace netcase
