#include "findingstore.h"

#include "case/sqlite.h"
#include "core/timeutil.h"

#include <algorithm>
#include <map>

namespace netcase {

namespace {

nlohmann::json signalsJson(const Finding &f)
{
    auto a = nlohmann::json::array();
    for (const Signal &s : f.signalList)
        a.push_back({{"name", s.name}, {"weight", s.weight}, {"detail", s.detail}});
    return a;
}

nlohmann::json caveatsJson(const Finding &f)
{
    auto a = nlohmann::json::array();
    for (const Caveat &c : f.caveats)
        a.push_back({{"code", c.code}, {"text", c.text}});
    return a;
}

nlohmann::json parsed(std::string_view text, nlohmann::json fallback)
{
    auto j = nlohmann::json::parse(text, nullptr, false);
    return j.is_discarded() ? fallback : j;
}

constexpr const char *kColumns
        = "id, fingerprint, kind, rule, title, severity, first_ts, last_ts, signals, caveats, "
          "details, evidence_count, suppressed_by, active";

StoredFinding fromRow(const Statement &st)
{
    StoredFinding f;
    f.id = st.int64(0);
    f.fingerprint = st.text(1);
    f.kind = st.text(2);
    f.rule = st.text(3);
    f.title = st.text(4);
    f.severity = int(st.int64(5));
    f.firstTs = st.int64(6);
    f.lastTs = st.int64(7);
    f.signalList = parsed(st.textView(8), nlohmann::json::array());
    f.caveats = parsed(st.textView(9), nlohmann::json::array());
    f.details = parsed(st.textView(10), nlohmann::json::object());
    f.evidenceCount = st.int64(11);
    f.suppressedBy = st.int64(12);
    f.active = st.int64(13) != 0;
    return f;
}

void loadEntities(const Database &db, std::vector<StoredFinding> &list, bool all)
{
    std::map<std::int64_t, StoredFinding *> byId;
    for (StoredFinding &f : list)
        byId[f.id] = &f;
    Statement st
            = db.prepare(all ? "SELECT finding_id, type, value FROM finding_entities"
                             : "SELECT fe.finding_id, fe.type, fe.value FROM finding_entities fe "
                               "JOIN findings f ON f.id = fe.finding_id WHERE f.active = 1");
    while (st.step()) {
        const auto it = byId.find(st.int64(0));
        if (it == byId.end())
            continue;
        const std::string_view type = st.textView(1);
        QStringList *target = type == "ip"        ? &it->second->ips
                              : type == "account" ? &it->second->accounts
                              : type == "host"    ? &it->second->hosts
                                                  : &it->second->asns;
        target->append(st.text(2));
    }
}

} // namespace

nlohmann::json StoredFinding::toJson() const
{
    auto list = [](const QStringList &l) {
        auto a = nlohmann::json::array();
        for (const QString &s : l)
            a.push_back(s.toStdString());
        return a;
    };
    nlohmann::json j = {
            {"id", id},
            {"kind", kind.toStdString()},
            {"rule", rule.toStdString()},
            {"title", title.toStdString()},
            {"severity", severity},
            {"entities",
             {{"ips", list(ips)},
              {"accounts", list(accounts)},
              {"hosts", list(hosts)},
              {"asns", list(asns)}}},
            {"window", {{"from", formatIsoUs(firstTs)}, {"to", formatIsoUs(lastTs)}}},
            {"evidence_count", evidenceCount},
            {"signals", signalList},
            {"caveats", caveats},
            {"fingerprint", fingerprint.toStdString()},
            {"active", active},
    };
    if (suppressedBy > 0)
        j["suppressed_by"] = suppressedBy;
    if (!details.empty())
        j["details"] = details;
    return j;
}

Result<std::int64_t> FindingStore::write(Database &db,
                                         std::int64_t runId,
                                         const std::vector<Finding> &findings,
                                         int maxEvidence)
{
    const QString now = nowIso();
    Statement find = db.prepare("SELECT id FROM findings WHERE fingerprint = ?");
    Statement insert = db.prepare(
            "INSERT INTO findings(fingerprint, run_id, kind, rule, severity, title, first_ts, "
            "last_ts, signals, caveats, details, evidence_count, suppressed_by, active, "
            "created_at, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)");
    Statement update = db.prepare(
            "UPDATE findings SET run_id=?, kind=?, rule=?, severity=?, title=?, first_ts=?, "
            "last_ts=?, signals=?, caveats=?, details=?, evidence_count=?, suppressed_by=?, "
            "active=1, updated_at=? WHERE id=?");
    Statement clearEntities = db.prepare("DELETE FROM finding_entities WHERE finding_id = ?");
    Statement clearEvidence = db.prepare("DELETE FROM finding_evidence WHERE finding_id = ?");
    Statement addEntity = db.prepare(
            "INSERT OR IGNORE INTO finding_entities(finding_id, type, value) VALUES(?,?,?)");
    Statement addEvidence = db.prepare(
            "INSERT OR IGNORE INTO finding_evidence(finding_id, event_id) VALUES(?,?)");
    std::int64_t written = 0;
    for (const Finding &f : findings) {
        const std::string fp = f.fingerprint();
        const std::string signalList
                = signalsJson(f).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        const std::string caveats
                = caveatsJson(f).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        const std::string details
                = f.details.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        std::vector<std::int64_t> evidence = f.evidence;
        std::sort(evidence.begin(), evidence.end());
        evidence.erase(std::unique(evidence.begin(), evidence.end()), evidence.end());
        const auto count = std::int64_t(evidence.size());
        std::int64_t id = 0;
        find.bind(1, fp);
        if (find.step())
            id = find.int64(0);
        find.reset();
        Status s;
        if (id) {
            update.bind(1, runId).bind(2, f.kind).bind(3, f.rule).bind(4, f.severity());
            update.bind(5, f.title).bind(6, f.firstTs).bind(7, f.lastTs).bind(8, signalList);
            update.bind(9, caveats).bind(10, details).bind(11, count);
            if (f.suppressedBy)
                update.bind(12, f.suppressedBy);
            else
                update.bindNull(12);
            update.bind(13, now).bind(14, id);
            s = update.exec();
            if (s)
                s = clearEntities.bind(1, id).exec();
            if (s)
                s = clearEvidence.bind(1, id).exec();
        } else {
            insert.bind(1, fp).bind(2, runId).bind(3, f.kind).bind(4, f.rule);
            insert.bind(5, f.severity()).bind(6, f.title).bind(7, f.firstTs).bind(8, f.lastTs);
            insert.bind(9, signalList).bind(10, caveats).bind(11, details).bind(12, count);
            if (f.suppressedBy)
                insert.bind(13, f.suppressedBy);
            else
                insert.bindNull(13);
            insert.bind(14, now).bind(15, now);
            s = insert.exec();
            id = db.lastInsertId();
        }
        if (!s)
            return s.error();
        auto entity = [&](const char *type, const std::string &value) {
            return addEntity.bind(1, id).bind(2, type).bind(3, value).exec();
        };
        for (const auto &v : f.ips)
            if (auto e = entity("ip", v); !e)
                return e.error();
        for (const auto &v : f.accounts)
            if (auto e = entity("account", v); !e)
                return e.error();
        for (const auto &v : f.hosts)
            if (auto e = entity("host", v); !e)
                return e.error();
        for (const auto v : f.asns)
            if (auto e = entity("asn", "AS" + std::to_string(v)); !e)
                return e.error();
        const std::size_t keep = std::min(evidence.size(), std::size_t(std::max(1, maxEvidence)));
        for (std::size_t i = 0; i < keep; ++i)
            if (auto e = addEvidence.bind(1, id).bind(2, evidence[i]).exec(); !e)
                return e.error();
        ++written;
    }
    Statement stale = db.prepare("UPDATE findings SET active = 0 WHERE run_id IS NOT ?");
    if (auto s = stale.bind(1, runId).exec(); !s)
        return s.error();
    return written;
}

std::vector<StoredFinding> FindingStore::read(const Database &db, bool includeInactive)
{
    std::vector<StoredFinding> out;
    const std::string sql = std::string("SELECT ") + kColumns + " FROM findings"
                            + (includeInactive ? "" : " WHERE active = 1")
                            + " ORDER BY severity DESC, first_ts, id";
    Statement st = db.prepare(sql);
    while (st.step())
        out.push_back(fromRow(st));
    loadEntities(db, out, includeInactive);
    return out;
}

std::optional<StoredFinding> FindingStore::byId(const Database &db, std::int64_t id)
{
    Statement st = db.prepare(std::string("SELECT ") + kColumns + " FROM findings WHERE id = ?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    std::vector<StoredFinding> one{fromRow(st)};
    Statement ent = db.prepare("SELECT type, value FROM finding_entities WHERE finding_id = ?");
    ent.bind(1, id);
    while (ent.step()) {
        const std::string_view type = ent.textView(0);
        (type == "ip"        ? one[0].ips
         : type == "account" ? one[0].accounts
         : type == "host"    ? one[0].hosts
                             : one[0].asns)
                .append(ent.text(1));
    }
    return one[0];
}

std::int64_t FindingStore::count(const Database &db)
{
    return db.scalar("SELECT count(*) FROM findings");
}

std::optional<QString> FindingStore::ruleOf(const Database &db, std::int64_t id)
{
    Statement st = db.prepare("SELECT rule FROM findings WHERE id = ?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return st.text(0);
}

QString FindingStore::primaryEntity(const Database &db, std::int64_t id)
{
    Statement st = db.prepare("SELECT value FROM finding_entities WHERE finding_id = ? "
                              "ORDER BY type <> 'ip', type, value LIMIT 1");
    st.bind(1, id);
    return st.step() ? st.text(0) : QString();
}

std::vector<std::int64_t> FindingStore::evidence(const Database &db, std::int64_t id)
{
    std::vector<std::int64_t> out;
    Statement st = db.prepare(
            "SELECT event_id FROM finding_evidence WHERE finding_id = ? ORDER BY event_id");
    st.bind(1, id);
    while (st.step())
        out.push_back(st.int64(0));
    return out;
}

} // namespace netcase
