#include "sigmamatch.h"

#include "sigmavalue.h"

#include <algorithm>

namespace netcase::sigma {

namespace {

/// Results kept per field test before its text cache starts again.
constexpr std::size_t kMaxMemo = 1 << 16;

bool fieldMatchesOne(const FieldTest &t, Record &r, const std::string *v, const std::string *low)
{
    for (const ValueTest &vt : t.values) {
        const std::string *ref = vt.refSlot >= 0 ? r.lowered(vt.refSlot) : nullptr;
        const bool ok = testValue(vt, v, low, ref);
        if (ok && !t.all)
            return true;
        if (!ok && t.all)
            return false;
    }
    return t.all;
}

/// A field that holds several values (from an array of the record) matches when one does.
bool fieldMatchesAny(const FieldTest &t, Record &r, const std::string *v)
{
    const std::string *low = v ? r.lowered(t.slot) : nullptr;
    if (!v || v->find(kValueSeparator) == std::string::npos)
        return fieldMatchesOne(t, r, v, low);
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = v->find(kValueSeparator, start);
        const std::size_t n = end == std::string::npos ? std::string::npos : end - start;
        const std::string part = v->substr(start, n), lowPart = low->substr(start, n);
        if (fieldMatchesOne(t, r, &part, &lowPart))
            return true;
        if (end == std::string::npos)
            return false;
        start = end + 1;
    }
}

bool fieldMatches(const FieldTest &t, Record &r)
{
    if (!t.needles.empty() && !r.mayPass(t))
        return false;
    if (t.memo >= 0)
        if (std::int8_t *cell = r.idMemo(t.memo, t.slot)) {
            if (*cell == 0)
                *cell = fieldMatchesAny(t, r, r.value(t.slot)) ? 2 : 1;
            return *cell == 2;
        }
    const std::string *v = r.value(t.slot);
    if (!v || t.memo < 0)
        return fieldMatchesAny(t, r, v);
    auto &memo = r.memo(t.memo);
    if (const auto it = memo.find(*v); it != memo.end())
        return it->second;
    const bool ok = fieldMatchesAny(t, r, v);
    if (memo.size() >= kMaxMemo)
        memo.clear();
    memo.emplace(*v, ok);
    return ok;
}

bool selectionMatches(const Selection &s, Record &r)
{
    if (s.isKeywords) {
        const std::string *raw = r.rawLowered();
        if (!raw)
            return false;
        for (const ValueTest &k : s.keywords) {
            const bool ok = k.needle >= 0
                                    ? r.hasNeedle(k.needle)
                                    : (k.hint < 0 || r.hasNeedle(k.hint)) && testValue(k, raw, raw);
            if (ok && !s.keywordsAll)
                return true;
            if (!ok && s.keywordsAll)
                return false;
        }
        return s.keywordsAll;
    }
    for (const std::vector<FieldTest> &map : s.maps) {
        if (std::all_of(map.begin(), map.end(),
                        [&](const FieldTest &t) { return fieldMatches(t, r); }))
            return true;
    }
    return false;
}

bool eval(const CondNode &n, const Rule &rule, Record &r)
{
    const auto sel = [&](int i) {
        return selectionMatches(rule.selections[std::size_t(i)], r);
    };
    switch (n.kind) {
    case CondNode::Kind::Sel:
        return sel(n.sels.front());
    case CondNode::Kind::Not:
        return !eval(n.kids.front(), rule, r);
    case CondNode::Kind::And:
        return std::all_of(n.kids.begin(), n.kids.end(),
                           [&](const CondNode &k) { return eval(k, rule, r); });
    case CondNode::Kind::Or:
        return std::any_of(n.kids.begin(), n.kids.end(),
                           [&](const CondNode &k) { return eval(k, rule, r); });
    case CondNode::Kind::OneOf:
        return std::any_of(n.sels.begin(), n.sels.end(), sel);
    case CondNode::Kind::AllOf:
        return std::all_of(n.sels.begin(), n.sels.end(), sel);
    }
    return false;
}

} // namespace

bool matches(const Rule &rule, Record &record)
{
    return eval(rule.condition, rule, record);
}

bool inScope(const SourceScope &scope, const std::string &format, Record &record)
{
    if (std::find(scope.formats.begin(), scope.formats.end(), format) == scope.formats.end())
        return false;
    if (scope.zeekLog.empty())
        return true;
    const std::string_view l = record.labelsText();
    return l.find("\"zeek_log\":\"" + scope.zeekLog + "\"") != std::string_view::npos;
}

} // namespace netcase::sigma
