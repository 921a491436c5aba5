#pragma once

// The query language compiled for the case file's SQLite `events` table (the block store's
// virtual table). Names, patterns and ranges are resolved here against the dictionaries
// (strs, ips, ip_info, sources), on the connection that will run the query, into dictionary
// ids; the `events` table then answers them from its posting lists (source and client
// address, account) or by scanning its blocks with the ids as a set.

#include "query/wherecompiler.h"

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace netcase {
class Database;
struct FieldDef;
} // namespace netcase

namespace netcase::query {

class SqliteWhere : public WhereCompiler
{
public:
    explicit SqliteWhere(const Database &db)
        : m_db(db)
    {}

    /// A string as an SQL literal ('' doubled).
    static std::string literal(std::string_view s);

protected:
    std::string term(const Node &n) override;

private:
    std::string fieldTerm(const Node &n, const FieldDef &f);
    /// column IN (ids), or "0" when there are none; large sets are probed per row rather than
    /// looked up one posting list each.
    static std::string inSet(const std::string &column, const std::vector<std::int64_t> &ids);
    std::vector<std::int64_t> ids(const std::string &sql) const;
    std::vector<std::int64_t> regexIds(const std::string &sql, const Node &n) const;
    std::vector<std::int64_t> cidrIds(const Node &n) const;
    /// Addresses (ids in ips) whose current enrichment matches the term (country, AS).
    std::vector<std::int64_t> enrichedAddresses(const Node &n) const;
    /// Events whose notes match a tag: or is: term.
    std::vector<std::int64_t> noted(const Node &n) const;
    std::string anyAddressIn(const Node &n, const std::vector<std::int64_t> &ips) const;

    /// The ids of a term's pattern, resolved once for all its fields (ip: has three).
    template<typename Resolve>
    const std::vector<std::int64_t> &cached(const Node &n, Resolve &&resolve)
    {
        auto it = m_ids.find(&n);
        if (it == m_ids.end())
            it = m_ids.emplace(&n, resolve()).first;
        return it->second;
    }

    const Database &m_db;
    std::unordered_map<const Node *, std::vector<std::int64_t>> m_ids;
};

} // namespace netcase::query
