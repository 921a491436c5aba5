#include "wherecompiler.h"

#include <re2/re2.h>

#include <algorithm>

namespace netcase::query {

namespace {

char lowerAscii(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c + 32) : c;
}

std::string joined(const std::vector<std::string> &parts, const char *op)
{
    if (parts.size() == 1)
        return parts.front();
    std::string out;
    for (const std::string &p : parts) {
        if (!out.empty())
            out += op;
        out += '(' + p + ')';
    }
    return out;
}

} // namespace

WhereCompiler::Part WhereCompiler::walk(const Node &n)
{
    Part p;
    switch (n.kind) {
    case Node::Kind::Term:
        p.sql = term(n);
        break;
    case Node::Kind::Word:
    case Node::Kind::Phrase:
    case Node::Kind::RawRegex:
        p.exact = false;
        break;
    case Node::Kind::Not: {
        const Part inner = walk(*n.children.front());
        p.exact = inner.exact;
        if (inner.exact)
            p.sql = negate(inner.sql);
        break;
    }
    case Node::Kind::And:
    case Node::Kind::Or: {
        std::vector<std::string> sqls;
        bool unrestricted = false;
        for (const NodePtr &c : n.children) {
            const Part cp = walk(*c);
            p.exact = p.exact && cp.exact;
            if (cp.sql.empty())
                unrestricted = true;
            else
                sqls.push_back(cp.sql);
        }
        // AND: the restricted children still restrict; OR: one unrestricted child lets all in.
        if (!sqls.empty() && (n.kind == Node::Kind::And || !unrestricted))
            p.sql = joined(sqls, n.kind == Node::Kind::And ? " AND " : " OR ");
        break;
    }
    }
    m_parts[&n] = p;
    return p;
}

void WhereCompiler::assignFlags(const Node &n,
                                CompiledWhere &out,
                                std::unordered_map<const Node *, int> &flagOf)
{
    const Part &p = m_parts.at(&n);
    if (p.exact) {
        flagOf[&n] = int(out.flags.size());
        out.flags.push_back(asFlag(p.sql));
        return;
    }
    for (const NodePtr &c : n.children)
        assignFlags(*c, out, flagOf);
}

CompiledWhere WhereCompiler::compile(const std::shared_ptr<const Node> &root)
{
    CompiledWhere out;
    m_parts.clear();
    if (!root)
        return out;
    const Part top = walk(*root);
    out.where = top.sql.empty() ? "1" : top.sql;
    if (top.exact)
        return out;
    auto flagOf = std::make_shared<std::unordered_map<const Node *, int>>();
    assignFlags(*root, out, *flagOf);
    out.check = [root, flagOf](const std::string *raw, const std::vector<char> &flags) {
        std::string lowered;
        return evaluateRow(*root, *flagOf, flags, raw, lowered);
    };
    return out;
}

bool evaluateRow(const Node &n,
                 const std::unordered_map<const Node *, int> &flagOf,
                 const std::vector<char> &flags,
                 const std::string *raw,
                 std::string &lowered)
{
    if (auto it = flagOf.find(&n); it != flagOf.end())
        return flags[size_t(it->second)] != 0;
    switch (n.kind) {
    case Node::Kind::And:
        return std::all_of(n.children.begin(), n.children.end(), [&](const NodePtr &c) {
            return evaluateRow(*c, flagOf, flags, raw, lowered);
        });
    case Node::Kind::Or:
        return std::any_of(n.children.begin(), n.children.end(), [&](const NodePtr &c) {
            return evaluateRow(*c, flagOf, flags, raw, lowered);
        });
    case Node::Kind::Not:
        return !evaluateRow(*n.children.front(), flagOf, flags, raw, lowered);
    case Node::Kind::Phrase:
        return raw && raw->find(n.value) != std::string::npos;
    case Node::Kind::RawRegex:
        return raw && RE2::PartialMatch(*raw, *n.regex);
    case Node::Kind::Word: {
        if (!raw)
            return false;
        if (lowered.empty() && !raw->empty()) {
            lowered.resize(raw->size());
            std::transform(raw->begin(), raw->end(), lowered.begin(), lowerAscii);
        }
        std::string needle(n.value);
        std::transform(needle.begin(), needle.end(), needle.begin(), lowerAscii);
        return lowered.find(needle) != std::string::npos;
    }
    case Node::Kind::Term:
        break;
    }
    return false; // a term always has a flag
}

const char *sqlOperator(Op op)
{
    switch (op) {
    case Op::Lt:
        return " < ";
    case Op::Le:
        return " <= ";
    case Op::Gt:
        return " > ";
    case Op::Ge:
        return " >= ";
    case Op::Eq:
        break;
    }
    return " = ";
}

} // namespace netcase::query
