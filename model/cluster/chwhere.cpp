#include "chwhere.h"

#include "cluster/chhttp.h"
#include "core/fields.h"
#include "core/ipaddr.h"
#include "query/parser.h"
#include "query/wherecompiler.h"

#include <array>
#include <optional>

namespace netcase::cluster {

namespace {

using query::Match;
using query::Node;
using query::Op;
using query::Target;

using Bytes = std::array<std::uint8_t, 16>;

std::string lit(const std::string &s)
{
    return sqlString(s).toStdString();
}

std::string bytesLiteral(const Bytes &b)
{
    static const char hex[] = "0123456789abcdef";
    std::string h;
    for (std::uint8_t c : b) {
        h += hex[c >> 4];
        h += hex[c & 15];
    }
    return "toFixedString(unhex('" + h + "'), 16)";
}

/// A pattern of the query language (SQLite GLOB text: * and ?, a literal one as [*], [?], [[])
/// as a ClickHouse LIKE pattern, its own wildcards (% _) and backslash escaped.
std::string likePattern(const std::string &glob)
{
    std::string out;
    for (size_t i = 0; i < glob.size(); ++i) {
        const char c = glob[i];
        if (c == '[' && i + 2 < glob.size() && glob[i + 2] == ']') {
            const char literal = glob[i + 1];
            if (literal == '%' || literal == '_' || literal == '\\')
                out += '\\';
            out += literal;
            i += 2;
        } else if (c == '*') {
            out += '%';
        } else if (c == '?') {
            out += '_';
        } else {
            if (c == '%' || c == '_' || c == '\\')
                out += '\\';
            out += c;
        }
    }
    return out;
}

/// An address column as the case writes it: dotted IPv4 for IPv4-mapped, else IPv6 text.
std::string addressText(const std::string &col)
{
    return "if(substring(" + col + ", 1, 12) = unhex('00000000000000000000ffff'), "
           + "IPv4NumToString(reinterpretAsUInt32(reverse(substring(" + col + ", 13, 4)))), "
           + "IPv6NumToString(" + col + "))";
}

class ChWhere : public query::WhereCompiler
{
public:
    const std::optional<std::string> &error() const { return m_error; }

protected:
    std::string term(const Node &n) override
    {
        switch (n.target.kind) {
        case Target::Kind::SourceFile:
            return refuse(n, "names a case's sources; the cluster's rows are not kept by file "
                             "name");
        case Target::Kind::Country:
        case Target::Kind::Asn:
            return refuse(n, "comes from the case's enrichment, which the cluster does not "
                             "have; pull by address or time and search the case");
        case Target::Kind::Tag:
        case Target::Kind::Noted:
            return refuse(n, "looks at the analyst's notes in the case; the cluster has none");
        case Target::Kind::Fields:
            break;
        }
        std::string out;
        for (const FieldDef *f : n.target.fields)
            out += (out.empty() ? "" : " OR ") + fieldTerm(n, *f);
        return n.target.fields.size() > 1 ? '(' + out + ')' : out;
    }

    // The cluster's columns are never NULL: an absent value is a value (guard()).
    std::string negate(const std::string &inner) override { return "NOT (" + inner + ")"; }

private:
    std::string refuse(const Node &n, const std::string &why)
    {
        if (!m_error)
            m_error = n.target.name + ": " + why;
        return "0";
    }

    /// True when the field has a value (chrows.h writes absent ones as '', -1, zeros).
    static std::string guard(const FieldDef &f, const std::string &col)
    {
        switch (f.type) {
        case FieldType::Text:
        case FieldType::Json:
            return col + " != ''";
        case FieldType::Address:
            return col + " != " + bytesLiteral(Bytes{});
        case FieldType::Integer:
            return col + " != -1";
        case FieldType::Offset:
            return col + " != " + std::to_string(kNoOffset);
        case FieldType::Time:
        case FieldType::Outcome:
            break;
        }
        return "1";
    }

