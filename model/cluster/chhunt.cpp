#include "chhunt.h"

#include "analysis/rules.h"
#include "cluster/chhttp.h"
#include "cluster/chrows.h"
#include "cluster/chschema.h"

#include <QByteArray>

namespace netcase::cluster {

namespace {

constexpr std::int64_t kSecondUs = 1000000;

/// "(position(expr, 'a') > 0 OR ...)", or "0" for an empty list.
QString containsAny(const QString &expr, const std::vector<std::string> &needles)
{
    QStringList parts;
    for (const std::string &n : needles) {
        if (!n.empty())
            parts << QStringLiteral("position(%1, %2) > 0").arg(expr, sqlString(n));
    }
    return parts.isEmpty()
                   ? QStringLiteral("0")
                   : QLatin1Char('(') + parts.join(QStringLiteral(" OR ")) + QLatin1Char(')');
}

QString inList(const QString &expr, const std::vector<std::string> &values)
{
    QStringList quoted;
    for (const std::string &v : values)
        quoted << sqlString(v);
    return quoted.isEmpty()
                   ? QStringLiteral("0")
                   : QStringLiteral("%1 IN (%2)").arg(expr, quoted.join(QStringLiteral(", ")));
}

/// A login path matches itself and its sub-paths, compared without the query string.
QString pathMatches(const std::vector<std::string> &paths)
{
    const QString path = QStringLiteral("lower(splitByChar('?', url)[1])");
    QStringList parts;
    for (const std::string &p : paths) {
        const QString q = QString::fromStdString(p);
        parts << QStringLiteral("%1 = %2").arg(path, sqlString(q));
        for (const char *sep : {"/", "."})
            parts << QStringLiteral("substring(%1, 1, %2) = %3")
                             .arg(path)
                             .arg(q.toUtf8().size() + 1)
                             .arg(sqlString(q + QLatin1String(sep)));
    }
    return parts.isEmpty()
                   ? QStringLiteral("0")
                   : QLatin1Char('(') + parts.join(QStringLiteral(" OR ")) + QLatin1Char(')');
}

/// A sign-in by its category and action (dataset.cpp's kAuth from the kind).
QString authByKind(const Rules &r)
{
    const QString act = QStringLiteral("lower(action)");
    return QStringLiteral("(NOT %1 AND (%2 OR %3))")
            .arg(containsAny(act, r.classify("auth_exclude_actions")),
                 inList(QStringLiteral("lower(category)"), r.classify("auth_categories")),
                 containsAny(act, r.classify("auth_actions")));
}

QString flowCondition(const Rules &r)
{
    return QStringLiteral("(%1 AND destination_ip != toFixedString('', 16) AND destination_port "
                          ">= 0)")
            .arg(inList(QStringLiteral("lower(category)"), r.classify("flow_categories")));
}

QString webCondition()
{
    return QStringLiteral("(lower(category) = 'web' OR substring(lower(action), 1, 4) = 'http')");
}

struct Plan
{
    QString key; ///< SQL of the entity, as TSV columns
    QString where;
    QString distinct; ///< SQL of the distinct count, or "0"
    QString having;
    QString distinctName;
    std::int64_t windowS = 0;
};

Result<Plan> plan(const QString &rule, const Rules &r)
{
    const QString src = QStringLiteral("hex(source_ip)");
    const QString hasSrc = QStringLiteral("source_ip != toFixedString('', 16)");
    Plan p;
    if (rule == QLatin1String("credential_stuffing")
        || rule == QLatin1String("password_spraying")) {
        const bool stuffing = rule == QLatin1String("credential_stuffing");
        const char *R = stuffing ? "stuffing" : "spraying";
        p.key = src;
        p.where = QStringLiteral("%1 AND %2 AND NOT %3")
                          .arg(hasSrc, authCondition(r), sshCondition(r));
        p.distinct = QStringLiteral("uniqExact(user)");
        p.distinctName = QStringLiteral("accounts");
        p.windowS = std::int64_t(r.num(R, "window_s", stuffing ? 3600 : 86400));
        p.having = QStringLiteral("uniqExact(user) >= %1 AND countIf(outcome = 2) >= %2 * count()")
                           .arg(r.num(R, "min_accounts"))
                           .arg(r.num(R, "min_failure_ratio"));
        if (!stuffing)
            p.having += QStringLiteral(" AND count() <= %1 * uniqExact(user)")
                                .arg(r.num(R, "max_attempts_per_account"));
    } else if (rule == QLatin1String("ssh_bruteforce")) {
        p.key = src;
        p.where = QStringLiteral("%1 AND %2").arg(hasSrc, sshCondition(r));
        p.distinct = QStringLiteral("uniqExact(user)");
        p.distinctName = QStringLiteral("accounts");
        p.windowS = std::int64_t(r.num("ssh_bruteforce", "window_s"));
        p.having = QStringLiteral("countIf(outcome = 2) >= %1")
                           .arg(r.num("ssh_bruteforce", "min_failures"));
    } else if (rule == QLatin1String("ddos")) {
        // The target is the destination address, else the host (detectDdos).
        p.key = QStringLiteral("if(destination_ip != toFixedString('', 16), hex(destination_ip), "
                               "concat('host:', host))");
        p.where = QStringLiteral("%1 AND (%2 OR %3)").arg(hasSrc, webCondition(), flowCondition(r));
        p.distinct = QStringLiteral("uniqExact(source_ip)");
        p.distinctName = QStringLiteral("sources");
        p.windowS = std::int64_t(r.num("ddos", "window_s"));
        p.having = QStringLiteral("uniqExact(source_ip) >= %1 AND count() >= %2")
                           .arg(r.num("ddos", "min_sources"))
                           .arg(r.num("ddos", "min_requests"));
    } else if (rule == QLatin1String("beaconing")) {
        QStringList quiet;
        for (const std::string &port : r.strings("beaconing", "quiet_ports"))
            quiet << QString::number(std::atoi(port.c_str()));
        p.key = QStringLiteral("concat(hex(source_ip), '>', hex(destination_ip), ':', "
                               "toString(destination_port))");
        p.where = QStringLiteral("%1 AND %2").arg(hasSrc, flowCondition(r));
        if (!quiet.isEmpty())
            p.where += QStringLiteral(" AND destination_port NOT IN (%1)")
                               .arg(quiet.join(QLatin1Char(',')));
        p.distinct = QStringLiteral("0");
        p.having = QStringLiteral("count() >= %1").arg(r.num("beaconing", "min_connections"));
    } else {
        return makeError(QStringLiteral("unknown rule '%1'; one of %2")
                                 .arg(rule, huntRules().join(QStringLiteral(", "))),
                         ErrorCode::Usage);
    }
    return p;
}

/// Hex addresses in an entity ("0000...FFFF01020304", "A>B:443") as address text.
std::string entityText(const QByteArray &key)
{
    auto addr = [](const QByteArray &hex) {
        const QByteArray b = QByteArray::fromHex(hex);
        return b.size() == 16 ? addressText(reinterpret_cast<const unsigned char *>(b.constData()))
                              : hex.toStdString();
    };
    if (key.startsWith("host:"))
        return key.size() > 5 ? key.mid(5).toStdString() : std::string("(no target)");
    const qsizetype gt = key.indexOf('>');
    if (gt < 0)
        return addr(key);
    const qsizetype colon = key.lastIndexOf(':');
    return addr(key.left(gt)) + " -> " + addr(key.mid(gt + 1, colon - gt - 1)) + ":"
           + key.mid(colon + 1).toStdString();
}

} // namespace

QStringList huntRules()
{
    return {QStringLiteral("credential_stuffing"), QStringLiteral("password_spraying"),
            QStringLiteral("ssh_bruteforce"), QStringLiteral("ddos"), QStringLiteral("beaconing")};
}

QString authCondition(const Rules &r)
{
    // A submitted form to a login path is a sign-in too; fetching the page is not.
    return QStringLiteral("(%1 OR (%2 AND lower(http_method) = 'post' AND %3))")
            .arg(authByKind(r), webCondition(), pathMatches(r.classify("login_paths")));
}

QString sshCondition(const Rules &r)
{
    return QStringLiteral("(%1 AND %2)")
            .arg(authByKind(r),
                 containsAny(QStringLiteral("lower(action)"), r.classify("ssh_actions")));
}

Result<HuntResult> hunt(const ChConnection &c,
                        const QString &rule,
                        const Rules &rules,
                        std::int64_t fromUs,
                        std::int64_t toUs)
{
    auto filter = optionFilter(fromUs, toUs, {}, {});
    if (!filter)
        return filter.error();
    return hunt(c, rule, rules, *filter);
}

Result<HuntResult>
hunt(const ChConnection &c, const QString &rule, const Rules &rules, const ChFilter &filter)
{
    auto p = plan(rule, rules);
    if (!p)
        return p.error();
    HuntResult out;
    out.rule = rule;
    out.distinctName = p->distinctName;
    out.windowS = p->windowS;
    const QString window
            = p->windowS > 0 ? QStringLiteral("intDiv(ts, %1) * %1").arg(p->windowS * kSecondUs)
                             : QStringLiteral("toInt64(0)");
    const QString sql
            = QStringLiteral("SELECT %1 AS entity, %2 AS win, count(), %3, countIf(outcome = 2) "
                             "FROM events WHERE ts >= %4 AND ts < %5 AND (%6) "
                             "AND push_id GLOBAL IN %7 AND %8 GROUP BY entity, win HAVING %9 "
                             "ORDER BY win, entity FORMAT TSV")
                      .arg(p->key, window, p->distinct)
                      .arg(filter.fromUs)
                      .arg(filter.toUs)
                      .arg(filter.where, visiblePushes(), p->where, p->having);
    ChHttp http(c);
    auto body = http.query(sql);
    if (!body)
        return body.error();
    for (const QByteArray &line : body->split('\n')) {
        const QList<QByteArray> cols = line.split('\t');
        if (cols.size() < 5)
            continue;
        HuntCandidate h;
        h.entity = entityText(cols[0]);
        h.windowStartUs = cols[1].toLongLong();
        h.events = cols[2].toLongLong();
        h.distinct = cols[3].toLongLong();
        h.failures = cols[4].toLongLong();
        out.candidates.push_back(std::move(h));
    }
    return out;
}

} // namespace netcase::cluster
