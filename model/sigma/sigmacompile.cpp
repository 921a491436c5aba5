#include "sigmacompile.h"

#include "sigmacondition.h"
#include "sigmafields.h"
#include "sigmavalue.h"

#include <algorithm>

namespace netcase::sigma {

namespace {

std::vector<std::string> split(const std::string &key)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t bar = key.find('|', start);
        parts.push_back(key.substr(start, bar == std::string::npos ? bar : bar - start));
        if (bar == std::string::npos)
            return parts;
        start = bar + 1;
    }
}

std::optional<RawValue> scalarValue(const YAML::Node &n)
{
    RawValue v;
    if (n.IsNull()) {
        v.kind = RawValue::Kind::Null;
        return v;
    }
    if (!n.IsScalar())
        return std::nullopt;
    v.text = n.Scalar();
    return v;
}

/// The values of a node: a scalar, null or a list of scalars.
std::optional<std::vector<RawValue>> valuesOf(const YAML::Node &n)
{
    std::vector<RawValue> out;
    if (n.IsSequence()) {
        for (const YAML::Node &item : n) {
            auto v = scalarValue(item);
            if (!v)
                return std::nullopt;
            out.push_back(std::move(*v));
        }
        return out;
    }
    auto v = scalarValue(n);
    if (!v)
        return std::nullopt;
    out.push_back(std::move(*v));
    return out;
}

std::optional<std::string>
compileMap(const YAML::Node &map, const Rule &rule, RuleSet &set, std::vector<FieldTest> &out)
{
    const std::string &group = rule.scope.group;
    const auto slotOf = [&](const std::string &field) -> int {
        return resolveField(group, field) ? set.slotFor(group, field) : -1;
    };
    for (const auto &kv : map) {
        const std::vector<std::string> parts = split(kv.first.Scalar());
        FieldTest t;
        t.field = parts.front();
        if (t.field.empty())
            return std::string("a modifier without a field ('|...') is not supported");
        t.slot = slotOf(t.field);
        if (t.slot < 0)
            return "field '" + t.field + "' has no Netcase field for this log source";
        const auto values = valuesOf(kv.second);
        if (!values)
            return "field '" + t.field + "': nested values are not supported";
        const std::vector<std::string> mods(parts.begin() + 1, parts.end());
        if (auto why = compileValues(mods, *values, slotOf, t))
            return "field '" + t.field + "': " + *why;
        // A test that depends on its value alone keeps its result per value text (a user agent
        // or URL repeats across events); |fieldref also depends on another field.
        if (std::none_of(t.values.begin(), t.values.end(),
                         [](const ValueTest &v) { return v.op == ValueTest::Op::FieldRef; }))
            t.memo = set.memoCount++;
        out.push_back(std::move(t));
    }
    return std::nullopt;
}

std::optional<std::string>
compileSelection(const YAML::Node &node, const Rule &rule, RuleSet &set, Selection &sel)
{
    if (node.IsMap()) {
        sel.maps.emplace_back();
        return compileMap(node, rule, set, sel.maps.back());
    }
    if (node.IsSequence() && node.size() > 0 && node[0].IsMap()) {
        for (const YAML::Node &item : node) {
            if (!item.IsMap())
                return "'" + sel.name + "' mixes maps and values";
            sel.maps.emplace_back();
            if (auto why = compileMap(item, rule, set, sel.maps.back()))
                return why;
        }
        return std::nullopt;
    }
    const auto values = valuesOf(node);
    if (!values)
        return "'" + sel.name + "' is neither a map, a list of maps nor a list of values";
    sel.isKeywords = true;
    return compileKeywords({}, *values, sel);
}

} // namespace

std::vector<std::string> textList(const YAML::Node &node)
{
    std::vector<std::string> out;
    if (!node.IsDefined())
        return out;
    if (node.IsScalar())
        out.push_back(node.Scalar());
    else if (node.IsSequence())
        for (const YAML::Node &n : node)
            if (n.IsScalar())
                out.push_back(n.Scalar());
    return out;
}

std::optional<std::string> compileDetection(const YAML::Node &detection, Rule &rule, RuleSet &set)
{
    if (!detection.IsMap())
        return std::string("detection is not a map");
    std::vector<std::string> names;
    YAML::Node condition;
    for (const auto &kv : detection) {
        const std::string name = kv.first.Scalar();
        if (name == "condition") {
            condition = kv.second;
            continue;
        }
        if (name == "timeframe")
            return std::string("'timeframe' (an aggregation's window) is not supported; use a "
                               "correlation rule");
        Selection sel;
        sel.name = name;
        if (auto why = compileSelection(kv.second, rule, set, sel))
            return why;
        rule.needsRaw = rule.needsRaw || sel.isKeywords;
        names.push_back(name);
        rule.selections.push_back(std::move(sel));
    }
    const std::vector<std::string> conditions = textList(condition);
    if (conditions.empty())
        return std::string("no condition");
    CondNode any;
    any.kind = CondNode::Kind::Or;
    for (const std::string &text : conditions) {
        auto parsed = parseCondition(text, names);
        if (auto *why = std::get_if<std::string>(&parsed))
            return *why;
        any.kids.push_back(std::move(std::get<CondNode>(parsed)));
    }
    rule.condition = any.kids.size() == 1 ? std::move(any.kids.front()) : std::move(any);
    return std::nullopt;
}

} // namespace netcase::sigma
