#pragma once

// Which importer reads an input: the forced one (--format), else the best detect() score of its
// first 64 KiB. Shared by the import into a case (ImportJob) and the push to a cluster (StreamJob).

#include "core/result.h"

#include <QString>

namespace netcase {

class Importer;
struct ExpansionBudget;
struct InputItem;

/// The importer named by --format; nullptr for an empty name, an error for an unknown one.
Result<const Importer *> forcedImporter(const QString &format);
/// forced when given, else the detected one; the error says why none was found.
Result<const Importer *>
chooseImporter(const InputItem &item, const Importer *forced, ExpansionBudget *budget);

} // namespace netcase
