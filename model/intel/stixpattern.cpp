#include "stixpattern.h"

namespace netcase::intel {

namespace {

enum class Tok { Open, Close, LParen, RParen, String, Word, Op, End };

struct Token
{
    Tok type = Tok::End;
    QString text;
};

bool pathChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_')
           || c == QLatin1Char(':') || c == QLatin1Char('.') || c == QLatin1Char('*');
}

Result<std::vector<Token>> tokenize(const QString &p)
{
    std::vector<Token> out;
    qsizetype i = 0;
    auto quoted = [&](qsizetype &at, QString &text) -> bool {
        ++at; // opening quote
        while (at < p.size()) {
            const QChar c = p[at];
            if (c == QLatin1Char('\\') && at + 1 < p.size()) {
                text += p[at + 1];
                at += 2;
            } else if (c == QLatin1Char('\'')) {
                ++at;
                return true;
            } else {
                text += c;
                ++at;
            }
        }
        return false;
    };
    while (i < p.size()) {
        const QChar c = p[i];
        if (c.isSpace()) {
            ++i;
        } else if (c == QLatin1Char('[') || c == QLatin1Char(']') || c == QLatin1Char('(')
                   || c == QLatin1Char(')')) {
            out.push_back({c == QLatin1Char('[')   ? Tok::Open
                           : c == QLatin1Char(']') ? Tok::Close
                           : c == QLatin1Char('(') ? Tok::LParen
                                                   : Tok::RParen,
                           QString(c)});
            ++i;
        } else if (c == QLatin1Char('\'')) {
            QString text;
            if (!quoted(i, text))
                return makeError(QStringLiteral("unterminated string in the pattern"));
            out.push_back({Tok::String, text});
        } else if (QStringLiteral("=!<>").contains(c)) {
            QString op(c);
            ++i;
            if (i < p.size() && p[i] == QLatin1Char('=')) {
                op += p[i];
                ++i;
            }
            if (op == QLatin1String("!"))
                return makeError(QStringLiteral("'!' without '=' in the pattern"));
            out.push_back({Tok::Op, op});
        } else if (pathChar(c)) {
            QString word;
            while (i < p.size() && (pathChar(p[i]) || p[i] == QLatin1Char('\''))) {
                if (p[i] == QLatin1Char('\'')) {
                    // A quoted path step (file:hashes.'SHA-256') or a typed literal (t'...').
                    QString q;
                    if (!quoted(i, q))
                        return makeError(QStringLiteral("unterminated string in the pattern"));
                    word += QLatin1Char('\'') + q + QLatin1Char('\'');
                } else {
                    word += p[i++];
                }
            }
            out.push_back({Tok::Word, word});
        } else {
            return makeError(QStringLiteral("unexpected character '%1' in the pattern").arg(c));
        }
    }
    out.push_back({Tok::End, {}});
    return out;
}

bool isWord(const Token &t, const char *w)
{
    return t.type == Tok::Word && t.text.compare(QLatin1String(w), Qt::CaseInsensitive) == 0;
}

/// One comparison (tokens without parentheses): adds a term or says why not.
void comparison(const std::vector<Token> &c, ParsedPattern &out)
{
    QString text;
    for (const Token &t : c)
        text += (text.isEmpty() ? QString() : QStringLiteral(" "))
                + (t.type == Tok::String ? QLatin1Char('\'') + t.text + QLatin1Char('\'') : t.text);
    if (c.size() != 3 || c[0].type != Tok::Word) {
        out.unsupported
                << QStringLiteral("%1: only PATH = 'VALUE' comparisons are supported").arg(text);
        return;
    }
    const QString path = c[0].text.toLower();
    const bool address
            = path == QLatin1String("ipv4-addr:value") || path == QLatin1String("ipv6-addr:value");
    const bool domain = path == QLatin1String("domain-name:value");
    const bool url = path == QLatin1String("url:value");
    if (!address && !domain && !url) {
        out.unsupported << QStringLiteral("%1: object path %2 is not one Netcase matches "
                                          "(ipv4-addr, ipv6-addr, domain-name, url values)")
                                   .arg(text, c[0].text);
        return;
    }
    const bool subset = isWord(c[1], "ISSUBSET");
    if (!(c[1].type == Tok::Op && c[1].text == QLatin1String("=")) && !(address && subset)) {
        out.unsupported << QStringLiteral("%1: operator %2 is not supported (only = , and "
                                          "ISSUBSET on addresses)")
                                   .arg(text, c[1].text);
        return;
    }
    if (c[2].type != Tok::String) {
        out.unsupported << QStringLiteral("%1: the value is not a string").arg(text);
        return;
    }
    std::optional<QString> value;
    Kind kind = Kind::Ip;
    if (address) {
        value = canonicalNetwork(c[2].text);
        if (value
            && (value->contains(QLatin1Char(':')) != (path == QLatin1String("ipv6-addr:value"))))
            value.reset();
    } else if (domain) {
        kind = Kind::Domain;
        value = canonicalDomain(c[2].text);
    } else {
        kind = Kind::Url;
        QString host, rest;
        if (splitUrl(c[2].text.trimmed(), &host, &rest))
            value = c[2].text.trimmed();
    }
    if (!value) {
        out.unsupported << QStringLiteral("%1: '%2' is not a valid %3")
                                   .arg(text, c[2].text, path.section(QLatin1Char(':'), 0, 0));
        return;
    }
    out.terms.push_back({kind, *value});
}

/// MISP's STIX export writes an ip-src / ip-dst attribute as
/// `[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = 'V']`: an
/// AND of exactly these two comparisons on one reference names the address V. True when inner
/// is that form (the term added).
bool trafficAddress(const std::vector<Token> &inner, ParsedPattern &out)
{
    if (inner.size() != 7 || !isWord(inner[3], "AND"))
        return false;
    QString ref, type, value;
    for (std::size_t at : {std::size_t(0), std::size_t(4)}) {
        const Token &path = inner[at];
        if (path.type != Tok::Word || inner[at + 1].type != Tok::Op
            || inner[at + 1].text != QLatin1String("=") || inner[at + 2].type != Tok::String)
            return false;
        const QString p = path.text.toLower();
        const qsizetype dot = p.lastIndexOf(QLatin1Char('.'));
        const QString base = p.left(dot), leaf = p.mid(dot + 1);
        if (base != QLatin1String("network-traffic:src_ref")
            && base != QLatin1String("network-traffic:dst_ref"))
            return false;
        if (!ref.isEmpty() && ref != base)
            return false;
        ref = base;
        if (leaf == QLatin1String("type"))
            type = inner[at + 2].text;
        else if (leaf == QLatin1String("value"))
            value = inner[at + 2].text;
        else
            return false;
    }
    if (value.isEmpty()
        || (type != QLatin1String("ipv4-addr") && type != QLatin1String("ipv6-addr")))
        return false;
    const auto v = canonicalNetwork(value);
    if (!v || v->contains(QLatin1Char(':')) != (type == QLatin1String("ipv6-addr"))) {
        out.unsupported << QStringLiteral("'%1' is not a valid %2").arg(value, type);
        return true;
    }
    out.terms.push_back({Kind::Ip, *v});
    return true;
}

/// The comparisons inside one observation `[ ... ]` (tokens between the brackets).
void observation(const std::vector<Token> &inner, ParsedPattern &out)
{
    if (trafficAddress(inner, out))
        return;
    for (const Token &t : inner) {
        for (const char *w : {"AND", "NOT", "LIKE", "MATCHES", "IN", "ISSUPERSET"}) {
            if (isWord(t, w)) {
                out.unsupported << QStringLiteral("%1 in an observation: not supported (Netcase "
                                                  "matches single values joined by OR)")
                                           .arg(t.text.toUpper());
                return;
            }
        }
    }
    std::vector<Token> cur;
    for (const Token &t : inner) {
        if (t.type == Tok::LParen || t.type == Tok::RParen)
            continue; // only ORs here: grouping does not change the meaning
        if (isWord(t, "OR")) {
            comparison(cur, out);
            cur.clear();
        } else {
            cur.push_back(t);
        }
    }
    comparison(cur, out);
}

} // namespace

