#include "redact.h"

#include "reportdata.h"

#include "core/ipaddr.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>

namespace netcase {

namespace {

QString normalIp(const QString &s)
{
    std::string out;
    return normaliseIp(s.toStdString(), out) ? QString::fromStdString(out) : QString();
}

bool accountKey(const std::string &key)
{
    const QString k = QString::fromStdString(key).toLower();
    if (k.contains(QLatin1String("agent")))
        return false;
    return k.contains(QLatin1String("account")) || k.contains(QLatin1String("user"));
}

const QRegularExpression &ipPattern()
{
    // IPv4, or a run of hex digits and colons with at least two colons (validated as IPv6).
    static const QRegularExpression re(
            QStringLiteral("(?<![\\w.])(\\d{1,3}(?:\\.\\d{1,3}){3})(?![\\w])"
                           "|(?<![\\w:.])([0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?![\\w:])"));
    return re;
}

} // namespace

Pseudonyms::Pseudonyms(QByteArray key, QSet<QString> keptIps, QSet<QString> keptAccounts)
    : m_key(std::move(key))
    , m_keptAccounts(std::move(keptAccounts))
{
    for (const QString &ip : keptIps) {
        const QString n = normalIp(ip);
        m_keptIps.insert(n.isEmpty() ? ip : n);
    }
}

QString Pseudonyms::pseudonym(const QString &prefix, const QString &value)
{
    const QString id = prefix + QLatin1Char(':') + value;
    if (const auto it = m_given.constFind(id); it != m_given.constEnd())
        return *it;
    const QByteArray mac
            = QMessageAuthenticationCode::hash(id.toUtf8(), m_key, QCryptographicHash::Sha256)
                      .toHex();
    // Six hex digits, more when two values of this report would meet on the same name.
    for (int len = 6; len <= mac.size(); len += 2) {
        const QString name = prefix + QLatin1Char('-') + QString::fromLatin1(mac.left(len));
        if (!m_used.contains(name)) {
            m_used.insert(name);
            m_given.insert(id, name);
            return name;
        }
    }
    return prefix; // not reached: 64 hex digits do not collide
}

QString Pseudonyms::ip(const QString &value)
{
    const QString n = normalIp(value);
    const QString key = n.isEmpty() ? value : n;
    if (value.isEmpty() || m_keptIps.contains(key))
        return value;
    return pseudonym(QStringLiteral("ip"), key);
}

QString Pseudonyms::account(const QString &value)
{
    if (value.isEmpty() || m_keptAccounts.contains(value))
        return value;
    m_accounts.insert(value);
    return pseudonym(QStringLiteral("account"), value);
}

void Pseudonyms::learnAccount(const QString &value)
{
    if (!value.isEmpty())
        m_accounts.insert(value);
}

QString Pseudonyms::text(const QString &s)
{
    QString out;
    qsizetype at = 0;
    auto it = ipPattern().globalMatch(s);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString found = m.captured(0);
        if (normalIp(found).isEmpty())
            continue;
        out += s.mid(at, m.capturedStart() - at);
        out += ip(found);
        at = m.capturedEnd();
    }
    out += s.mid(at);
    // Known account names standing as words, longest first.
    QStringList names;
    for (const QString &a : m_accounts)
        if (!m_keptAccounts.contains(a) && !a.startsWith(QLatin1String("account-")))
            names << a;
    if (names.isEmpty())
        return out;
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        return a.size() != b.size() ? a.size() > b.size() : a < b;
    });
    QStringList escaped;
    for (const QString &n : names)
        escaped << QRegularExpression::escape(n);
    const QRegularExpression words(
            QStringLiteral("(?<![\\w@.\\-])(%1)(?![\\w@\\-])").arg(escaped.join(QLatin1Char('|'))));
    QString result;
    at = 0;
    auto w = words.globalMatch(out);
    while (w.hasNext()) {
        const auto m = w.next();
        result += out.mid(at, m.capturedStart() - at);
        result += account(m.captured(1));
        at = m.capturedEnd();
    }
    result += out.mid(at);
    return result;
}

void Pseudonyms::learnAccounts(const nlohmann::json &j)
{
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (accountKey(it.key())) {
                if (it->is_string())
                    learnAccount(QString::fromStdString(it->get<std::string>()));
                else if (it->is_array())
                    for (const auto &v : *it)
                        if (v.is_string())
                            learnAccount(QString::fromStdString(v.get<std::string>()));
                        else
                            learnAccounts(v);
                else if (it->is_object())
                    for (auto k = it->begin(); k != it->end(); ++k)
                        learnAccount(QString::fromStdString(k.key()));
            }
            learnAccounts(*it);
        }
    } else if (j.is_array()) {
        for (const auto &v : j)
            learnAccounts(v);
    }
}

