#pragma once

// Reading Sigma rules (YAML, with yaml-cpp) from folders into a compiled RuleSet. Every rule
// file read ends up either as a Rule or Correlation, or in RuleSet::unsupported with the reason;
// nothing is skipped silently.

#include "sigmarule.h"

#include <QString>
#include <QStringList>

#include <string>

namespace netcase::sigma {

/// Every *.yml / *.yaml file under the folders (recursively, in path order). A folder that
/// does not exist is listed in unsupported with that reason.
RuleSet loadFolders(const QStringList &folders);

/// One file's text (one or more YAML documents) into set; path names it in messages.
void loadText(const std::string &text, const std::string &path, RuleSet &set);

/// Resolves the correlations' rule references (call after the last loadText); correlations
/// that name unknown or unsupported rules move to unsupported.
void linkCorrelations(RuleSet &set);

} // namespace netcase::sigma
