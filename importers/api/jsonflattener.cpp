#include "jsonflattener.h"

#include "api/jsonsplitter.h"

#include <simdjson.h>

namespace netcase {

namespace ondemand = simdjson::ondemand;
static_assert(kJsonPadding >= simdjson::SIMDJSON_PADDING);

namespace {

// Deeper nesting than this is reported as an error rather than recursed into, so hostile input
// cannot exhaust the stack.
constexpr int kMaxDepth = 64;

std::string_view trimToken(std::string_view s)
{
    while (!s.empty()
           && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

class Walker
{
public:
    Walker(std::string &path, const JsonFlattener::Visitor &visit)
        : m_path(path)
        , m_visit(visit)
    {}

    simdjson::error_code object(ondemand::object obj, int depth)
    {
        for (auto field : obj) {
            std::string_view key;
            if (auto e = field.unescaped_key().get(key))
                return e;
            const size_t mark = m_path.size();
            if (!m_path.empty())
                m_path.push_back('.');
            m_path.append(key);
            ondemand::value v;
            auto e = field.value().get(v);
            if (!e)
                e = value(v, depth + 1);
            m_path.resize(mark);
            if (e)
                return e;
        }
        return simdjson::SUCCESS;
    }

    simdjson::error_code array(ondemand::array arr, int depth)
    {
        size_t index = 0;
        for (auto element : arr) {
            ondemand::value v;
            if (auto e = element.get(v))
                return e;
            const size_t mark = m_path.size();
            m_path.push_back('[');
            m_path.append(std::to_string(index++));
            m_path.push_back(']');
            auto e = value(v, depth + 1);
            m_path.resize(mark);
            if (e)
                return e;
        }
        return simdjson::SUCCESS;
    }

    simdjson::error_code value(ondemand::value v, int depth)
    {
        if (depth > kMaxDepth)
            return simdjson::DEPTH_ERROR;
        ondemand::json_type type;
        if (auto e = v.type().get(type))
            return e;
        JsonScalar s;
        switch (type) {
        case ondemand::json_type::object: {
            ondemand::object o;
            if (auto e = v.get_object().get(o))
                return e;
            return object(o, depth);
        }
        case ondemand::json_type::array: {
            ondemand::array a;
            if (auto e = v.get_array().get(a))
                return e;
            return array(a, depth);
        }
        case ondemand::json_type::string:
            s.kind = JsonScalar::Kind::String;
            if (auto e = v.get_string().get(s.text))
                return e;
            break;
        case ondemand::json_type::number: {
            s.kind = JsonScalar::Kind::Number;
            s.text = trimToken(v.raw_json_token());
            double d;
            if (auto e = v.get_double().get(d))
                return e;
            break;
        }
        case ondemand::json_type::boolean: {
            s.kind = JsonScalar::Kind::Bool;
            bool b;
            if (auto e = v.get_bool().get(b))
                return e;
            s.text = b ? "true" : "false";
            break;
        }
        case ondemand::json_type::null: {
            bool isNull = false;
            if (auto e = v.is_null().get(isNull))
                return e;
            if (!isNull)
                return simdjson::N_ATOM_ERROR;
            break;
        }
        }
        m_visit(m_path, s);
        return simdjson::SUCCESS;
    }

private:
    std::string &m_path;
    const JsonFlattener::Visitor &m_visit;
};

} // namespace

struct JsonFlattener::Impl
{
    ondemand::parser parser;
    std::string path;
    std::string copy;
};

JsonFlattener::JsonFlattener()
    : d(std::make_unique<Impl>())
{}

JsonFlattener::~JsonFlattener() = default;

std::string JsonFlattener::flatten(std::string_view text, const Visitor &visit)
{
    ondemand::document doc;
    auto e = d->parser.iterate(text.data(), text.size(), text.size() + kJsonPadding).get(doc);
    if (e)
        return simdjson::error_message(e);
    ondemand::object obj;
    if (doc.get_object().get(obj))
        return "not a JSON object";
    d->path.clear();
    Walker walker(d->path, visit);
    // Trailing bytes cannot occur: JsonSplitter cuts exactly one balanced value.
    e = walker.object(obj, 0);
    if (e)
        return simdjson::error_message(e);
    return {};
}

std::string JsonFlattener::flattenCopy(std::string_view text, const Visitor &visit)
{
    d->copy.assign(text);
    d->copy.reserve(text.size() + kJsonPadding);
    return flatten(d->copy, visit);
}

} // namespace netcase
