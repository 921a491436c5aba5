#include "chooseimporter.h"

#include "api/registry.h"
#include "ingest/inputs.h"

namespace netcase {

Result<const Importer *> forcedImporter(const QString &format)
{
    if (format.isEmpty())
        return static_cast<const Importer *>(nullptr);
    if (const Importer *imp = findImporter(format))
        return imp;
    return makeError(QStringLiteral("unknown format '%1' (see 'netcase help import')").arg(format),
                     ErrorCode::Usage);
}

Result<const Importer *>
chooseImporter(const InputItem &item, const Importer *forced, ExpansionBudget *budget)
{
    if (forced)
        return forced;
    auto sample = readSample(item, budget);
    if (!sample)
        return sample.error();
    if (const Importer *imp = detectFormat(*sample).importer)
        return imp;
    return makeError(undetectedReason(*sample, item.size > kSampleBytes,
                                      QStringLiteral("choose one with --format")));
}

} // namespace netcase
