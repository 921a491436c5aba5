#pragma once

// One term of a query, from its token to a checked node: the field resolved, the value read
// as the field's type (number, time, outcome, address, range, pattern, expression).

#include "query/ast.h"
#include "query/lexer.h"

#include <string>

namespace netcase::query {

struct TermResult
{
    NodePtr node;        ///< null on error
    size_t errorPos = 0; ///< byte offset in the query
    std::string error;
};

TermResult buildTerm(const Token &t);

} // namespace netcase::query
