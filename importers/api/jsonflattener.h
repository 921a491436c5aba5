#pragma once

// Parses one JSON record (simdjson on demand, no DOM) and reports every scalar with its path,
// "client.userAgent.rawUserAgent" or "authenticationDetails[0].authenticationMethod". One pass
// over the record: importers match the paths they know and ignore the rest, which is much
// cheaper than looking each field up by JSON pointer.

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace netcase {

struct JsonScalar
{
    enum class Kind { String, Number, Bool, Null };
    Kind kind = Kind::Null;
    /// Unescaped text of a string; the literal text of a number or bool; empty for null.
    std::string_view text;
};

class JsonFlattener
{
public:
    using Visitor = std::function<void(std::string_view path, const JsonScalar &value)>;

    JsonFlattener();
    ~JsonFlattener();
    JsonFlattener(const JsonFlattener &) = delete;
    JsonFlattener &operator=(const JsonFlattener &) = delete;

    /// Flattens a JSON object. text must be followed by kJsonPadding readable bytes (JsonSplitter
    /// guarantees it; see paddedCopy otherwise). Returns an empty string, or why the record is
    /// not a valid JSON object. Values reported before an error must be discarded by the caller.
    std::string flatten(std::string_view text, const Visitor &visit);

    /// Convenience for callers holding unpadded text (previews, tests).
    std::string flattenCopy(std::string_view text, const Visitor &visit);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace netcase