void Pseudonyms::json(nlohmann::json &j)
{
    // asAccount: j sits under an account-like key.
    const std::function<void(nlohmann::json &, bool)> walk
            = [&](nlohmann::json &v, bool asAccount) {
                  if (v.is_string()) {
                      const QString s = QString::fromStdString(v.get<std::string>());
                      v = (asAccount ? account(s) : text(s)).toStdString();
                  } else if (v.is_array()) {
                      for (auto &e : v)
                          walk(e, asAccount);
                  } else if (v.is_object()) {
                      nlohmann::json out = nlohmann::json::object();
                      for (auto it = v.begin(); it != v.end(); ++it) {
                          const bool acc = accountKey(it.key());
                          const QString k = QString::fromStdString(it.key());
                          const QString newKey = asAccount ? account(k) : text(k);
                          nlohmann::json value = *it;
                          walk(value, acc);
                          out[newKey.toStdString()] = std::move(value);
                      }
                      v = std::move(out);
                  }
              };
    walk(j, false);
}

void redactReport(ReportData &d)
{
    // What decisions are about stays named.
    QSet<QString> keptIps, keptAccounts;
    QSet<std::int64_t> subjectFindings;
    for (const ReportDecision &rd : d.decisions)
        for (const Decision &dec : rd.revisions) {
            if (dec.subject.type == QLatin1String("ip"))
                keptIps.insert(dec.subject.value);
            else if (dec.subject.type == QLatin1String("account"))
                keptAccounts.insert(dec.subject.value);
            else if (dec.subject.type == QLatin1String("finding"))
                subjectFindings.insert(dec.subject.value.toLongLong());
        }
    for (const ReportFinding &rf : d.findings)
        if (subjectFindings.contains(rf.finding.id)) {
            for (const QString &ip : rf.finding.ips)
                keptIps.insert(ip);
            for (const QString &a : rf.finding.accounts)
                keptAccounts.insert(a);
        }
    QByteArray key(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(key.data()),
                                          key.size() / int(sizeof(quint32)));
    Pseudonyms p(key, keptIps, keptAccounts);

    // Learn every account name first, so free text anywhere is redacted alike.
    for (const ReportFinding &rf : d.findings) {
        for (const QString &a : rf.finding.accounts)
            p.learnAccount(a);
        p.learnAccounts(rf.finding.details);
        p.learnAccounts(rf.finding.signalList);
    }

    auto list = [&](QStringList &l, bool accounts) {
        for (QString &v : l)
            v = accounts ? p.account(v) : p.ip(v);
    };
    for (ReportFinding &rf : d.findings) {
        StoredFinding &f = rf.finding;
        list(f.ips, false);
        list(f.accounts, true);
        for (QString &h : f.hosts)
            h = p.text(h);
        f.title = p.text(f.title);
        p.json(f.signalList);
        p.json(f.caveats);
        p.json(f.details);
        for (QString &state : rf.decisionState)
            state = p.text(state);
        rf.evidence.clear(); // raw lines are left out
    }
    for (ReportDecision &rd : d.decisions)
        for (Decision &dec : rd.revisions) {
            dec.reasoning = p.text(dec.reasoning);
            dec.proportionality = p.text(dec.proportionality);
            for (Factor &f : dec.factors) {
                f.text = p.text(f.text);
                for (EnrichmentValue &e : f.enrichment) {
                    e.ip = p.ip(e.ip);
                    e.value = p.text(e.value);
                }
            }
        }
    for (ReportDecision &rd : d.decisions)
        for (auto &[id, reviews] : rd.reviews)
            for (Review &r : reviews)
                r.note = p.text(r.note);
    for (ReportNoted &n : d.noted) {
        for (Note &note : n.notes)
            note.text = p.text(note.text);
        if (n.event) {
            n.event->raw.clear();
            n.event->rawMissing = true;
        }
    }
    for (TuningEntry &t : d.tuning) {
        t.value = t.kind == TuningEntry::Kind::Entity ? p.text(t.value) : t.value;
        t.reason = p.text(t.reason);
    }
    for (ReportAddress &a : d.addresses) {
        a.ip = p.ip(a.ip);
        a.details.ip = a.ip;
        for (IpField &f : a.details.fields)
            f.value = p.text(f.value);
        for (QString &c : a.details.caveats)
            c = p.text(c);
        for (EnrichmentValue &e : a.recorded)
            e.value = p.text(e.value);
        for (QString &dec : a.decisions)
            dec = p.text(dec);
    }
    for (MapLocation &l : d.map.locations)
        list(l.ips, false);
    for (TravelArc &a : d.map.arcs)
        a.title = p.text(a.title);
    for (FindingBand &b : d.timeline.bands)
        b.title = p.text(b.title);
    d.redacted = true;
}

} // namespace netcase
