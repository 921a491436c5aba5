#include "ast.h"

#include "core/timeutil.h"

namespace netcase::query {

namespace {

std::string quoted(const std::string &s)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + '"';
}

const char *opText(Op op)
{
    switch (op) {
    case Op::Lt:
        return "<";
    case Op::Le:
        return "<=";
    case Op::Gt:
        return ">";
    case Op::Ge:
        return ">=";
    case Op::Eq:
        break;
    }
    return "=";
}

std::string numberText(const Node &n, std::int64_t v)
{
    if (n.target.type == FieldType::Time)
        return formatIsoUs(v);
    if (n.target.type == FieldType::Outcome)
        return v == int(Outcome::Success)   ? "success"
               : v == int(Outcome::Failure) ? "failure"
                                            : "unknown";
    return std::to_string(v);
}

std::string termText(const Node &n)
{
    std::string s = "[" + n.target.name + ' ';
    switch (n.match) {
    case Match::Exact:
        if (n.target.type == FieldType::Text || n.target.type == FieldType::Json
            || n.target.type == FieldType::Address)
            s += "= " + quoted(n.value);
        else
            s += "= " + numberText(n, n.number);
        break;
    case Match::Glob:
        s += "glob " + quoted(n.value);
        break;
    case Match::Regex:
        s += "regex /" + n.value + '/';
        break;
    case Match::Cidr:
        s += "in " + n.value;
        break;
    case Match::Range:
        s += std::string(opText(n.op)) + ' ' + numberText(n, n.number);
        break;
    case Match::Span:
        s += "in " + numberText(n, n.number) + ".." + numberText(n, n.numberHi);
        break;
    case Match::Any:
        s += "exists";
        break;
    }
    return s + ']';
}

void print(const Node &n, std::string &out)
{
    switch (n.kind) {
    case Node::Kind::And:
    case Node::Kind::Or:
        out += n.kind == Node::Kind::And ? "(and" : "(or";
        for (const NodePtr &c : n.children) {
            out += ' ';
            print(*c, out);
        }
        out += ')';
        return;
    case Node::Kind::Not:
        out += "(not ";
        print(*n.children.front(), out);
        out += ')';
        return;
    case Node::Kind::Term:
        out += termText(n);
        return;
    case Node::Kind::Word:
        out += "[raw word " + quoted(n.value) + ']';
        return;
    case Node::Kind::Phrase:
        out += "[raw phrase " + quoted(n.value) + ']';
        return;
    case Node::Kind::RawRegex:
        out += "[raw regex /" + n.value + "/]";
        return;
    }
}

} // namespace

std::string printAst(const Node *root)
{
    if (!root)
        return "(all)";
    std::string out;
    print(*root, out);
    return out;
}

bool needsRaw(const Node &n)
{
    if (n.kind == Node::Kind::Word || n.kind == Node::Kind::Phrase
        || n.kind == Node::Kind::RawRegex)
        return true;
    for (const NodePtr &c : n.children) {
        if (needsRaw(*c))
            return true;
    }
    return false;
}

} // namespace netcase::query
