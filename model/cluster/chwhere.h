#pragma once

// The case query language (model/query, docs/QUERY.md) compiled for the cluster's events table
// (chschema.h): the same syntax tree as in a case, another backend of the WhereCompiler. Field
// terms become conditions on the table's columns (absent values as chrows.h writes them: '' for
// text, -1 for numbers, sixteen zero bytes for addresses), wildcards LIKE, regular expressions
// match() (RE2 on both sides), address ranges a byte range on the FixedString(16) columns.
// What the cluster cannot answer is refused with a message, never answered differently:
// bare words, "phrases" and /regex/ alone (the cluster keeps no raw lines), country:, asn:
// (the case's enrichment) and file: (the case's sources).

#include "cluster/chfilter.h"
#include "core/result.h"
#include "query/ast.h"

#include <memory>

namespace netcase::cluster {

/// The WHERE condition of a parsed query (null root: every event), or why it cannot be asked.
Result<QString> queryWhere(const std::shared_ptr<const query::Node> &root);

/// base narrowed by the query text: its condition ANDed on, the query added to its text (and so
/// to the pulled source's provenance). A query that does not parse is a usage error.
Result<ChFilter> withQuery(ChFilter base, const QString &queryText);

} // namespace netcase::cluster
