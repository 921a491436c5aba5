#pragma once

// The query language's syntax tree (`netcase help query`, docs/QUERY.md). Parsed once by
// parse() (parser.h) and compiled by a WhereCompiler (wherecompiler.h) into the SQL of one
// database; the tree itself knows nothing of SQL, so another backend compiles the same tree.

#include "core/fields.h"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace re2 {
class RE2;
}

namespace netcase::query {

/// What a field term looks at: one or more event fields (ip: is source, client and
/// destination address), or something joined to the event (its source file, the country or
/// AS of its addresses).
struct Target
{
    /// Tag and Noted look at the analyst's notes on the event (the case's `notes` table):
    /// tag:phishing, is:starred.
    enum class Kind : std::uint8_t { Fields, SourceFile, Country, Asn, Tag, Noted };
    Kind kind = Kind::Fields;
    std::string name;                     ///< canonical name, printed (ECS where one exists)
    std::vector<const FieldDef *> fields; ///< Kind::Fields (Country and Asn: their addresses)
    FieldType type = FieldType::Text;     ///< how values are read
};

enum class Op : std::uint8_t { Eq, Lt, Le, Gt, Ge };

/// How a term's value matches.
enum class Match : std::uint8_t {
    Exact, ///< the whole value (text, address, number, outcome)
    Glob,  ///< a pattern with * and ? (text and addresses)
    Regex, ///< an RE2 expression, found anywhere in the value
    Cidr,  ///< an address range
    Range, ///< numbers and times: Op against number
    Span,  ///< times: [number, numberHi) (a date, or a time to the minute or second)
    Any,   ///< field:* (the field is present)
};

struct Node
{
    enum class Kind : std::uint8_t {
        And,     ///< children, all
        Or,      ///< children, any
        Not,     ///< children[0] does not match
        Term,    ///< a field compared with a value
        Word,    ///< a bare word: in the raw record, ignoring ASCII case
        Phrase,  ///< a quoted phrase: in the raw record, exactly
        RawRegex ///< /regex/ alone: in the raw record
    };
    Kind kind = Kind::Term;
    std::vector<std::unique_ptr<Node>> children;
    size_t pos = 0; ///< of the term in the query, in characters

    // Term
    Target target;
    Match match = Match::Exact;
    Op op = Op::Eq;
    std::string value;         ///< literal (Exact), pattern (Glob, Regex), text (Word, Phrase)
    std::int64_t number = 0;   ///< Range, Span (start), numeric Exact, Cidr prefix length
    std::int64_t numberHi = 0; ///< Span (end, exclusive)
    std::array<std::uint8_t, 16> cidr{};   ///< Cidr: network, IPv4 as IPv4-mapped IPv6
    std::shared_ptr<const re2::RE2> regex; ///< Regex, RawRegex
};

using NodePtr = std::unique_ptr<Node>;

/// The canonical printed form, for tests and `--explain`: (and ...), (or ...), (not ...),
/// [field op value], [raw word "x"]. Two queries that mean the same print the same.
std::string printAst(const Node *root);

/// True when the tree has a term over the raw record (words, phrases, /regex/).
bool needsRaw(const Node &n);

} // namespace netcase::query
