// The report's Addresses appendix: every address a decision names (its subject, the enrichment
// its factors recorded) and the addresses of the findings shown in detail, each described once
// (enrich/ipdetails.h) so factors and findings can refer to it instead of repeating it.

#include "report/reportdata.h"

#include "core/ipaddr.h"

#include <QHash>

#include <algorithm>
#include <array>
#include <map>

namespace netcase {

namespace {

/// Addresses in numeric order: IPv4 before IPv6, anything unparsable last, by text.
bool addressLess(const QString &a, const QString &b)
{
    auto key = [](const QString &ip) {
        std::array<std::uint8_t, 16> bytes{};
        bool v4 = false;
        const std::string text = ip.toStdString();
        const bool ok = parseIpBytes(text, bytes, v4);
        return std::make_tuple(ok ? (v4 ? 0 : 1) : 2, ok ? bytes : std::array<std::uint8_t, 16>{},
                               ip);
    };
    return key(a) < key(b);
}

struct Collected
{
    std::vector<EnrichmentValue> recorded;
    std::vector<std::int64_t> findings;
    QStringList decisions;
};

void addUnique(QStringList &list, const QString &value)
{
    if (!list.contains(value))
        list << value;
}

} // namespace

void collectReportAddresses(const Database &db, ReportData &d)
{
    std::map<QString, Collected> byIp;
    for (std::size_t i = 0; i < d.decisions.size(); ++i) {
        const ReportDecision &rd = d.decisions[i];
        const QString name = decisionRef(i);
        for (const Decision &rev : rd.revisions) {
            if (rev.subject.type == QLatin1String("ip"))
                addUnique(byIp[rev.subject.value].decisions, name);
            for (const Factor &f : rev.factors)
                for (const EnrichmentValue &e : f.enrichment) {
                    Collected &c = byIp[e.ip];
                    addUnique(c.decisions, name);
                    EnrichmentValue v = e;
                    v.ip.clear(); // the entry is the address
                    if (std::find(c.recorded.begin(), c.recorded.end(), v) == c.recorded.end())
                        c.recorded.push_back(std::move(v));
                }
        }
    }
    for (const ReportFinding &rf : d.findings) {
        if (rf.tableOnly)
            continue;
        const QStringList &ips = rf.finding.ips;
        for (qsizetype i = 0; i < ips.size() && i < kReportAddressesPerFinding; ++i)
            byIp[ips.at(i)].findings.push_back(rf.finding.id);
    }
    QStringList order;
    for (const auto &[ip, c] : byIp)
        if (!ip.trimmed().isEmpty())
            order << ip;
    std::sort(order.begin(), order.end(), addressLess);
    d.addresses.clear();
    d.addresses.reserve(std::size_t(order.size()));
    for (const QString &ip : order) {
        Collected &c = byIp[ip];
        ReportAddress a;
        a.ip = ip;
        a.ref = QStringLiteral("A%1").arg(d.addresses.size() + 1);
        a.details = IpDetails::read(db, ip);
        a.details.someAccounts.clear(); // the findings name the accounts, with their context
        a.details.intel.clear();
        a.recorded = std::move(c.recorded);
        a.findings = std::move(c.findings);
        a.decisions = std::move(c.decisions);
        d.addresses.push_back(std::move(a));
    }
}

QString decisionRef(std::size_t index)
{
    return QStringLiteral("D%1").arg(index + 1);
}

QHash<QString, QString> addressRefs(const ReportData &d)
{
    QHash<QString, QString> refs;
    for (const ReportAddress &a : d.addresses)
        refs.insert(a.ip, a.ref);
    return refs;
}

} // namespace netcase
