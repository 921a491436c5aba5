// Record (sigmamatch.h): the Sigma fields of one event, read once each, from an EventRow or
// from an event as stored (dictionary ids, sigmascan.h).

#include "sigmamatch.h"

#include <re2/set.h>

#include <algorithm>

namespace netcase::sigma {

namespace {

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

/// The part of url.original a URL field means (the whole for Ecs); false when it is empty.
bool urlPart(FieldSource::Kind kind, const std::string &full, std::string &out)
{
    using K = FieldSource::Kind;
    if (kind == K::Ecs) {
        out = full;
        return !out.empty();
    }
    const std::size_t q = full.find('?');
    if (kind == K::UrlQuery) {
        out = q == std::string::npos ? std::string() : full.substr(q + 1);
        return !out.empty();
    }
    out = full.substr(0, q);
    if (kind == K::UrlExtension) {
        const std::size_t slash = out.rfind('/');
        const std::size_t dot = out.rfind('.');
        if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
            return false;
        out = out.substr(dot + 1);
    }
    return !out.empty();
}

} // namespace

/// Every plain keyword of the rule set searched for in one pass over a raw record (RE2::Set of
/// literals over bytes); the result is kept per record. A record the set cannot search (out of
/// memory) is searched for each keyword that is asked for.
struct Record::Needles
{
    explicit Needles(const std::vector<std::string> &texts)
        : texts(texts)
        , set(options(), RE2::UNANCHORED)
    {
        for (const std::string &t : texts)
            ok = ok && set.Add(t, nullptr) >= 0;
        ok = ok && set.Compile();
    }
    static RE2::Options options()
    {
        RE2::Options o;
        o.set_encoding(RE2::Options::EncodingLatin1);
        o.set_literal(true);
        o.set_case_sensitive(true);
        o.set_log_errors(false);
        o.set_max_mem(std::int64_t(64) << 20);
        return o;
    }
    const std::vector<std::string> &texts;
    RE2::Set set;
    bool ok = true;
    std::uint32_t gen = 0;
    bool searched = false; ///< found holds this record's matches
    std::vector<std::int8_t> found;
    std::vector<int> hits;
};

Record::~Record() = default;

Record::Record(const RuleSet &set)
{
    if (!set.needles.empty())
        m_needles = std::make_unique<Needles>(set.needles);
    const auto fields = eventFields();
    for (const auto &[group, field] : set.slots) {
        m_sources.push_back(resolveField(group, field).value_or(FieldSource{}));
        const FieldDef *ecs = m_sources.back().ecs;
        m_columns.push_back(ecs ? int(ecs - fields.data()) : -1);
        const auto kind = m_sources.back().kind;
        m_keyed.push_back(ecs && ecs->text
                          && (ecs->type == FieldType::Text || ecs->type == FieldType::Address)
                          && kind != FieldSource::Kind::Label
                          && kind != FieldSource::Kind::Document);
    }
    m_slots.resize(m_sources.size());
    m_memo.resize(std::size_t(set.memoCount));
    m_idMemo.resize(std::size_t(set.memoCount));
    m_localIds.resize(fields.size());
    m_localCount.resize(fields.size(), 0);
}

void Record::begin()
{
    ++m_gen;
    m_rawDone = m_rawLowerDone = m_docDone = m_labelsDone = false;
    m_labelsScan = 0;
}

void Record::reset(const EventRow &row, std::function<std::optional<std::string>()> raw)
{
    m_row = &row;
    m_ids = nullptr;
    m_dicts = nullptr;
    m_rawFn = std::move(raw);
    begin();
}

void Record::reset(const IdRow &row,
                   const Dictionaries &dicts,
                   std::function<std::optional<std::string>()> raw)
{
    m_row = nullptr;
    m_ids = &row;
    m_dicts = &dicts;
    m_rawFn = std::move(raw);
    begin();
}

bool Record::hasNeedle(int needle)
{
    const std::string *raw = rawLowered();
    if (!raw || !m_needles)
        return false;
    Needles &n = *m_needles;
    if (n.gen != m_gen) {
        n.gen = m_gen;
        n.found.assign(n.texts.size(), -1);
        n.hits.clear();
        RE2::Set::ErrorInfo error{};
        if (n.ok && (n.set.Match(*raw, &n.hits, &error) || error.kind == RE2::Set::kNoError)) {
            std::fill(n.found.begin(), n.found.end(), 0);
            for (int i : n.hits)
                n.found[std::size_t(i)] = 1;
        }
    }
    std::int8_t &f = n.found[std::size_t(needle)];
    if (f < 0)
        f = raw->find(n.texts[std::size_t(needle)]) != std::string::npos ? 1 : 0;
    return f == 1;
}

bool Record::mayPass(const FieldTest &t)
{
    if (m_labelsScan == 0) {
        const std::string_view l = labelsText();
        m_labelsLower.assign(l.begin(), l.end());
        lowerInto(m_labelsLower, m_labelsLower);
        m_labelsScan = m_labelsLower.find('\\') != std::string::npos ? 2 : 1;
    }
    if (m_labelsScan == 2)
        return true;
    for (int n : t.needles)
        if (m_labelsLower.find(m_needles->texts[std::size_t(n)]) != std::string::npos)
            return true;
    if (m_sources[std::size_t(t.slot)].kind != FieldSource::Kind::Document || !rawLowered())
        return false;
    if (m_rawEscaped)
        return true;
    return std::any_of(t.needles.begin(), t.needles.end(), [&](int n) { return hasNeedle(n); });
}

std::string_view Record::labelsText() const
{
    return m_ids ? m_ids->labels : std::string_view(m_row->event.labels);
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
        if (const std::string *r = raw()) {
            lowerInto(*r, m_rawLower);
            m_rawEscaped = m_rawLower.find('\\') != std::string::npos;
        }
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
        const std::string_view l = labelsText();
        m_labels = l.empty() ? nlohmann::json() : nlohmann::json::parse(l, nullptr, false);
    }
    return m_labels.is_object() ? &m_labels : nullptr;
}

