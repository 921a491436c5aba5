#pragma once

// The query language as an event filter: a parsed query becomes EventFilter::predicate, so
// every reader that takes an EventFilter (EventQuery, the event table, the table export,
// `netcase events`) can search with it. The dictionaries are consulted on the connection
// that runs the read, so a view parses on its thread and a worker resolves and runs.

#include "case/eventquery.h"
#include "query/parser.h"

#include <memory>
#include <string_view>

namespace netcase::query {

/// The predicate of a parsed tree (null root: every event).
std::shared_ptr<const EventPredicate> predicateFor(std::shared_ptr<const Node> root);

/// Parses text into filter.predicate (an empty query clears it); the error if it cannot.
std::optional<QueryError> applyQuery(std::string_view text, EventFilter &filter);

} // namespace netcase::query
