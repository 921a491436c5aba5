#include "sqlitewhere.h"

#include "case/sqlite.h"
#include "core/fields.h"
#include "core/ipaddr.h"

#include <re2/re2.h>

namespace netcase::query {

namespace {

constexpr size_t kLookupLimit = 256; ///< up to this many ids, one posting list each

bool inCidr(const std::array<std::uint8_t, 16> &a, const Node &n)
{
    const int bits = int(n.number);
    for (int i = 0; i < bits / 8; ++i) {
        if (a[size_t(i)] != n.cidr[size_t(i)])
            return false;
    }
    if (bits % 8 == 0)
        return true;
    const std::uint8_t mask = std::uint8_t(0xff00u >> (bits % 8));
    return (a[size_t(bits / 8)] & mask) == n.cidr[size_t(bits / 8)];
}

/// The dictionary's text prefix every IPv4 address of the range starts with ("10.1." for
/// 10.1.0.0/16), so the ips index narrows the candidates; empty for IPv6 and short prefixes.
std::string v4TextPrefix(const Node &n)
{
    const int bits = int(n.number) - 96;
    if (bits < 8
        || !std::equal(n.cidr.begin(), n.cidr.begin() + 10, std::array<std::uint8_t, 10>{}.begin())
        || n.cidr[10] != 0xff || n.cidr[11] != 0xff)
        return {};
    std::string prefix;
    for (int octet = 0; octet < bits / 8 && octet < 4; ++octet)
        prefix += std::to_string(n.cidr[size_t(12 + octet)]) + '.';
    return bits >= 32 ? std::string() : prefix;
}

} // namespace

std::string SqliteWhere::literal(std::string_view s)
{
    std::string out = "'";
    for (char c : s) {
        if (c == '\'')
            out += '\'';
        out += c;
    }
    return out + '\'';
}

std::string SqliteWhere::inSet(const std::string &column, const std::vector<std::int64_t> &ids)
{
    if (ids.empty())
        return "0";
    std::string out = (ids.size() > kLookupLimit ? "+" : "") + column + " IN (";
    for (size_t i = 0; i < ids.size(); ++i) {
        if (i)
            out += ',';
        out += std::to_string(ids[i]);
    }
    return out + ')';
}

std::vector<std::int64_t> SqliteWhere::ids(const std::string &sql) const
{
    std::vector<std::int64_t> out;
    Statement st = m_db.prepare(sql);
    while (st.step())
        out.push_back(st.int64(0));
    return out;
}

std::vector<std::int64_t> SqliteWhere::regexIds(const std::string &sql, const Node &n) const
{
    std::vector<std::int64_t> out;
    Statement st = m_db.prepare(sql);
    while (st.step()) {
        const std::string_view text = st.textView(1);
        if (RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *n.regex))
            out.push_back(st.int64(0));
    }
    return out;
}

std::vector<std::int64_t> SqliteWhere::cidrIds(const Node &n) const
{
    std::string sql = "SELECT id, ip FROM ips";
    if (const std::string prefix = v4TextPrefix(n); !prefix.empty())
        sql += " WHERE ip GLOB " + literal(prefix + '*');
    std::vector<std::int64_t> out;
    Statement st = m_db.prepare(sql);
    std::array<std::uint8_t, 16> bytes{};
    bool v4 = false;
    while (st.step()) {
        if (parseIpBytes(st.textView(1), bytes, v4) && inCidr(bytes, n))
            out.push_back(st.int64(0));
    }
    return out;
}

std::vector<std::int64_t> SqliteWhere::enrichedAddresses(const Node &n) const
{
    const std::string base
            = "SELECT ip_id, country_iso, country_name FROM ip_info WHERE current = 1";
    if (n.target.kind == Target::Kind::Asn) {
        if (n.match == Match::Any)
            return ids(base + " AND asn IS NOT NULL");
        return ids(base + " AND asn" + sqlOperator(n.op) + std::to_string(n.number));
    }
    switch (n.match) {
    case Match::Any:
        return ids(base + " AND country_iso IS NOT NULL");
    case Match::Glob:
        return ids(base + " AND (upper(country_iso) GLOB upper(" + literal(n.value)
                   + ") OR country_name GLOB " + literal(n.value) + ")");
    case Match::Regex: {
        std::vector<std::int64_t> out;
        Statement st = m_db.prepare(base);
        while (st.step()) {
            const std::string_view iso = st.textView(1), name = st.textView(2);
            if (RE2::PartialMatch(re2::StringPiece(iso.data(), iso.size()), *n.regex)
                || RE2::PartialMatch(re2::StringPiece(name.data(), name.size()), *n.regex))
                out.push_back(st.int64(0));
        }
        return out;
    }
    default:
        return ids(base + " AND (country_iso = upper(" + literal(n.value)
                   + ") OR country_name = " + literal(n.value) + " COLLATE NOCASE)");
    }
}

