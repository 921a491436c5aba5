#include "parser.h"

#include "query/lexer.h"
#include "query/termbuilder.h"

namespace netcase::query {

namespace {

size_t charPos(std::string_view s, size_t byte)
{
    size_t n = 0;
    for (size_t i = 0; i < byte && i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80)
            ++n;
    }
    return n;
}

std::string found(const Token &t)
{
    switch (t.kind) {
    case Token::Kind::End:
        return "the end of the query";
    case Token::Kind::RParen:
        return "')'";
    case Token::Kind::And:
        return "AND";
    case Token::Kind::Or:
        return "OR";
    default:
        return "'" + t.text + "'";
    }
}

bool startsTerm(const Token &t)
{
    switch (t.kind) {
    case Token::Kind::Word:
    case Token::Kind::Phrase:
    case Token::Kind::Regex:
    case Token::Kind::Field:
    case Token::Kind::LParen:
    case Token::Kind::Not:
        return true;
    default:
        return false;
    }
}

struct Failure
{
    size_t pos;
    std::string message;
};

/// Recursive descent; each rule returns null once m_failure is set.
class Parser
{
public:
    Parser(std::string_view text, std::vector<Token> tokens)
        : m_text(text)
        , m_t(std::move(tokens))
    {}

    NodePtr top()
    {
        if (peek().kind == Token::Kind::End)
            return nullptr;
        NodePtr n = orExpr();
        if (n && peek().kind == Token::Kind::RParen)
            return fail(peek().pos, "unexpected ')': there is no '(' to close");
        return n;
    }

    const std::optional<Failure> &failure() const { return m_failure; }

private:
    static constexpr int kMaxDepth = 200;

    const Token &peek() const { return m_t[m_i]; }
    const Token &take() { return m_t[m_i++]; }

    NodePtr fail(size_t pos, std::string message)
    {
        if (!m_failure)
            m_failure = Failure{pos, std::move(message)};
        return nullptr;
    }

    bool termFollows(const char *after)
    {
        if (startsTerm(peek()))
            return true;
        fail(peek().pos,
             std::string("expected a term after ") + after + ", found " + found(peek()));
        return false;
    }

    static NodePtr combine(Node::Kind kind, std::vector<NodePtr> parts)
    {
        if (parts.size() == 1)
            return std::move(parts.front());
        auto n = std::make_unique<Node>();
        n->kind = kind;
        n->pos = parts.front()->pos;
        for (NodePtr &p : parts) {
            if (p->kind == kind) {
                for (NodePtr &c : p->children)
                    n->children.push_back(std::move(c));
            } else {
                n->children.push_back(std::move(p));
            }
        }
        return n;
    }

    NodePtr orExpr()
    {
        if (++m_depth > kMaxDepth)
            return fail(peek().pos, "the query nests deeper than 200 levels");
        std::vector<NodePtr> parts;
        for (;;) {
            NodePtr part = andExpr();
            if (!part)
                return nullptr;
            parts.push_back(std::move(part));
            if (peek().kind != Token::Kind::Or)
                break;
            take();
            if (!termFollows("OR"))
                return nullptr;
        }
        --m_depth;
        return combine(Node::Kind::Or, std::move(parts));
    }

    NodePtr andExpr()
    {
        std::vector<NodePtr> parts;
        for (;;) {
            NodePtr part = notExpr();
            if (!part)
                return nullptr;
            parts.push_back(std::move(part));
            if (peek().kind == Token::Kind::And) {
                take();
                if (!termFollows("AND"))
                    return nullptr;
            } else if (!startsTerm(peek())) {
                break;
            }
        }
        return combine(Node::Kind::And, std::move(parts));
    }

    NodePtr notExpr()
    {
        if (peek().kind != Token::Kind::Not)
            return primary();
        const size_t pos = take().pos;
        if (!termFollows("NOT"))
            return nullptr;
        if (++m_depth > kMaxDepth)
            return fail(pos, "the query nests deeper than 200 levels");
        NodePtr inner = notExpr();
        --m_depth;
        if (!inner)
            return nullptr;
        auto n = std::make_unique<Node>();
        n->kind = Node::Kind::Not;
        n->pos = charPos(m_text, pos);
        n->children.push_back(std::move(inner));
        return n;
    }

    NodePtr primary()
    {
        const Token &t = take();
        if (t.kind == Token::Kind::LParen) {
            if (peek().kind == Token::Kind::RParen)
                return fail(peek().pos, "expected a term inside '(', found ')'");
            if (!termFollows("'('"))
                return nullptr;
            NodePtr inner = orExpr();
            if (!inner)
                return nullptr;
            if (peek().kind != Token::Kind::RParen)
                return fail(peek().pos, "expected ')' to close the '(' at character "
                                                + std::to_string(charPos(m_text, t.pos) + 1)
                                                + ", found " + found(peek()));
            take();
            return inner;
        }
        if (!startsTerm(t))
            return fail(t.pos, "expected a term, found " + found(t));
        TermResult r = buildTerm(t);
        if (!r.node)
            return fail(r.errorPos, r.error);
        r.node->pos = charPos(m_text, t.pos);
        return std::move(r.node);
    }

    std::string_view m_text;
    std::vector<Token> m_t;
    size_t m_i = 0;
    int m_depth = 0;
    std::optional<Failure> m_failure;
};

} // namespace

Parsed parse(std::string_view text)
{
    Parsed out;
    std::vector<Token> tokens;
    if (auto err = lex(text, tokens)) {
        out.error = QueryError{charPos(text, err->pos), err->message};
        return out;
    }
    Parser parser(text, std::move(tokens));
    NodePtr root = parser.top();
    if (const auto &f = parser.failure())
        out.error = QueryError{charPos(text, f->pos), f->message};
    else
        out.root = std::shared_ptr<const Node>(std::move(root));
    return out;
}

std::string describeError(std::string_view text, const QueryError &error)
{
    std::string line;
    for (char c : text)
        line += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    return "at character " + std::to_string(error.pos + 1) + ": " + error.message + "\n  " + line
           + "\n  " + std::string(error.pos, ' ') + '^';
}

} // namespace netcase::query
