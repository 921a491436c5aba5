#include "termbuilder.h"

#include "core/ipaddr.h"
#include "core/timeutil.h"
#include "query/targets.h"

#include <re2/re2.h>

#include <algorithm>
#include <charconv>

namespace netcase::query {

namespace {

TermResult failAt(size_t pos, std::string message)
{
    TermResult r;
    r.errorPos = pos;
    r.error = std::move(message);
    return r;
}

TermResult ok(NodePtr n)
{
    TermResult r;
    r.node = std::move(n);
    return r;
}

/// Compiles an RE2 expression; sets error on failure.
std::shared_ptr<const re2::RE2> compileRegex(const std::string &pattern, std::string &error)
{
    RE2::Options o;
    o.set_log_errors(false);
    auto re = std::make_shared<const re2::RE2>(pattern, o);
    if (!re->ok()) {
        error = "invalid regular expression: " + re->error();
        return nullptr;
    }
    return re;
}

bool isNumeric(FieldType t)
{
    return t == FieldType::Integer || t == FieldType::Time || t == FieldType::Offset;
}

std::optional<std::int64_t> wholeNumber(std::string_view s)
{
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size())
        return std::nullopt;
    return v;
}

/// How long the time named by text lasts: a day for a date, a minute for 05:00, a second for
/// 05:00:00, a microsecond when it has a fraction.
std::int64_t spanOf(std::string_view text)
{
    constexpr std::int64_t kSecond = 1000000;
    if (text.size() <= 10)
        return 86400 * kSecond;
    size_t digits = 0;
    for (size_t i = 11; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.' || c == ',')
            return 1;
        if (c >= '0' && c <= '9')
            ++digits;
        else if (c != ':')
            break;
    }
    return digits <= 4 ? 60 * kSecond : kSecond;
}

Op opOf(const std::string &op)
{
    if (op == "<")
        return Op::Lt;
    if (op == "<=")
        return Op::Le;
    if (op == ">")
        return Op::Gt;
    if (op == ">=")
        return Op::Ge;
    return Op::Eq;
}

/// addr/prefix into n (network bits only, canonical text in n.value).
bool readCidr(const std::string &text, Node &n)
{
    const size_t slash = text.find('/');
    const auto prefix = wholeNumber(std::string_view(text).substr(slash + 1));
    bool v4 = false;
    if (!prefix || !parseIpBytes(text.substr(0, slash), n.cidr, v4))
        return false;
    const std::int64_t max = v4 ? 32 : 128;
    if (*prefix < 0 || *prefix > max)
        return false;
    n.number = v4 ? *prefix + 96 : *prefix;
    for (int bit = int(n.number); bit < 128; ++bit)
        n.cidr[size_t(bit / 8)] &= std::uint8_t(~(0x80u >> (bit % 8)));
    char buf[64];
    std::string canonical;
    if (v4) {
        std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", n.cidr[12], n.cidr[13], n.cidr[14],
                      n.cidr[15]);
        canonical = buf;
    } else {
        std::string hex;
        for (size_t i = 0; i < 16; i += 2) {
            std::snprintf(buf, sizeof buf, "%s%x", i ? ":" : "", (n.cidr[i] << 8) | n.cidr[i + 1]);
            hex += buf;
        }
        normaliseIp(hex, canonical);
    }
    n.value = canonical + '/' + std::to_string(*prefix);
    return true;
}

class Builder
{
public:
    explicit Builder(const Token &t)
        : m_t(t)
    {}

    TermResult run()
    {
        switch (m_t.kind) {
        case Token::Kind::Word:
            return raw(Node::Kind::Word);
        case Token::Kind::Phrase:
            return raw(Node::Kind::Phrase);
        case Token::Kind::Regex:
            return raw(Node::Kind::RawRegex);
        default:
            return field();
        }
    }

private:
    TermResult raw(Node::Kind kind)
    {
        auto n = std::make_unique<Node>();
        n->kind = kind;
        n->value = m_t.text;
        if (kind == Node::Kind::RawRegex) {
            std::string error;
            n->regex = compileRegex(n->value, error);
            if (!n->regex)
                return failAt(m_t.pos, error);
        }
        return ok(std::move(n));
    }

    TermResult field()
    {
        const std::string &name = m_t.text;
        auto target = findTarget(name);
        if (!target) {
            return failAt(m_t.pos, "unknown field '" + name
                                           + "' (netcase help query lists the fields; put text "
                                             "in quotes to search for it)");
        }
        if (m_t.valueKind == Token::Kind::End)
            return failAt(m_t.valuePos, "expected a value after '" + name + m_t.op + "'");
        m_node = std::make_unique<Node>();
        m_node->kind = Node::Kind::Term;
        m_node->target = std::move(*target);
        if (m_node->target.kind == Target::Kind::Noted) {
            static const char *const kStates[] = {"starred", "tagged", "commented", "noted"};
            if (m_t.op != ":" && m_t.op != "!=")
                return failAt(m_t.pos, "'" + m_t.op + "' compares numbers and times; is takes ':'");
            if (m_t.valueKind != Token::Kind::Word
                || std::find(std::begin(kStates), std::end(kStates), m_t.value)
                           == std::end(kStates))
                return failAt(m_t.valuePos, "expected starred, tagged, commented or noted after "
                                            "'is:', found '"
                                                    + m_t.value + "'");
            m_node->value = m_t.value;
            if (m_t.op == ":")
                return ok(std::move(m_node));
            auto n = std::make_unique<Node>();
            n->kind = Node::Kind::Not;
            n->children.push_back(std::move(m_node));
            return ok(std::move(n));
        }
        if (m_t.op == "!=") {
            TermResult inner = value(Op::Eq);
            if (!inner.node)
                return inner;
            auto n = std::make_unique<Node>();
            n->kind = Node::Kind::Not;
            n->children.push_back(std::move(inner.node));
            return ok(std::move(n));
        }
        return value(opOf(m_t.op));
    }

