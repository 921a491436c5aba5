#pragma once

// Tokens of the query language. A field term (`user:alice`, `status>=400`,
// `ua:/python.*/`, `user:"a b"`) is one token carrying its name, operator and value; positions
// are byte offsets into the UTF-8 query (parser.h turns them into characters for messages).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netcase::query {

struct Token
{
    enum class Kind { Word, Phrase, Regex, LParen, RParen, And, Or, Not, Field, End };
    Kind kind = Kind::End;
    std::string text; ///< Word, Phrase (unescaped), Regex (between the slashes), Field: name
    size_t pos = 0;
    // Word (also a Field's plain value): the text as a GLOB pattern when it holds an
    // unescaped * or ?, with literal *, ? and [ bracketed.
    std::string glob;
    bool wildcard = false;
    // Field only.
    std::string op;             ///< ":", "=", "!=", "<", "<=", ">", ">="
    Kind valueKind = Kind::End; ///< Word, Phrase or Regex; End when the value is missing
    std::string value;
    size_t valuePos = 0;
};

struct LexError
{
    size_t pos = 0; ///< byte offset
    std::string message;
};

/// Splits the query into tokens (the last one End), or says where it cannot.
std::optional<LexError> lex(std::string_view text, std::vector<Token> &out);

} // namespace netcase::query
