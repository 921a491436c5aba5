#pragma once

// Initial column widths for the item views: from a typical value per column (digits are wider
// than the average character, so character counts come out too narrow), never narrower than the
// header text with its sort arrow.

#include <span>

class QTableView;

namespace netcase {

/// Sizes column i of table from samples[i]; a null or empty sample leaves that column alone
/// (for a stretching column).
void fitColumnsToSamples(QTableView *table, std::span<const char *const> samples);

} // namespace netcase
