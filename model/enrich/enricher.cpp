#include "enricher.h"

#include "addressclass.h"
#include "ipkey.h"
#include "networktype.h"
#include "sourceset.h"

#include "audit/auditlog.h"
#include "case/sqlite.h"
#include "core/identity.h"
#include "core/timeutil.h"

#include <QCoreApplication>

#include <nlohmann/json.hpp>

#include <set>
#include <vector>

namespace netcase {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("netcase::Enricher", text);
}

Result<QList<qint64>> recordSources(Database &db, const QList<EnrichSource> &sources)
{
    QList<qint64> ids;
    Statement find = db.prepare("SELECT id FROM enrich_sources WHERE kind = ? AND path = ? AND "
                                "sha256 = ? AND coalesce(category, '') = ?");
    Statement insert = db.prepare(
            "INSERT INTO enrich_sources(kind, type, layout, name, path, sha256, build_date, "
            "category, entries, loaded_at, note) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    for (const EnrichSource &s : sources) {
        find.reset();
        find.bind(1, s.kind).bind(2, s.path).bind(3, s.sha256).bind(4, s.category);
        if (find.step()) {
            ids << find.int64(0);
            continue;
        }
        insert.reset();
        insert.bind(1, s.kind).bind(2, s.type).bind(3, s.layout).bind(4, s.name).bind(5, s.path);
        insert.bind(6, s.sha256);
        if (s.buildDate.isValid())
            insert.bind(7, s.buildDate.toString(Qt::ISODate));
        else
            insert.bindNull(7);
        if (s.category.isEmpty())
            insert.bindNull(8);
        else
            insert.bind(8, s.category);
        if (s.entries >= 0)
            insert.bind(9, std::int64_t(s.entries));
        else
            insert.bindNull(9);
        insert.bind(10, s.loadedAt.toString(Qt::ISODate)).bind(11, s.note);
        Status st = insert.exec();
        if (!st)
            return st.error();
        ids << db.lastInsertId();
    }
    return ids;
}

void bindText(Statement &st, int i, const std::string &s)
{
    if (s.empty())
        st.bindNull(i);
    else
        st.bind(i, std::string_view(s));
}

struct IpRow
{
    qint64 id;
    std::string ip;
};

} // namespace

QString EnrichSummary::text() const
{
    QString t = tr("%1 addresses enriched from %2 sources: %3 located, %4 with ASN, %5 flagged")
                        .arg(ips)
                        .arg(sources)
                        .arg(located)
                        .arg(withAsn)
                        .arg(flagged);
    if (!geolocation)
        t += tr("; no geolocation database, so no locations");
    return t;
}

