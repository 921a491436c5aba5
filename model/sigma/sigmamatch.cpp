#include "sigmamatch.h"

#include "sigmavalue.h"

#include <algorithm>

namespace netcase::sigma {

namespace {

/// Joins the values of a field read from an array (the ASCII record separator).
constexpr char kValueSeparator = '\x1e';
/// Results kept per field test before its cache starts again.
constexpr std::size_t kMaxMemo = 1 << 16;

void lowerInto(const std::string &s, std::string &out)
{
    out.resize(s.size());
    std::transform(s.begin(), s.end(), out.begin(),
                   [](unsigned char c) { return char(c >= 'A' && c <= 'Z' ? c + 32 : c); });
}

bool scalarText(const nlohmann::json &v, std::string &out)
{
    if (v.is_null())
        return false;
    out = v.is_string() ? v.get<std::string>() : v.dump();
    return true;
}

const nlohmann::json *member(const nlohmann::json &obj, const std::string &key)
{
    if (!obj.is_object())
        return nullptr;
    if (auto it = obj.find(key); it != obj.end())
        return &*it;
    // Vendors differ in case (Azure's ResultType / resultType).
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        const std::string &k = it.key();
        if (k.size() == key.size()
            && std::equal(k.begin(), k.end(), key.begin(), [](char a, char b) {
                   return std::tolower(std::uint8_t(a)) == std::tolower(std::uint8_t(b));
               }))
            return &*it;
    }
    return nullptr;
}

/// The values at a dotted path in a JSON document; keys that contain dots are tried whole
/// first, and an array on the way contributes the path's value in each of its elements (Okta's
/// `target.displayName`).
void walk(const nlohmann::json &node,
          const std::string &path,
          std::vector<const nlohmann::json *> &out)
{
    if (node.is_array()) {
        for (const nlohmann::json &item : node)
            if (item.is_object())
                walk(item, path, out);
        return;
    }
    if (const nlohmann::json *whole = member(node, path)) {
        out.push_back(whole);
        return;
    }
    const std::size_t dot = path.find('.');
    if (dot == std::string::npos)
        return;
    if (const nlohmann::json *head = member(node, path.substr(0, dot)))
        walk(*head, path.substr(dot + 1), out);
}

} // namespace

Record::Record(const RuleSet &set)
{
    for (const auto &[group, field] : set.slots)
        m_sources.push_back(resolveField(group, field).value_or(FieldSource{}));
    m_slots.resize(m_sources.size());
    m_memo.resize(std::size_t(set.memoCount));
}

void Record::reset(const EventRow &row, std::function<std::optional<std::string>()> raw)
{
    m_row = &row;
    m_rawFn = std::move(raw);
    ++m_gen;
    m_rawDone = m_rawLowerDone = m_docDone = m_labelsDone = false;
}

const std::string *Record::raw()
{
    if (!m_rawDone) {
        m_raw = m_rawFn ? m_rawFn() : std::nullopt;
        m_rawDone = true;
    }
    return m_raw ? &*m_raw : nullptr;
}

const std::string *Record::rawLowered()
{
    if (!m_rawLowerDone) {
        if (const std::string *r = raw())
            lowerInto(*r, m_rawLower);
        m_rawLowerDone = true;
    }
    return raw() ? &m_rawLower : nullptr;
}

const nlohmann::json *Record::document()
{
    if (!m_docDone) {
        m_docDone = true;
        const std::string *r = raw();
        m_doc = r && !r->empty() && r->front() == '{' ? nlohmann::json::parse(*r, nullptr, false)
                                                      : nlohmann::json();
    }
    return m_doc.is_object() ? &m_doc : nullptr;
}

const nlohmann::json *Record::labels()
{
    if (!m_labelsDone) {
        m_labelsDone = true;
        const std::string &l = m_row->event.labels;
        m_labels = l.empty() ? nlohmann::json() : nlohmann::json::parse(l, nullptr, false);
    }
    return m_labels.is_object() ? &m_labels : nullptr;
}

bool Record::read(int slot, std::string &out)
{
    const FieldSource &s = m_sources[std::size_t(slot)];
    const Event &e = m_row->event;
    using K = FieldSource::Kind;
    switch (s.kind) {
    case K::Ecs:
    case K::UrlQuery:
    case K::UrlPath:
    case K::UrlExtension: {
        if (!s.ecs)
            return false;
        if (s.ecs->text) {
            out = e.*(s.ecs->text);
        } else if (s.ecs->number) {
            const std::int64_t n = s.ecs->number(e);
            if (n < 0)
                return false;
            out = std::to_string(n);
        } else {
            return false;
        }
        if (s.kind == K::Ecs)
            return !out.empty();
        const std::size_t q = out.find('?');
        if (s.kind == K::UrlQuery) {
            out = q == std::string::npos ? std::string() : out.substr(q + 1);
            return !out.empty();
        }
        if (q != std::string::npos)
            out.resize(q);
        if (s.kind == K::UrlExtension) {
            const std::size_t slash = out.rfind('/');
            const std::size_t dot = out.rfind('.');
            if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
                return false;
            out = out.substr(dot + 1);
        }
        return !out.empty();
    }
    case K::Document:
        if (const nlohmann::json *doc = document()) {
            std::vector<const nlohmann::json *> found;
            walk(*doc, s.key, found);
            bool any = false;
            out.clear();
            std::string one;
            for (const nlohmann::json *v : found) {
                if (!scalarText(*v, one))
                    continue;
                out += (any ? std::string(1, kValueSeparator) : std::string()) + one;
                any = true;
            }
            if (any)
                return true;
        }
        [[fallthrough]];
    case K::Label:
        if (const nlohmann::json *l = labels())
            if (const nlohmann::json *v = member(*l, s.key))
                return scalarText(*v, out);
        return false;
    }
    return false;
}

const std::string *Record::value(int slot)
{
    Slot &s = m_slots[std::size_t(slot)];
    if (s.gen != m_gen) {
        s.gen = m_gen;
        s.loweredDone = false;
        s.present = read(slot, s.text);
    }
    return s.present ? &s.text : nullptr;
}

const std::string *Record::lowered(int slot)
{
    const std::string *v = value(slot);
    Slot &s = m_slots[std::size_t(slot)];
    if (v && !s.loweredDone) {
        lowerInto(s.text, s.lower);
        s.loweredDone = true;
    }
    return v ? &s.lower : nullptr;
}

namespace {

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
            const bool ok = testValue(k, raw, raw);
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
    const std::string &l = record.row().event.labels;
    return l.find("\"zeek_log\":\"" + scope.zeekLog + "\"") != std::string::npos;
}

} // namespace netcase::sigma