    std::string fieldTerm(const Node &n, const FieldDef &f)
    {
        const std::string col = f.column;
        const std::string has = guard(f, col);
        const bool address = f.type == FieldType::Address;
        const std::string text = address ? addressText(col) : col;
        // event.duration is stored in microseconds; ECS (and so the query) says nanoseconds.
        const bool nanos = std::string_view(f.ecs) == "event.duration";
        const std::int64_t number = nanos ? n.number / 1000 : n.number;
        auto both = [&](const std::string &cond) {
            return has == "1" ? cond : "(" + has + " AND " + cond + ")";
        };
        switch (n.match) {
        case Match::Any:
            return has;
        case Match::Exact:
            if (address) {
                Bytes b{};
                bool v4 = false;
                if (!parseIpBytes(n.value, b, v4))
                    return "0";
                return both(col + " = " + bytesLiteral(b));
            }
            if (f.type == FieldType::Text || f.type == FieldType::Json)
                return both(col + " = " + lit(n.value));
            return both(col + " = " + std::to_string(number));
        case Match::Glob:
            return both(text + " LIKE " + lit(likePattern(n.value)));
        case Match::Regex:
            return both("match(" + text + ", " + lit(n.value) + ")");
        case Match::Cidr: {
            if (!address)
                return refuse(n, "an address range needs an address field");
            Bytes lo = n.cidr, hi = n.cidr;
            for (int bit = int(n.number); bit < 128; ++bit)
                hi[size_t(bit / 8)] |= std::uint8_t(0x80u >> (bit % 8));
            return both(col + " >= " + bytesLiteral(lo) + " AND " + col
                        + " <= " + bytesLiteral(hi));
        }
        case Match::Range:
            return both(col + query::sqlOperator(n.op) + std::to_string(number));
        case Match::Span:
            return "(" + col + " >= " + std::to_string(n.number) + " AND " + col + " < "
                   + std::to_string(n.numberHi) + ")";
        }
        return refuse(n, "this comparison is not supported on the cluster");
    }

    std::optional<std::string> m_error;
};

} // namespace

Result<QString> queryWhere(const std::shared_ptr<const query::Node> &root)
{
    if (!root)
        return QStringLiteral("1");
    if (query::needsRaw(*root))
        return makeError(
                QStringLiteral(
                        "--query: the cluster keeps normalised events, not the "
                        "raw lines they came from: bare words, \"phrases\" and /regex/ alone "
                        "cannot be searched there; name a field instead (for "
                        "example path:*admin* or ua:/curl/)"),
                ErrorCode::Usage);
    ChWhere compiler;
    const query::CompiledWhere c = compiler.compile(root);
    if (compiler.error())
        return makeError(
                QStringLiteral("--query: %1").arg(QString::fromStdString(*compiler.error())),
                ErrorCode::Usage);
    if (c.check)
        return makeError(QStringLiteral("--query: this query needs the raw lines, which the "
                                        "cluster does not keep"),
                         ErrorCode::Usage);
    return QString::fromStdString(c.where);
}

Result<ChFilter> withQuery(ChFilter base, const QString &queryText)
{
    const std::string text = queryText.toStdString();
    const query::Parsed parsed = query::parse(text);
    if (!parsed.ok())
        return makeError(
                QStringLiteral("--query: %1")
                        .arg(QString::fromStdString(query::describeError(text, *parsed.error))),
                ErrorCode::Usage);
    auto where = queryWhere(parsed.root);
    if (!where)
        return where.error();
    if (!parsed.root)
        return base;
    base.where = base.where == QLatin1String("1")
                         ? *where
                         : QStringLiteral("(%1) AND (%2)").arg(base.where, *where);
    const QString said = QStringLiteral("query %1").arg(queryText.trimmed());
    base.text = base.text.isEmpty() ? said : base.text + QStringLiteral("; ") + said;
    return base;
}

} // namespace netcase::cluster
