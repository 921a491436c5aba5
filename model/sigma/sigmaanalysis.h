#pragma once

// Sigma rules in an analysis run: the case's stored rule folders (setting `sigma.folders`,
// audited as `sigma.folders`) and the hook that evaluates a loaded RuleSet inside
// Analyzer::run, so Sigma findings are stored, tuned and audited like the built-in ones.

#include "sigmarule.h"

#include "analysis/analyzer.h"
#include "core/result.h"

#include <QStringList>

#include <memory>

namespace netcase {
class Database;
}

namespace netcase::sigma {

/// The rule folders stored in the case (empty when none).
QStringList storedFolders(const Database &db);
/// Stores the folders (absolute paths) and audits the change; owns its transaction.
Status storeFolders(Database &db, const QStringList &folders, const QString &actor);

/// The hook for the case's stored folders (empty when none is stored), for every analysis run
/// that is not given folders (after an import, from the GUI), so stored rules keep their
/// findings.
ExtraDetection storedDetection(const Database &db);

/// The analysis hook for a rule set (kept alive by the hook); the audit payload names the
/// folders.
ExtraDetection detection(std::shared_ptr<const RuleSet> set, const QStringList &folders);

} // namespace netcase::sigma
