#pragma once

// From syntax tree to a backend's WHERE clause. The walk (AND, OR, NOT, what SQL can decide
// and what must be checked per row) is here; a backend supplies only the expression of one
// term (sqlitewhere.h for the case file; a ClickHouse backend would supply its own), with the
// column of each field taken from the field table (FieldDef::column).
//
// Terms over the raw record (words, phrases, /regex/) are not SQL: their part of the clause
// becomes "no restriction" (a superset), and the exact parts of the tree under them become
// flags, expressions read with each row, so that the row check combines them with the raw
// record's matches without a second implementation of any term.

#include "query/ast.h"

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace netcase::query {

struct CompiledWhere
{
    std::string where = "1";        ///< every match passes; exact when check is empty
    std::vector<std::string> flags; ///< read per row for check, NULL as false
    /// Decides one row that passed `where`: raw is its record (null when absent).
    std::function<bool(const std::string *raw, const std::vector<char> &flags)> check;
};

class WhereCompiler
{
public:
    virtual ~WhereCompiler() = default;

    CompiledWhere compile(const std::shared_ptr<const Node> &root);

protected:
    /// The backend's expression for one term (Node::Kind::Term): true when it matches, false
    /// or NULL when not.
    virtual std::string term(const Node &n) = 0;
    /// NOT of an expression that may be NULL (an absent field): true when inner is not true.
    virtual std::string negate(const std::string &inner)
    {
        return "NOT COALESCE((" + inner + "), 0)";
    }
    virtual std::string asFlag(const std::string &inner) { return "COALESCE((" + inner + "), 0)"; }

private:
    struct Part
    {
        std::string sql; ///< empty: no restriction (raw terms decide)
        bool exact = true;
    };
    Part walk(const Node &n);
    void
    assignFlags(const Node &n, CompiledWhere &out, std::unordered_map<const Node *, int> &flagOf);

    std::unordered_map<const Node *, Part> m_parts;
};

/// A comparison as SQL (" < ", " >= ", " = " ...), the same in every backend's dialect.
const char *sqlOperator(Op op);

/// Evaluates the tree on one row: flags for its exact parts, the raw record for the rest.
bool evaluateRow(const Node &n,
                 const std::unordered_map<const Node *, int> &flagOf,
                 const std::vector<char> &flags,
                 const std::string *raw,
                 std::string &lowered);

} // namespace netcase::query
