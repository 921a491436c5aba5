#include "accountcontext.h"

#include "case/sqlite.h"

#include <QHash>

#include <algorithm>

namespace netcase {

namespace {

constexpr int kTopN = 12;

std::vector<CountedValue> top(const QHash<QString, CountedValue> &map)
{
    std::vector<CountedValue> v;
    for (const CountedValue &c : map)
        v.push_back(c);
    std::sort(v.begin(), v.end(), [](const CountedValue &a, const CountedValue &b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    return v;
}

void add(QHash<QString, CountedValue> &map,
         const QString &value,
         std::int64_t n,
         std::int64_t ts = 0)
{
    if (value.isEmpty())
        return;
    CountedValue &c = map[value];
    c.value = value;
    c.count += n;
    c.lastTs = std::max(c.lastTs, ts);
}

/// Counts of one interned column for the account's events.
std::vector<CountedValue> counted(const Database &db, const char *column, std::int64_t user)
{
    const std::string sql = std::string("SELECT s.s, count(*), max(e.ts) FROM events e JOIN strs s "
                                        "ON s.id = e.")
                            + column + " WHERE e.user = ? GROUP BY e." + column;
    Statement st = db.prepare(sql);
    st.bind(1, user);
    QHash<QString, CountedValue> map;
    while (st.valid() && st.step())
        add(map, st.text(0), st.int64(1), st.int64(2));
    return top(map);
}

} // namespace

bool AccountContext::isPasswordReset(const QString &action)
{
    const QString a = action.toLower();
    return a.contains(QLatin1String("password")) || a.contains(QLatin1String("passwd"))
           || a.contains(QLatin1String("credential.reset"))
           || (a.contains(QLatin1String("reset")) && !a.contains(QLatin1String("mfa")));
}

bool AccountContext::isSensitiveAction(const QString &action)
{
    // Verbs that change who can sign in or what an account may do (Okta, Entra, CloudTrail
    // and generic names). Sign-ins themselves are not sensitive actions.
    static const char *const kWords[] = {"password",
                                         "reset",
                                         "mfa",
                                         "factor",
                                         "authenticator",
                                         "role",
                                         "admin",
                                         "privilege",
                                         "policy",
                                         "permission",
                                         "grant",
                                         "consent",
                                         "accesskey",
                                         "access_key",
                                         "apikey",
                                         "api_key",
                                         "token.create",
                                         "credential",
                                         "forward",
                                         "inboxrule",
                                         "delete",
                                         "deactivate",
                                         "suspend",
                                         "unlock",
                                         "elevate",
                                         "sudo",
                                         "assume",
                                         "attachuserpolicy",
                                         "createuser",
                                         "createloginprofile",
                                         "updateloginprofile"};
    const QString a = action.toLower();
    for (const char *w : kWords) {
        if (a.contains(QLatin1String(w)))
            return true;
    }
    return false;
}

Result<AccountContext> AccountContext::load(const Database &db, const QString &account, int buckets)
{
    AccountContext c;
    c.account = account;
    Statement id = db.prepare("SELECT id FROM strs WHERE s = ?");
    id.bind(1, account);
    const std::int64_t user = id.valid() && id.step() ? id.int64(0) : 0;

    if (db.hasTable("directory")) {
        Statement d = db.prepare("SELECT account, mfa_enrolled, device_trust, department, "
                                 "last_password_reset FROM directory WHERE account = ? "
                                 "COLLATE NOCASE");
        d.bind(1, account);
        if (d.valid() && d.step()) {
            DirectoryRecord r;
            r.account = d.text(0);
            if (!d.isNull(1))
                r.mfaEnrolled = d.int64(1) != 0;
            r.deviceTrust = d.text(2);
            r.department = d.text(3);
            r.lastPasswordReset = d.text(4);
            c.directory = r;
        }
    }
    if (db.hasTable("finding_entities")) {
        Statement f = db.prepare("SELECT DISTINCT f.id, f.severity, f.kind, f.title FROM "
                                 "finding_entities fe JOIN findings f ON f.id = fe.finding_id "
                                 "WHERE fe.type IN ('account', 'accounts') AND fe.value = ? "
                                 "ORDER BY f.severity DESC, f.id");
        f.bind(1, account);
        while (f.valid() && f.step())
            c.findings.push_back({f.int64(0), int(f.int64(1)), f.text(2), f.text(3)});
    }
    if (!user)
        return c;

    Statement sum = db.prepare("SELECT count(*), sum(outcome = 1), sum(outcome = 2), min(ts), "
                               "max(ts), count(DISTINCT source_ip) FROM events WHERE user = ?");
    sum.bind(1, user);
    if (!sum.valid() || !sum.step())
        return makeError(QStringLiteral("cannot read the account: %1").arg(db.lastError()),
                         ErrorCode::Data);
    c.events = sum.int64(0);
    c.successes = sum.int64(1);
    c.failures = sum.int64(2);
    c.firstTs = sum.int64(3);
    c.lastTs = sum.int64(4);
    c.distinctIps = sum.int64(5);
    if (c.events == 0)
        return c;

    // Sign-in history: authentication events when the case has them, else every event.
    buckets = std::max(1, buckets);
    c.bucketUs = std::max<std::int64_t>(1, (c.lastTs - c.firstTs) / buckets + 1);
    c.bucketSuccess.assign(size_t(buckets), 0);
    c.bucketFailure.assign(size_t(buckets), 0);
    c.bucketOther.assign(size_t(buckets), 0);
    Statement hist = db.prepare("SELECT (ts - ?) / ?, outcome, count(*) FROM events WHERE user = ? "
                                "GROUP BY 1, 2");
    hist.bind(1, c.firstTs).bind(2, c.bucketUs).bind(3, user);
    while (hist.valid() && hist.step()) {
        const auto b = size_t(std::clamp<std::int64_t>(hist.int64(0), 0, buckets - 1));
        const std::int64_t n = hist.int64(2);
        switch (hist.int64(1)) {
        case 1:
            c.bucketSuccess[b] += n;
            break;
        case 2:
            c.bucketFailure[b] += n;
            break;
        default:
            c.bucketOther[b] += n;
            break;
        }
    }

    if (db.hasTable("ip_info")) {
        QHash<QString, CountedValue> countries, asns, types;
        Statement geo = db.prepare(
                "SELECT i.country_iso, i.country_name, i.asn, i.as_org, i.network_type, x.n "
                "FROM (SELECT source_ip, count(*) AS n FROM events WHERE user = ? AND source_ip "
                "IS NOT NULL GROUP BY source_ip) x JOIN ip_info i ON i.ip_id = x.source_ip AND "
                "i.current = 1");
        geo.bind(1, user);
        std::int64_t enriched = 0;
        while (geo.valid() && geo.step()) {
            ++enriched;
            const std::int64_t n = geo.int64(5);
            const QString iso = geo.text(0);
            add(countries,
                iso.isEmpty() ? QString() : QString(iso + QLatin1Char(' ') + geo.text(1)).trimmed(),
                n);
            if (!geo.isNull(2))
                add(asns,
                    QString(QStringLiteral("AS%1 ").arg(geo.int64(2)) + geo.text(3)).trimmed(), n);
            add(types, geo.text(4), n);
        }
        c.ipsWithoutEnrichment = std::max<std::int64_t>(0, c.distinctIps - enriched);
        c.countries = top(countries);
        c.asns = top(asns);
        c.networkTypes = top(types);
    } else {
        c.ipsWithoutEnrichment = c.distinctIps;
    }

    c.devices = counted(db, "device", user);
    c.userAgents = counted(db, "user_agent", user);
    c.mfa = counted(db, "mfa", user);
    for (const CountedValue &a : counted(db, "action", user)) {
        if (isPasswordReset(a.value))
            c.passwordResets.push_back(a);
        else if (isSensitiveAction(a.value))
            c.sensitiveActions.push_back(a);
    }
    for (auto *list : {&c.countries, &c.asns, &c.networkTypes, &c.devices, &c.userAgents, &c.mfa,
                       &c.passwordResets, &c.sensitiveActions}) {
        if (list->size() > size_t(kTopN) * 4) // keep lists readable; the caption says so
            list->resize(size_t(kTopN) * 4);
    }
    return c;
}

} // namespace netcase
