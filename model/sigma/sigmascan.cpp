#include "sigmascan.h"

#include "case/sqlite.h"

namespace netcase::sigma {

namespace {

const std::string kEmpty;

constexpr int kFirstField = 3; ///< columns before the fields: id, source_id, line

std::vector<std::string> loadTexts(const Database &db, const char *table, const char *column)
{
    std::vector<std::string> out;
    out.resize(std::size_t(db.scalar(std::string("SELECT COALESCE(MAX(id), 0) FROM ") + table))
               + 1);
    Statement st = db.prepare(std::string("SELECT id, ") + column + " FROM " + table);
    while (st.step()) {
        const std::int64_t id = st.int64(0);
        if (id >= 0 && std::size_t(id) < out.size())
            out[std::size_t(id)] = std::string(st.textView(1));
    }
    return out;
}

} // namespace

const std::string &Dictionaries::text(FieldType type, std::int64_t id) const
{
    const std::vector<std::string> &v = type == FieldType::Address ? ips : strs;
    return id >= 0 && std::uint64_t(id) < v.size() ? v[std::size_t(id)] : kEmpty;
}

Dictionaries loadDictionaries(const Database &db)
{
    Dictionaries d;
    d.strs = loadTexts(db, "strs", "s");
    d.ips = loadTexts(db, "ips", "ip");
    return d;
}

void resolve(const IdRow &ids, const Dictionaries &d, EventRow &out)
{
    out.id = ids.id;
    out.sourceId = ids.sourceId;
    Event &e = out.event;
    e.line = ids.line;
    const auto fields = eventFields();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const FieldDef &f = fields[i];
        const std::int64_t v = ids.cols[i];
        switch (f.type) {
        case FieldType::Time:
            e.timestampUs = v == IdRow::kNull ? 0 : v;
            break;
        case FieldType::Offset:
            e.tzOffsetMin = v == IdRow::kNull ? kNoOffset : std::int16_t(v);
            break;
        case FieldType::Outcome:
            e.outcome = Outcome(v == IdRow::kNull ? 0 : v);
            break;
        case FieldType::Integer:
            if (f.setNumber)
                f.setNumber(e, v == IdRow::kNull ? -1 : v);
            break;
        case FieldType::Json:
            if (f.text)
                e.*(f.text) = ids.labels;
            break;
        case FieldType::Text:
        case FieldType::Address:
            if (f.text)
                e.*(f.text) = v == IdRow::kNull ? kEmpty : d.text(f.type, v);
            break;
        }
    }
}

std::int64_t scanEvents(const Database &db,
                        EventIdRange range,
                        const std::function<bool(std::int64_t sourceId)> &wanted,
                        const std::function<bool(const IdRow &)> &fn)
{
    const auto fields = eventFields();
    std::string sql = "SELECT e.id, e.source_id, e.line";
    for (const FieldDef &f : fields)
        sql += std::string(", e.") + f.column;
    sql += " FROM events e WHERE e.id BETWEEN " + std::to_string(range.lo) + " AND "
           + std::to_string(range.hi) + " ORDER BY e.id";
    Statement st = db.prepare(sql);
    IdRow row;
    row.cols.resize(fields.size());
    std::int64_t lastSource = -1;
    bool lastWanted = false;
    std::int64_t read = 0;
    while (st.step()) {
        ++read;
        const std::int64_t source = st.int64(1);
        if (source != lastSource) {
            lastSource = source;
            lastWanted = wanted(source);
        }
        if (!lastWanted)
            continue;
        row.id = st.int64(0);
        row.sourceId = source;
        row.line = st.int64(2);
        row.labels = {};
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const int col = kFirstField + int(i);
            if (fields[i].type == FieldType::Json) {
                row.labels = st.textView(col);
                row.cols[i] = IdRow::kNull;
            } else {
                row.cols[i] = st.isNull(col) ? IdRow::kNull : st.int64(col);
            }
        }
        if (!fn(row))
            return read;
    }
    return read;
}

} // namespace netcase::sigma
