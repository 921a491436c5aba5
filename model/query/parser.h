#pragma once

// The query language's parser: text to syntax tree (ast.h), or an error naming the character
// where the query stops making sense and what was expected there.
//
//   query   := [or]                      (empty: every event)
//   or      := and ("OR" and)*
//   and     := not (["AND"] not)*        (terms side by side mean AND)
//   not     := "NOT" not | primary
//   primary := "(" or ")" | term
//   term    := name op value | "phrase" | /regex/ | word
//   op      := ":" | "=" | "!=" | "<" | "<=" | ">" | ">="

#include "query/ast.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace netcase::query {

struct QueryError
{
    size_t pos = 0; ///< characters (code points) from the start of the query
    std::string message;
};

struct Parsed
{
    std::shared_ptr<const Node> root; ///< null for an empty query (every event)
    std::optional<QueryError> error;
    bool ok() const { return !error; }
};

Parsed parse(std::string_view text);

/// The error for a person: "at character N: message", then the query and a caret under N.
std::string describeError(std::string_view text, const QueryError &error);

} // namespace netcase::query
