#pragma once

// One JSON object per line (journalctl -o json, Zeek JSON logs) read with simdjson's on-demand
// parser into flat (key, text) pairs: strings unescaped, numbers and booleans as written,
// arrays and objects as their raw JSON text, null skipped. Views stay valid until the next
// parse().

#include "core/rejectreason.h"

#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace netcase {

class JsonRecord
{
public:
    JsonRecord();
    ~JsonRecord();
    JsonRecord(const JsonRecord &) = delete;
    JsonRecord &operator=(const JsonRecord &) = delete;

    /// Parses one line; false (with a reason) when it is not a JSON object.
    bool parse(std::string_view line, RejectReason &reason);

    using Field = std::pair<std::string_view, std::string_view>;
    const std::vector<Field> &fields() const { return m_fields; }
    /// The text of a top-level key, empty when absent.
    std::string_view get(std::string_view key) const;
    bool has(std::string_view key) const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
    std::vector<Field> m_fields;
};

} // namespace netcase