Result<ParsedPattern> parseStixPattern(const QString &pattern)
{
    auto toks = tokenize(pattern);
    if (!toks)
        return toks.error();
    ParsedPattern out;
    const std::vector<Token> &t = *toks;
    std::vector<std::vector<Token>> observations;
    int depth = 0;
    bool expectObservation = true;
    for (std::size_t i = 0; i < t.size() && t[i].type != Tok::End; ++i) {
        if (t[i].type == Tok::LParen || t[i].type == Tok::RParen) {
            depth += t[i].type == Tok::LParen ? 1 : -1;
            if (depth < 0)
                return makeError(QStringLiteral("unbalanced parentheses in the pattern"));
            continue;
        }
        if (expectObservation) {
            if (t[i].type != Tok::Open)
                return makeError(
                        QStringLiteral("expected '[' in the pattern, found '%1'").arg(t[i].text));
            std::vector<Token> inner;
            int inParen = 0;
            for (++i; i < t.size() && t[i].type != Tok::Close; ++i) {
                if (t[i].type == Tok::End || t[i].type == Tok::Open)
                    return makeError(QStringLiteral("unterminated observation (missing ']')"));
                inParen += t[i].type == Tok::LParen ? 1 : t[i].type == Tok::RParen ? -1 : 0;
                if (inParen < 0)
                    return makeError(QStringLiteral("unbalanced parentheses in the pattern"));
                inner.push_back(t[i]);
            }
            if (i >= t.size() || inner.empty())
                return makeError(QStringLiteral("empty or unterminated observation"));
            observations.push_back(std::move(inner));
            expectObservation = false;
        } else if (isWord(t[i], "OR")) {
            expectObservation = true;
        } else {
            // AND / FOLLOWEDBY between observations, or a qualifier: the whole pattern.
            out.terms.clear();
            out.unsupported = QStringList{
                    QStringLiteral("%1 after an observation: observation operators other than OR "
                                   "and qualifiers (WITHIN, REPEATS, START/STOP) are not supported")
                            .arg(t[i].text.toUpper())};
            return out;
        }
    }
    if (expectObservation || depth != 0)
        return makeError(QStringLiteral("the pattern is incomplete"));
    for (const auto &o : observations)
        observation(o, out);
    return out;
}

} // namespace netcase::intel
