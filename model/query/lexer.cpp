#include "lexer.h"

#include "core/ipaddr.h"
#include "query/targets.h"

namespace netcase::query {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool endsValue(std::string_view s, size_t i)
{
    return i >= s.size() || isSpace(s[i]) || s[i] == '(' || s[i] == ')';
}

bool nameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '@' || c == '_';
}

bool nameChar(char c)
{
    return nameStart(c) || (c >= '0' && c <= '9') || c == '.';
}

/// The operator at s[i], if one starts there.
std::string_view opAt(std::string_view s, size_t i)
{
    for (std::string_view op : {">=", "<=", "!=", ":", "=", "<", ">"}) {
        if (s.substr(i, op.size()) == op)
            return op;
    }
    return {};
}

class Lexer
{
public:
    explicit Lexer(std::string_view s)
        : m_s(s)
    {}

    std::optional<LexError> run(std::vector<Token> &out)
    {
        for (char c : m_s) {
            if (c == '\0')
                return LexError{m_s.find('\0'), "the query holds a NUL character"};
        }
        size_t i = 0;
        for (;;) {
            while (i < m_s.size() && isSpace(m_s[i]))
                ++i;
            Token t;
            t.pos = i;
            if (i >= m_s.size()) {
                out.push_back(std::move(t));
                return std::nullopt;
            }
            const char c = m_s[i];
            if (c == '(' || c == ')') {
                t.kind = c == '(' ? Token::Kind::LParen : Token::Kind::RParen;
                ++i;
            } else if (c == '"') {
                if (auto err = phrase(i, t))
                    return err;
            } else if (!(c == '/' && regex(i, t))) {
                if (auto err = wordOrField(i, t))
                    return err;
            }
            out.push_back(std::move(t));
        }
    }

private:
    std::optional<LexError> phrase(size_t &i, Token &t)
    {
        const size_t open = i++;
        std::string text;
        while (i < m_s.size() && m_s[i] != '"') {
            if (m_s[i] == '\\' && i + 1 < m_s.size())
                ++i;
            text += m_s[i++];
        }
        if (i >= m_s.size())
            return LexError{open, "this phrase has no closing '\"'"};
        ++i;
        t.kind = Token::Kind::Phrase;
        t.text = std::move(text);
        return std::nullopt;
    }

    /// A /regex/: from the slash at i to the first unescaped slash that ends the value.
    bool regex(size_t &i, Token &t)
    {
        for (size_t k = i + 1; k < m_s.size(); ++k) {
            if (m_s[k] == '\\') {
                ++k;
                continue;
            }
            if (m_s[k] == '/' && k > i + 1 && endsValue(m_s, k + 1)) {
                t.kind = Token::Kind::Regex;
                t.text = std::string(m_s.substr(i + 1, k - i - 1));
                i = k + 1;
                return true;
            }
        }
        return false;
    }

    /// A plain word up to a space or parenthesis; backslash escapes the next character.
    void word(size_t &i, Token &t)
    {
        t.kind = Token::Kind::Word;
        while (!endsValue(m_s, i) && m_s[i] != '"') {
            char c = m_s[i];
            const bool escaped = c == '\\' && i + 1 < m_s.size();
            if (escaped)
                c = m_s[++i];
            ++i;
            t.text += c;
            if (!escaped && (c == '*' || c == '?')) {
                t.wildcard = true;
                t.glob += c;
            } else if (c == '*' || c == '?' || c == '[') {
                t.glob += '[';
                t.glob += c;
                t.glob += ']';
            } else {
                t.glob += c;
            }
        }
    }

    std::optional<LexError> wordOrField(size_t &i, Token &t)
    {
        size_t k = i;
        while (k < m_s.size() && nameChar(m_s[k]))
            ++k;
        const std::string_view op = k > i && nameStart(m_s[i]) ? opAt(m_s, k) : std::string_view();
        if (!op.empty()) {
            const std::string_view name = m_s.substr(i, k - i);
            // fe80::1 is a bare address, not a field called fe80.
            size_t end = k;
            while (!endsValue(m_s, end))
                ++end;
            std::string ip;
            if (findTarget(name) || !normaliseIp(m_s.substr(i, end - i), ip))
                return field(i, k, op, t);
        }
        word(i, t);
        const std::string_view w = t.text;
        if (!t.wildcard && (w == "AND" || w == "OR" || w == "NOT") && m_s[t.pos] != '\\')
            t.kind = w == "AND" ? Token::Kind::And : w == "OR" ? Token::Kind::Or : Token::Kind::Not;
        return std::nullopt;
    }

    std::optional<LexError> field(size_t &i, size_t nameEnd, std::string_view op, Token &t)
    {
        t.kind = Token::Kind::Field;
        t.text = std::string(m_s.substr(i, nameEnd - i));
        t.op = std::string(op);
        i = nameEnd + op.size();
        t.valuePos = i;
        if (endsValue(m_s, i))
            return std::nullopt; // the parser says a value is missing
        Token v;
        v.pos = i;
        if (m_s[i] == '"') {
            if (auto err = phrase(i, v))
                return err;
        } else if (!(m_s[i] == '/' && regex(i, v))) {
            word(i, v);
        }
        t.valueKind = v.kind;
        t.value = std::move(v.text);
        t.glob = std::move(v.glob);
        t.wildcard = v.wildcard;
        return std::nullopt;
    }

    std::string_view m_s;
};

} // namespace

std::optional<LexError> lex(std::string_view text, std::vector<Token> &out)
{
    out.clear();
    return Lexer(text).run(out);
}

} // namespace netcase::query
