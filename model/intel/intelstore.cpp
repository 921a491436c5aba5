#include "intelstore.h"

#include "audit/auditlog.h"
#include "case/sqlite.h"
#include "core/timeutil.h"

#include <nlohmann/json.hpp>

namespace netcase::intel {

namespace {

std::string listJson(const QStringList &l)
{
    auto a = nlohmann::json::array();
    for (const QString &s : l)
        a.push_back(s.toStdString());
    return a.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

QStringList listFrom(std::string_view text)
{
    QStringList out;
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_array())
        for (const auto &v : j)
            if (v.is_string())
                out << QString::fromStdString(v.get<std::string>());
    return out;
}

void bindOpt(Statement &st, int i, const std::optional<std::int64_t> &v)
{
    if (v)
        st.bind(i, *v);
    else
        st.bindNull(i);
}

std::optional<std::int64_t> optAt(const Statement &st, int col)
{
    return st.isNull(col) ? std::nullopt : std::optional<std::int64_t>(st.int64(col));
}

constexpr const char *kIndicatorColumns
        = "id, source_id, kind, value, external_id, name, description, producer, confidence, "
          "created, valid_from, valid_until, labels, to_ids, threat_level, context";

std::vector<StoredIndicator> readIndicators(Statement &st)
{
    std::vector<StoredIndicator> out;
    while (st.step()) {
        StoredIndicator s;
        s.id = st.int64(0);
        s.sourceId = st.int64(1);
        s.ind.kind = kindFromName(st.textView(2)).value_or(Kind::Ip);
        s.ind.value = st.text(3);
        s.ind.externalId = st.text(4);
        s.ind.name = st.text(5);
        s.ind.description = st.text(6);
        s.ind.producer = st.text(7);
        if (!st.isNull(8))
            s.ind.confidence = int(st.int64(8));
        s.ind.created = optAt(st, 9);
        s.ind.validFrom = optAt(st, 10);
        s.ind.validUntil = optAt(st, 11);
        s.ind.labels = listFrom(st.textView(12));
        if (!st.isNull(13))
            s.ind.toIds = st.int64(13) != 0;
        s.ind.threatLevel = st.text(14);
        s.ind.context = st.text(15);
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace

Result<IntelSource> IntelStore::import(Database &db, const IntelFile &file, const QString &actor)
{
    if (db.readOnly())
        return makeError(QStringLiteral("the case is read-only"), ErrorCode::Locked);
    Transaction txn(db);
    if (!txn.active())
        return makeError(QStringLiteral("cannot write to the case: %1").arg(db.lastError()),
                         ErrorCode::Locked);
    Statement dup = db.prepare("SELECT name FROM intel_sources WHERE sha256 = ?");
    dup.bind(1, file.sha256);
    if (dup.step())
        return makeError(QStringLiteral("%1 is already in the case (same SHA-256 as %2)")
                                 .arg(file.name, dup.text(0)));
    auto unsupported = nlohmann::json::array();
    for (const Unsupported &u : file.unsupported)
        unsupported.push_back({{"id", u.id.toStdString()},
                               {"what", u.what.toStdString()},
                               {"reason", u.reason.toStdString()}});
    IntelSource src;
    src.format = file.format;
    src.name = file.name;
    src.path = file.path;
    src.sha256 = file.sha256;
    src.producer = file.producer;
    src.importedAt = nowIso();
    src.actor = actor;
    src.indicators = std::int64_t(file.indicators.size());
    src.unsupported = file.unsupported;
    Statement ins = db.prepare("INSERT INTO intel_sources(format, name, path, sha256, producer, "
                               "imported_at, actor, indicators, unsupported) "
                               "VALUES(?,?,?,?,?,?,?,?,?)");
    ins.bind(1, src.format).bind(2, src.name).bind(3, src.path).bind(4, src.sha256);
    ins.bind(5, src.producer).bind(6, src.importedAt).bind(7, actor).bind(8, src.indicators);
    ins.bind(9, unsupported.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    if (Status s = ins.exec(); !s)
        return s.error();
    src.id = db.lastInsertId();
    Statement add = db.prepare(
            "INSERT INTO intel_indicators(source_id, kind, value, external_id, name, "
            "description, producer, confidence, created, valid_from, valid_until, labels, "
            "to_ids, threat_level, context) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    for (const Indicator &i : file.indicators) {
        add.bind(1, src.id).bind(2, kindName(i.kind)).bind(3, i.value).bind(4, i.externalId);
        add.bind(5, i.name).bind(6, i.description).bind(7, i.producer);
        if (i.confidence)
            add.bind(8, *i.confidence);
        else
            add.bindNull(8);
        bindOpt(add, 9, i.created);
        bindOpt(add, 10, i.validFrom);
        bindOpt(add, 11, i.validUntil);
        add.bind(12, listJson(i.labels));
        if (i.toIds)
            add.bind(13, *i.toIds ? 1 : 0);
        else
            add.bindNull(13);
        add.bind(14, i.threatLevel).bind(15, i.context);
        if (Status s = add.exec(); !s)
            return s.error();
        add.reset();
    }
    const nlohmann::json payload = {{"source_id", src.id},
                                    {"format", src.format.toStdString()},
                                    {"name", src.name.toStdString()},
                                    {"path", src.path.toStdString()},
                                    {"sha256", src.sha256.toStdString()},
                                    {"producer", src.producer.toStdString()},
                                    {"indicators", src.indicators},
                                    {"unsupported", file.unsupported.size()}};
    if (Status s = AuditLog::append(db, actor, QStringLiteral("intel.import"), payload); !s)
        return s.error();
    if (Status s = txn.commit(); !s)
        return s.error();
    return src;
}

std::vector<IntelSource> IntelStore::sources(const Database &db)
{
    std::vector<IntelSource> out;
    if (!db.hasTable("intel_sources"))
        return out;
    Statement st = db.prepare("SELECT id, format, name, path, sha256, producer, imported_at, "
                              "actor, indicators, unsupported FROM intel_sources ORDER BY id");
    while (st.step()) {
        IntelSource s;
        s.id = st.int64(0);
        s.format = st.text(1);
        s.name = st.text(2);
        s.path = st.text(3);
        s.sha256 = st.text(4);
        s.producer = st.text(5);
        s.importedAt = st.text(6);
        s.actor = st.text(7);
        s.indicators = st.int64(8);
        const auto u = nlohmann::json::parse(st.textView(9), nullptr, false);
        if (u.is_array())
            for (const auto &e : u)
                if (e.is_object())
                    s.unsupported.push_back(
                            {QString::fromStdString(e.value("id", std::string())),
                             QString::fromStdString(e.value("what", std::string())),
                             QString::fromStdString(e.value("reason", std::string()))});
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<StoredIndicator> IntelStore::indicators(const Database &db)
{
    if (!db.hasTable("intel_indicators"))
        return {};
    Statement st = db.prepare(std::string("SELECT ") + kIndicatorColumns
                              + " FROM intel_indicators ORDER BY id");
    return readIndicators(st);
}

std::vector<StoredIndicator>
IntelStore::byValue(const Database &db, Kind kind, const QString &value)
{
    if (!db.hasTable("intel_indicators"))
        return {};
    Statement st = db.prepare(std::string("SELECT ") + kIndicatorColumns
                              + " FROM intel_indicators WHERE kind = ? AND value = ? ORDER BY id");
    st.bind(1, kindName(kind)).bind(2, value);
    return readIndicators(st);
}

} // namespace netcase::intel
