#include "eventsearch.h"

#include "query/sqlitewhere.h"

namespace netcase::query {

namespace {

class QueryPredicate : public EventPredicate
{
public:
    explicit QueryPredicate(std::shared_ptr<const Node> root)
        : m_root(std::move(root))
    {}

    EventCondition conditionFor(const Database &db) const override
    {
        CompiledWhere c = SqliteWhere(db).compile(m_root);
        EventCondition out;
        out.where = std::move(c.where);
        out.flags = std::move(c.flags);
        out.check = std::move(c.check);
        return out;
    }

private:
    std::shared_ptr<const Node> m_root;
};

} // namespace

std::shared_ptr<const EventPredicate> predicateFor(std::shared_ptr<const Node> root)
{
    if (!root)
        return nullptr;
    return std::make_shared<QueryPredicate>(std::move(root));
}

std::optional<QueryError> applyQuery(std::string_view text, EventFilter &filter)
{
    Parsed p = parse(text);
    if (!p.ok())
        return p.error;
    filter.predicate = predicateFor(std::move(p.root));
    return std::nullopt;
}

} // namespace netcase::query
