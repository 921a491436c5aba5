#include "sigmacondition.h"

#include "sigmavalue.h"

#include <cctype>

namespace netcase::sigma {

namespace {

std::vector<std::string> tokenize(const std::string &text)
{
    std::vector<std::string> out;
    std::string cur;
    const auto flush = [&] {
        if (!cur.empty())
            out.push_back(std::move(cur));
        cur.clear();
    };
    for (char c : text) {
        if (c == '(' || c == ')' || c == '|') {
            flush();
            out.emplace_back(1, c);
        } else if (std::isspace(std::uint8_t(c)) != 0) {
            flush();
        } else {
            cur += c;
        }
    }
    flush();
    return out;
}

std::string lowerWord(std::string s)
{
    for (char &c : s)
        c = char(std::tolower(std::uint8_t(c)));
    return s;
}

constexpr const char *kAggregation = "aggregation expressions ('| count() ...') are not "
                                     "supported; use a correlation rule";

class Parser
{
public:
    Parser(std::vector<std::string> tokens, const std::vector<std::string> &names)
        : m_t(std::move(tokens))
        , m_names(names)
    {}

    std::variant<CondNode, std::string> run()
    {
        CondNode n = orExpr();
        if (m_error.empty() && m_pos < m_t.size())
            fail(m_t[m_pos] == "|" ? std::string(kAggregation) : "unexpected '" + m_t[m_pos] + "'");
        if (!m_error.empty())
            return m_error;
        return n;
    }

private:
    bool at(const char *word) const { return m_pos < m_t.size() && lowerWord(m_t[m_pos]) == word; }
    void fail(std::string why)
    {
        if (m_error.empty())
            m_error = "condition: " + std::move(why);
    }

    CondNode binary(CondNode::Kind kind, const char *word, CondNode (Parser::*next)())
    {
        CondNode first = (this->*next)();
        if (!at(word))
            return first;
        CondNode n;
        n.kind = kind;
        n.kids.push_back(std::move(first));
        while (m_error.empty() && at(word)) {
            ++m_pos;
            n.kids.push_back((this->*next)());
        }
        return n;
    }
    CondNode orExpr() { return binary(CondNode::Kind::Or, "or", &Parser::andExpr); }
    CondNode andExpr() { return binary(CondNode::Kind::And, "and", &Parser::notExpr); }

    CondNode notExpr()
    {
        if (at("not")) {
            ++m_pos;
            CondNode n;
            n.kind = CondNode::Kind::Not;
            n.kids.push_back(notExpr());
            return n;
        }
        return primary();
    }

    CondNode primary()
    {
        CondNode n;
        if (m_pos >= m_t.size()) {
            fail("ends too early");
            return n;
        }
        const std::string tok = m_t[m_pos++];
        if (tok == "(") {
            n = orExpr();
            if (m_pos < m_t.size() && m_t[m_pos] == ")")
                ++m_pos;
            else
                fail("missing ')'");
            return n;
        }
        if (tok == "|") {
            fail(kAggregation);
            return n;
        }
        const std::string low = lowerWord(tok);
        if (low == "near") {
            fail("'near' is not supported");
            return n;
        }
        if (at("of")) {
            ++m_pos;
            if (low != "1" && low != "all" && low != "any") {
                fail("'" + tok + " of' is not supported (only '1 of', 'any of', 'all of')");
                return n;
            }
            n.kind = low == "all" ? CondNode::Kind::AllOf : CondNode::Kind::OneOf;
            if (m_pos >= m_t.size()) {
                fail("'of' without a name");
                return n;
            }
            const std::string pattern = m_t[m_pos++];
            for (std::size_t i = 0; i < m_names.size(); ++i) {
                const bool them = pattern == "them" && !m_names[i].starts_with("_");
                if (them || globMatch(m_names[i], pattern))
                    n.sels.push_back(int(i));
            }
            if (n.sels.empty())
                fail("'" + pattern + "' names no search identifier");
            return n;
        }
        for (std::size_t i = 0; i < m_names.size(); ++i) {
            if (m_names[i] == tok) {
                n.kind = CondNode::Kind::Sel;
                n.sels.push_back(int(i));
                return n;
            }
        }
        fail("unknown search identifier '" + tok + "'");
        return n;
    }

    std::vector<std::string> m_t;
    const std::vector<std::string> &m_names;
    std::size_t m_pos = 0;
    std::string m_error;
};

} // namespace

std::variant<CondNode, std::string> parseCondition(const std::string &text,
                                                   const std::vector<std::string> &names)
{
    return Parser(tokenize(text), names).run();
}

} // namespace netcase::sigma