    TermResult value(Op op)
    {
        Node &n = *m_node;
        const FieldType type = n.target.type;
        const std::string where = " for " + n.target.name;
        if (m_t.valueKind == Token::Kind::Word && m_t.value == "*" && op == Op::Eq) {
            n.match = Match::Any;
            return ok(std::move(m_node));
        }
        if (op != Op::Eq && !isNumeric(type))
            return failAt(m_t.pos, "'" + m_t.op + "' compares numbers and times; " + n.target.name
                                           + " takes ':'");
        if (m_t.valueKind == Token::Kind::Regex) {
            if (op != Op::Eq || isNumeric(type) || type == FieldType::Outcome
                || type == FieldType::Json)
                return failAt(m_t.valuePos, "a regular expression needs a text or address field; "
                                                    + n.target.name + " is not one");
            std::string error;
            n.match = Match::Regex;
            n.value = m_t.value;
            n.regex = compileRegex(n.value, error);
            if (!n.regex)
                return failAt(m_t.valuePos, error);
            return ok(std::move(m_node));
        }
        const bool glob = m_t.valueKind == Token::Kind::Word && m_t.wildcard;
        switch (type) {
        case FieldType::Text:
        case FieldType::Json:
            n.match = glob ? Match::Glob : Match::Exact;
            n.value = glob ? m_t.glob : m_t.value;
            return ok(std::move(m_node));
        case FieldType::Address:
            return address(glob);
        case FieldType::Outcome: {
            const std::string &v = m_t.value;
            const int o = v == "success"   ? int(Outcome::Success)
                          : v == "failure" ? int(Outcome::Failure)
                          : v == "unknown" ? int(Outcome::Unknown)
                                           : -1;
            if (o < 0)
                return failAt(m_t.valuePos, "expected success, failure or unknown" + where
                                                    + ", found '" + v + "'");
            n.number = o;
            return ok(std::move(m_node));
        }
        case FieldType::Time:
            return time(op);
        case FieldType::Integer:
        case FieldType::Offset: {
            std::string_view v = m_t.value;
            if (n.target.kind == Target::Kind::Asn && v.size() > 2
                && (v.substr(0, 2) == "AS" || v.substr(0, 2) == "as"))
                v.remove_prefix(2);
            const auto number = wholeNumber(v);
            if (!number)
                return failAt(m_t.valuePos,
                              "expected a whole number" + where + ", found '" + m_t.value + "'");
            n.number = *number;
            n.op = op;
            n.match = op == Op::Eq ? Match::Exact : Match::Range;
            return ok(std::move(m_node));
        }
        }
        return failAt(m_t.pos, "this field cannot be searched");
    }

    TermResult address(bool glob)
    {
        Node &n = *m_node;
        if (glob) {
            n.match = Match::Glob;
            n.value = m_t.glob;
            return ok(std::move(m_node));
        }
        if (m_t.value.find('/') != std::string::npos) {
            n.match = Match::Cidr;
            if (!readCidr(m_t.value, n))
                return failAt(m_t.valuePos, "expected an address range such as 10.0.0.0/8 or "
                                            "2001:db8::/32 for "
                                                    + n.target.name + ", found '" + m_t.value
                                                    + "'");
            return ok(std::move(m_node));
        }
        if (!normaliseIp(m_t.value, n.value))
            return failAt(m_t.valuePos, "expected an IP address, a range such as 10.0.0.0/8 or "
                                        "a pattern such as 10.1.* for "
                                                + n.target.name + ", found '" + m_t.value + "'");
        return ok(std::move(m_node));
    }

    TermResult time(Op op)
    {
        Node &n = *m_node;
        const auto t = parseIso(m_t.value);
        if (!t)
            return failAt(m_t.valuePos,
                          "expected a time such as 2024-01-20T05:00 or 2024-01-20 for "
                                  + n.target.name + ", found '" + m_t.value + "'");
        n.number = *t;
        n.op = op;
        if (op == Op::Eq) {
            n.match = Match::Span;
            n.numberHi = *t + spanOf(m_t.value);
        } else {
            n.match = Match::Range;
        }
        return ok(std::move(m_node));
    }

    const Token &m_t;
    NodePtr m_node;
};

} // namespace

TermResult buildTerm(const Token &t)
{
    return Builder(t).run();
}

} // namespace netcase::query