std::vector<std::int64_t> SqliteWhere::noted(const Node &n) const
{
    if (!m_db.hasTable("notes")) // a case older than notes (schema 6) has none
        return {};
    if (n.target.kind == Target::Kind::Noted) {
        const std::string kinds = n.value == "starred"     ? "kind = 'star'"
                                  : n.value == "tagged"    ? "kind = 'tag'"
                                  : n.value == "commented" ? "kind = 'comment'"
                                                           : "event_id IS NOT NULL";
        return ids("SELECT DISTINCT event_id FROM notes WHERE " + kinds + " ORDER BY 1");
    }
    const std::string base = "SELECT DISTINCT event_id FROM notes WHERE kind = 'tag'";
    switch (n.match) {
    case Match::Any:
        return ids(base + " ORDER BY 1");
    case Match::Glob:
        return ids(base + " AND text GLOB " + literal(n.value) + " ORDER BY 1");
    case Match::Regex: {
        std::vector<std::int64_t> out;
        for (std::int64_t id : regexIds("SELECT event_id, text FROM notes WHERE kind = 'tag' "
                                        "ORDER BY 1",
                                        n))
            if (out.empty() || out.back() != id)
                out.push_back(id);
        return out;
    }
    default:
        return ids(base + " AND text = " + literal(n.value) + " ORDER BY 1");
    }
}

std::string SqliteWhere::anyAddressIn(const Node &n, const std::vector<std::int64_t> &ips) const
{
    std::vector<std::string> parts;
    for (const FieldDef *f : n.target.fields)
        parts.push_back(inSet(std::string("e.") + f->column, ips));
    std::string out;
    for (const std::string &p : parts)
        out += (out.empty() ? "" : " OR ") + p;
    return parts.size() > 1 ? '(' + out + ')' : out;
}

std::string SqliteWhere::term(const Node &n)
{
    switch (n.target.kind) {
    case Target::Kind::SourceFile: {
        const std::string base = "SELECT id, name FROM sources";
        switch (n.match) {
        case Match::Any:
            return "1";
        case Match::Glob:
            return inSet("e.source_id", ids(base + " WHERE name GLOB " + literal(n.value)));
        case Match::Regex:
            return inSet("e.source_id", regexIds(base, n));
        default:
            return inSet("e.source_id", ids(base + " WHERE name = " + literal(n.value)));
        }
    }
    case Target::Kind::Country:
    case Target::Kind::Asn:
        return anyAddressIn(n, enrichedAddresses(n));
    case Target::Kind::Tag:
    case Target::Kind::Noted:
        return inSet("e.id", noted(n));
    case Target::Kind::Fields:
        break;
    }
    std::vector<std::string> parts;
    for (const FieldDef *f : n.target.fields)
        parts.push_back(fieldTerm(n, *f));
    if (parts.size() == 1)
        return parts.front();
    std::string out;
    for (const std::string &p : parts)
        out += (out.empty() ? "(" : " OR ") + p;
    return out + ')';
}

std::string SqliteWhere::fieldTerm(const Node &n, const FieldDef &f)
{
    const std::string col = std::string("e.") + f.column;
    const bool address = f.type == FieldType::Address;
    const char *dict = address ? "ips" : "strs";
    const char *text = address ? "ip" : "s";
    // event.duration is stored in microseconds; ECS documents (and so the query) say nanoseconds.
    const bool nanos = std::string_view(f.ecs) == "event.duration";
    const std::int64_t number = nanos ? n.number / 1000 : n.number;
    switch (n.match) {
    case Match::Any:
        return f.type == FieldType::Time || f.type == FieldType::Outcome ? "1"
                                                                         : col + " IS NOT NULL";
    case Match::Exact:
        if (f.type == FieldType::Json)
            return col + " = " + literal(n.value);
        if (f.type == FieldType::Text || address)
            return col + " = (SELECT id FROM " + dict + " WHERE " + text + " = " + literal(n.value)
                   + ")";
        return col + " = " + std::to_string(number);
    case Match::Glob:
        if (f.type == FieldType::Json)
            return col + " GLOB " + literal(n.value);
        return inSet(col, cached(n, [&] {
                         return ids(std::string("SELECT id FROM ") + dict + " WHERE " + text
                                    + " GLOB " + literal(n.value));
                     }));
    case Match::Regex:
        return inSet(col, cached(n, [&] {
                         return regexIds(std::string("SELECT id, ") + text + " FROM " + dict, n);
                     }));
    case Match::Cidr:
        return inSet(col, cached(n, [&] { return cidrIds(n); }));
    case Match::Range:
        return col + sqlOperator(n.op) + std::to_string(number);
    case Match::Span:
        return "(" + col + " >= " + std::to_string(n.number) + " AND " + col + " < "
               + std::to_string(n.numberHi) + ")";
    }
    return "0";
}

} // namespace netcase::query