Result<EnrichSummary> enrichCase(Database &db,
                                 const SourceSet &sources,
                                 const EnrichOptions &options,
                                 const EnrichProgressFn &progress,
                                 const std::atomic<bool> *cancel)
{
    if (db.readOnly())
        return makeError(tr("the case is open read-only; enrichment was not run"),
                         ErrorCode::Locked);
    Transaction tx(db);
    if (!tx.active())
        return makeError(tr("cannot start a transaction: %1").arg(db.lastError()),
                         ErrorCode::Locked);
    auto ids = recordSources(db, sources.sources());
    if (!ids)
        return ids.error();

    EnrichSummary sum;
    sum.sources = int(sources.sources().size());
    sum.geolocation = sources.hasGeolocation();
    sum.warnings = sources.refused();
    const qint64 lastEventUs = db.scalar("SELECT max(ts) FROM events", -1);
    for (EnrichSource s : sources.sources()) {
        judgeStaleness(s, lastEventUs);
        if (s.stale)
            sum.warnings << s.staleness;
    }

    nlohmann::json sourceIds = nlohmann::json::array();
    for (qint64 id : *ids)
        sourceIds.push_back(id);
    Statement run = db.prepare("INSERT INTO enrich_runs(started_at, sources) VALUES (?, ?)");
    run.bind(1, nowIso()).bind(2, sourceIds.dump());
    if (Status st = run.exec(); !st)
        return st.error();
    sum.runId = db.lastInsertId();

    std::vector<IpRow> rows;
    {
        Statement sel = db.prepare(
                options.onlyMissing
                        ? "SELECT id, ip FROM ips WHERE NOT EXISTS (SELECT 1 FROM ip_info "
                          "WHERE ip_info.ip_id = ips.id AND current = 1) ORDER BY id"
                        : "SELECT id, ip FROM ips ORDER BY id");
        while (sel.step())
            rows.push_back({sel.int64(0), std::string(sel.textView(1))});
    }
    if (!options.onlyMissing) {
        if (Status st = db.exec("UPDATE ip_info SET current = 0 WHERE current = 1"); !st)
            return st.error();
    }

    Statement ins = db.prepare(
            "INSERT INTO ip_info(ip_id, run_id, current, address_class, country_iso, "
            "country_name, region, city, latitude, longitude, accuracy_km, time_zone, asn, "
            "as_org, isp, network_type, network_type_reason, is_anonymous, is_tor, is_vpn, "
            "is_proxy, is_hosting, is_residential_proxy, lists, provenance, sources) "
            "VALUES (?,?,1,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    const qint64 total = qint64(rows.size());
    qint64 done = 0;
    for (const IpRow &row : rows) {
        if (cancel && (done & 1023) == 0 && cancel->load())
            return makeError(tr("enrichment cancelled; the case is unchanged"),
                             ErrorCode::Cancelled);
        if (progress && (done & 4095) == 0)
            progress(done, total);
        ++done;
        IpKey key;
        if (!parseIpKey(row.ip, key))
            continue; // ips only ever holds normalised addresses; skip anything else
        const QString cls = addressClass(key, row.ip.find(':') != std::string::npos);
        const IpRecord rec = sources.lookup(key);
        const NetworkType nt = classifyNetwork(rec, cls);

        nlohmann::json prov = nlohmann::json::object();
        std::set<qint64> used;
        for (const auto &[field, index] : rec.provenance) {
            prov[field] = (*ids)[index];
            used.insert((*ids)[index]);
        }
        if (!nt.basis.empty() && rec.provenance.count(nt.basis))
            prov["network_type"] = (*ids)[rec.provenance.at(nt.basis)];
        nlohmann::json lists = nlohmann::json::array();
        for (const IpRecord::ListHit &h : rec.lists) {
            nlohmann::json o
                    = {{"name", h.name}, {"category", h.category}, {"source", (*ids)[h.source]}};
            if (!h.label.empty())
                o["label"] = h.label;
            lists.push_back(std::move(o));
            used.insert((*ids)[h.source]);
        }

        ins.reset();
        ins.bind(1, std::int64_t(row.id)).bind(2, std::int64_t(sum.runId)).bind(3, cls);
        bindText(ins, 4, rec.countryIso);
        bindText(ins, 5, rec.countryName);
        bindText(ins, 6, rec.region);
        bindText(ins, 7, rec.city);
        if (rec.latitude && rec.longitude) {
            ins.bind(8, *rec.latitude).bind(9, *rec.longitude);
        } else {
            ins.bindNull(8).bindNull(9);
        }
        if (rec.accuracyKm >= 0)
            ins.bind(10, rec.accuracyKm);
        else
            ins.bindNull(10);
        bindText(ins, 11, rec.timeZone);
        if (rec.asn >= 0)
            ins.bind(12, std::int64_t(rec.asn));
        else
            ins.bindNull(12);
        bindText(ins, 13, rec.asOrg);
        bindText(ins, 14, rec.isp);
        ins.bind(15, nt.type).bind(16, nt.reason);
        ins.bind(17, int(rec.anonymous)).bind(18, int(rec.tor)).bind(19, int(rec.vpn));
        ins.bind(20, int(rec.proxy)).bind(21, int(rec.hosting));
        ins.bind(22, int(rec.residentialProxy));
        ins.bind(23, lists.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
                .bind(24, prov.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        ins.bind(25, nlohmann::json(std::vector<qint64>(used.begin(), used.end())).dump());
        if (Status st = ins.exec(); !st)
            return st.error();
        ++sum.ips;
        sum.located += rec.hasGeo() ? 1 : 0;
        sum.withAsn += rec.asn >= 0 ? 1 : 0;
        const bool flagged = rec.anonymous || rec.tor || rec.vpn || rec.proxy
                             || rec.residentialProxy || !rec.lists.empty();
        sum.flagged += flagged ? 1 : 0;
    }
    if (progress)
        progress(total, total);
    if (const int errs = sources.lookupErrors(); errs > 0)
        sum.warnings << tr("%1 lookups failed on corrupt database records").arg(errs);

    Statement upd = db.prepare("UPDATE enrich_runs SET ips = ? WHERE id = ?");
    upd.bind(1, std::int64_t(sum.ips)).bind(2, std::int64_t(sum.runId));
    if (Status st = upd.exec(); !st)
        return st.error();

    nlohmann::json payload = {{"run", sum.runId},
                              {"ips", sum.ips},
                              {"only_missing", options.onlyMissing},
                              {"sources", nlohmann::json::array()}};
    for (int i = 0; i < sources.sources().size(); ++i) {
        const EnrichSource &s = sources.sources()[i];
        payload["sources"].push_back(
                {{"id", (*ids)[i]},
                 {"kind", s.kind.toStdString()},
                 {"type", s.type.toStdString()},
                 {"path", s.path.toStdString()},
                 {"sha256", s.sha256.toStdString()},
                 {"build_date", s.buildDate.toString(Qt::ISODate).toStdString()}});
    }
    for (const QString &w : sum.warnings)
        payload["warnings"].push_back(w.toStdString());
    const QString actor = options.actor.isEmpty() ? currentUserName() : options.actor;
    if (Status st = AuditLog::append(db, actor, QStringLiteral("enrich"), payload); !st)
        return st.error();
    if (Status st = tx.commit(); !st)
        return st.error();
    return sum;
}

} // namespace netcase
