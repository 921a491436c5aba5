#pragma once

// Builds the flat JSON object stored in Event::labels (ECS "labels": keyword values) without a
// DOM per record: importers call add() for the vendor fields that have no ECS home.

#include <string>
#include <string_view>

namespace netcase {

class LabelsBuilder
{
public:
    /// Adds key: value (a JSON string); empty values are skipped.
    void add(std::string_view key, std::string_view value);
    /// Adds key: a number or true/false, unquoted (anything else is added as a string).
    void addRaw(std::string_view key, std::string_view json);
    bool empty() const { return m_json.empty(); }
    /// The object text, "{...}", or empty when nothing was added.
    std::string take();
    void clear() { m_json.clear(); }

private:
    void key(std::string_view key);
    std::string m_json;
};

/// Appends s to out as the body of a JSON string (quotes not included), escaping as RFC 8259
/// requires and replacing invalid UTF-8 with U+FFFD so the labels always parse.
void appendJsonEscaped(std::string &out, std::string_view s);

} // namespace netcase
