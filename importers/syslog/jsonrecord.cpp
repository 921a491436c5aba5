#include "jsonrecord.h"

#include <simdjson.h>

#include <string>

namespace netcase {

struct JsonRecord::Impl
{
    simdjson::ondemand::parser parser;
    std::string buffer; ///< the line plus simdjson's padding
};

JsonRecord::JsonRecord()
    : d(std::make_unique<Impl>())
{}
JsonRecord::~JsonRecord() = default;

namespace {

std::string_view trimmed(std::string_view s)
{
    while (!s.empty()
           && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

} // namespace

bool JsonRecord::parse(std::string_view line, RejectReason &reason)
{
    using namespace simdjson;
    m_fields.clear();
    d->buffer.assign(line);
    d->buffer.resize(line.size() + SIMDJSON_PADDING, '\0');
    const padded_string_view view(d->buffer.data(), line.size(), d->buffer.size());
    ondemand::document doc;
    if (d->parser.iterate(view).get(doc) != SUCCESS) {
        reason = {RejectKind::Syntax, "not JSON"};
        return false;
    }
    ondemand::object obj;
    if (doc.get_object().get(obj) != SUCCESS) {
        reason = {RejectKind::Syntax, "not a JSON object"};
        return false;
    }
    for (auto field : obj) {
        std::string_view key;
        if (field.unescaped_key().get(key) != SUCCESS) {
            reason = {RejectKind::Syntax, "malformed JSON key"};
            return false;
        }
        ondemand::value v;
        if (field.value().get(v) != SUCCESS) {
            reason = {RejectKind::Syntax, "malformed JSON value"};
            return false;
        }
        ondemand::json_type type;
        if (v.type().get(type) != SUCCESS) {
            reason = {RejectKind::Syntax, "malformed JSON value"};
            return false;
        }
        std::string_view text;
        error_code err = SUCCESS;
        switch (type) {
        case ondemand::json_type::string:
            err = v.get_string().get(text);
            break;
        case ondemand::json_type::number:
        case ondemand::json_type::boolean:
            text = trimmed(v.raw_json_token());
            if (type == ondemand::json_type::boolean && text != "true" && text != "false")
                err = INCORRECT_TYPE;
            break;
        case ondemand::json_type::null:
            if (v.is_null().error() != SUCCESS)
                err = INCORRECT_TYPE;
            continue;
        case ondemand::json_type::array: {
            ondemand::array a;
            err = v.get_array().get(a);
            if (err == SUCCESS)
                err = a.raw_json().get(text);
            break;
        }
        case ondemand::json_type::object: {
            ondemand::object o;
            err = v.get_object().get(o);
            if (err == SUCCESS)
                err = o.raw_json().get(text);
            break;
        }
        }
        if (err != SUCCESS) {
            reason = {RejectKind::Syntax, "malformed JSON value"};
            return false;
        }
        m_fields.emplace_back(key, text);
    }
    return true;
}

std::string_view JsonRecord::get(std::string_view key) const
{
    for (const auto &[k, v] : m_fields) {
        if (k == key)
            return v;
    }
    return {};
}

bool JsonRecord::has(std::string_view key) const
{
    for (const auto &f : m_fields) {
        if (f.first == key)
            return true;
    }
    return false;
}

} // namespace netcase
