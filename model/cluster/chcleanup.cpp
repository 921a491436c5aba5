#include "chcleanup.h"

#include "cluster/chhttp.h"

#include <QStringList>

namespace netcase::cluster {

Result<std::vector<std::uint64_t>>
brokenPushes(const ChConnection &c, const QString &sha256, std::uint64_t committed)
{
    ChHttp http(c);
    auto mine = http.query(QStringLiteral("SELECT toUInt32(started) FROM pushes WHERE push_id = "
                                          "%1 LIMIT 1 FORMAT TSV")
                                   .arg(committed));
    if (!mine)
        return mine.error();
    const qulonglong started = mine->trimmed().toULongLong();
    ChHttp list(c);
    auto r = list.query(QStringLiteral("SELECT push_id FROM pushes WHERE sha256 = %1 AND push_id "
                                       "!= %2 AND push_id GLOBAL NOT IN (SELECT push_id FROM "
                                       "sources WHERE sha256 = %1) AND (push_id > %2 OR "
                                       "toUInt32(started) + %3 <= %4) FORMAT TSV")
                                .arg(sqlString(sha256))
                                .arg(committed)
                                .arg(kGraceSeconds)
                                .arg(started));
    if (!r)
        return r.error();
    std::vector<std::uint64_t> ids;
    for (const QByteArray &line : r->split('\n')) {
        bool ok = false;
        const std::uint64_t id = line.trimmed().toULongLong(&ok);
        if (ok)
            ids.push_back(id);
    }
    return ids;
}

Status deletePushes(const ChConnection &c, const std::vector<std::uint64_t> &ids)
{
    if (ids.empty())
        return {};
    QStringList list;
    for (const std::uint64_t id : ids)
        list << QString::number(id);
    const QString in = list.join(QStringLiteral(", "));
    for (size_t h = 0; h < c.hosts.size(); ++h) {
        for (const char *table : {"events_local", "rejects_local", "pushes_local"}) {
            ChHttp http(c, h);
            auto r = http.query(QStringLiteral("ALTER TABLE %1 DELETE WHERE push_id IN (%2)")
                                        .arg(QLatin1String(table), in));
            if (!r)
                return r.error();
        }
    }
    return {};
}

} // namespace netcase::cluster