bool Record::read(int slot, std::string &out)
{
    const FieldSource &s = m_sources[std::size_t(slot)];
    using K = FieldSource::Kind;
    switch (s.kind) {
    case K::Ecs:
    case K::UrlQuery:
    case K::UrlPath:
    case K::UrlExtension: {
        if (!s.ecs || !m_row)
            return false;
        const Event &e = m_row->event;
        if (s.ecs->text)
            return urlPart(s.kind, e.*(s.ecs->text), out);
        if (s.ecs->number) {
            const std::int64_t n = s.ecs->number(e);
            return n >= 0 && urlPart(s.kind, std::to_string(n), out);
        }
        return false;
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

bool Record::readStored(int slot, Slot &s)
{
    const FieldSource &src = m_sources[std::size_t(slot)];
    const int col = m_columns[std::size_t(slot)];
    if (col < 0 || src.kind == FieldSource::Kind::Label
        || src.kind == FieldSource::Kind::Document) {
        s.text = &s.own;
        return read(slot, s.own);
    }
    const FieldDef &f = *src.ecs;
    const std::int64_t v = m_ids->cols[std::size_t(col)];
    if (f.type == FieldType::Json) {
        s.own = std::string(m_ids->labels);
        s.text = &s.own;
        return urlPart(src.kind, s.own, s.own);
    }
    if (f.type == FieldType::Integer && f.number) {
        const std::int64_t n = v == IdRow::kNull ? -1 : v;
        s.text = &s.own;
        return n >= 0 && urlPart(src.kind, std::to_string(n), s.own);
    }
    if (!f.text || v == IdRow::kNull)
        return false;
    const std::string &full = m_dicts->text(f.type, v);
    if (src.kind == FieldSource::Kind::Ecs) {
        s.text = &full;
        return !full.empty();
    }
    s.text = &s.own;
    return urlPart(src.kind, full, s.own);
}

const std::string *Record::value(int slot)
{
    Slot &s = m_slots[std::size_t(slot)];
    if (s.gen != m_gen) {
        s.gen = m_gen;
        s.loweredDone = false;
        if (m_ids) {
            s.present = readStored(slot, s);
        } else {
            s.text = &s.own;
            s.present = read(slot, s.own);
        }
    }
    return s.present ? s.text : nullptr;
}

const std::string *Record::lowered(int slot)
{
    const std::string *v = value(slot);
    Slot &s = m_slots[std::size_t(slot)];
    if (v && !s.loweredDone) {
        lowerInto(*v, s.lower);
        s.loweredDone = true;
    }
    return v ? &s.lower : nullptr;
}

std::int32_t Record::localOf(int slot)
{
    Slot &s = m_slots[std::size_t(slot)];
    if (s.localGen == m_gen)
        return s.local;
    s.localGen = m_gen;
    s.local = -1;
    const int col = m_columns[std::size_t(slot)];
    if (!m_ids || !m_keyed[std::size_t(slot)])
        return -1;
    // The field's value (and whether it is there) depends on the string id alone: index 0 is
    // NULL, id + 1 the others.
    const std::int64_t v = m_ids->cols[std::size_t(col)];
    if (v < 0 && v != IdRow::kNull)
        return -1;
    const std::size_t key = v == IdRow::kNull ? 0 : std::size_t(v) + 1;
    auto &ids = m_localIds[std::size_t(col)];
    if (key >= ids.size())
        ids.resize(std::max(key + 1, ids.size() * 2), -1);
    std::int32_t &local = ids[key];
    if (local < 0)
        local = m_localCount[std::size_t(col)]++;
    s.local = local;
    return local;
}

std::int8_t *Record::idMemo(int index, int slot)
{
    const std::int32_t local = localOf(slot);
    if (local < 0)
        return nullptr;
    auto &memo = m_idMemo[std::size_t(index)];
    if (std::size_t(local) >= memo.size())
        memo.resize(std::max(std::size_t(local) + 1, memo.size() * 2), 0);
    return &memo[std::size_t(local)];
}

} // namespace netcase::sigma
