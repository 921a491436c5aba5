#include "postimport.h"

#include "geodatasettings.h"
#include "sourceset.h"

namespace netcase {

Result<EnrichSummary>
enrichAfterImport(Database &db, const EnrichProgressFn &progress, const std::atomic<bool> *cancel)
{
    const SourceSet sources = SourceSet::load(configuredSources());
    EnrichOptions options;
    options.onlyMissing = true;
    return enrichCase(db, sources, options, progress, cancel);
}

} // namespace netcase
