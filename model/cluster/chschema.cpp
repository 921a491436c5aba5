#include "chschema.h"

#include "cluster/chhttp.h"
#include "core/fields.h"

namespace netcase::cluster {

namespace {

QString columnType(FieldType t)
{
    switch (t) {
    case FieldType::Time:
        return QStringLiteral("Int64");
    case FieldType::Offset:
        return QStringLiteral("Int16");
    case FieldType::Outcome:
        return QStringLiteral("UInt8");
    case FieldType::Address:
        return QStringLiteral("FixedString(16)");
    case FieldType::Integer:
        return QStringLiteral("Int64");
    case FieldType::Text:
    case FieldType::Json:
        break;
    }
    return QStringLiteral("String");
}

struct Table
{
    const char *name;
    QStringList columns;
    QString engine; ///< the local table's MergeTree clauses
};

QList<Table> tables()
{
    QStringList events = eventColumns();
    events << QStringLiteral("push_id UInt64") << QStringLiteral("line Int64");
    return {
            {"events", events,
             QStringLiteral("MergeTree() PARTITION BY toYYYYMMDD(toDateTime(intDiv(ts, 1000000), "
                            "'UTC')) ORDER BY (ts, source_ip)")},
            {"rejects",
             {QStringLiteral("push_id UInt64"), QStringLiteral("line Int64"),
              QStringLiteral("reason String"), QStringLiteral("raw String")},
             QStringLiteral("MergeTree() ORDER BY (push_id, line)")},
            {"pushes",
             {QStringLiteral("push_id UInt64"), QStringLiteral("sha256 String"),
              QStringLiteral("started DateTime")},
             QStringLiteral("MergeTree() ORDER BY (sha256, push_id)")},
            {"sources",
             {QStringLiteral("sha256 String"), QStringLiteral("push_id UInt64"),
              QStringLiteral("name String"), QStringLiteral("format String"),
              QStringLiteral("size Int64"), QStringLiteral("events Int64"),
              QStringLiteral("rejects Int64"), QStringLiteral("first_ts Int64"),
              QStringLiteral("last_ts Int64"), QStringLiteral("pushed_at DateTime")},
             QStringLiteral("MergeTree() ORDER BY (sha256, push_id)")},
    };
}

} // namespace

QStringList eventColumns()
{
    QStringList out;
    for (const FieldDef &f : eventFields())
        out << QStringLiteral("%1 %2").arg(QLatin1String(f.column), columnType(f.type));
    return out;
}

QString eventColumnList()
{
    QStringList names;
    for (const FieldDef &f : eventFields())
        names << QLatin1String(f.column);
    return names.join(QStringLiteral(", "));
}

Status initSchema(const ChConnection &c)
{
    for (size_t h = 0; h < c.hosts.size(); ++h) {
        ChHttp http(c, h);
        if (auto r
            = http.query(QStringLiteral("CREATE DATABASE IF NOT EXISTS %1").arg(c.database), false);
            !r)
            return r.error();
        for (const Table &t : tables()) {
            const QString cols = t.columns.join(QStringLiteral(", "));
            const QString local = QStringLiteral("CREATE TABLE IF NOT EXISTS %1.%2_local (%3) "
                                                 "ENGINE = %4")
                                          .arg(c.database, QLatin1String(t.name), cols, t.engine);
            if (auto r = http.query(local); !r)
                return r.error();
            const QString dist = QStringLiteral("CREATE TABLE IF NOT EXISTS %1.%2 (%3) ENGINE = "
                                                "Distributed(%4, %1, %2_local, rand())")
                                         .arg(c.database, QLatin1String(t.name), cols, c.cluster);
            if (auto r = http.query(dist); !r)
                return r.error();
        }
    }
    return {};
}

Status checkSchema(const ChConnection &c)
{
    ChHttp http(c);
    auto r = http.query(QStringLiteral("SELECT count() FROM system.tables WHERE database = %1 AND "
                                       "name IN ('events', 'rejects', 'pushes', 'sources')")
                                .arg(sqlString(c.database)),
                        false);
    if (!r)
        return r.error();
    if (r->trimmed() != "4")
        return makeError(QStringLiteral("%1 has no Netcase tables; create them with 'netcase push "
                                        "--init'")
                                 .arg(c.describe()));
    return {};
}

QString visiblePushes()
{
    return QStringLiteral("(SELECT min(push_id) FROM sources GROUP BY sha256)");
}

} // namespace netcase::cluster
