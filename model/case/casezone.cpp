#include "casezone.h"

#include "audit/auditlog.h"
#include "case/settingsstore.h"
#include "case/sqlite.h"
#include "core/shownzone.h"

#include <nlohmann/json.hpp>

namespace netcase {

namespace {

const QString kKey = QStringLiteral("display.time_zone");

QString idOf(const QTimeZone &zone)
{
    return zone.isValid() && zone != QTimeZone::utc() ? QString::fromUtf8(zone.id())
                                                      : QStringLiteral("UTC");
}

} // namespace

QTimeZone caseTimeZone(const Database &db)
{
    const auto stored = SettingsStore::get(db, kKey);
    if (!stored)
        return QTimeZone::utc();
    const auto j = nlohmann::json::parse(*stored, nullptr, false);
    if (!j.is_string())
        return QTimeZone::utc();
    auto zone = parseTimeZone(QString::fromStdString(j.get<std::string>()));
    return zone ? *zone : QTimeZone::utc();
}

Result<QTimeZone> parseTimeZone(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty() || t.compare(QLatin1String("UTC"), Qt::CaseInsensitive) == 0
        || t == QLatin1String("Z"))
        return QTimeZone::utc();
    const QTimeZone zone(t.toUtf8());
    if (!zone.isValid())
        return makeError(QStringLiteral("unknown time zone \"%1\": give UTC, an IANA name such as "
                                        "Europe/Berlin or America/New_York, or an offset such "
                                        "as UTC+02:00")
                                 .arg(t),
                         ErrorCode::Usage);
    return zone;
}

Status setCaseTimeZone(Database &db, const QTimeZone &zone, const QString &actor)
{
    const QString before = idOf(caseTimeZone(db)), after = idOf(zone);
    Transaction tx(db);
    if (Status s = SettingsStore::put(db, kKey, nlohmann::json(after.toStdString()).dump());
        !s.ok())
        return s;
    if (Status s = AuditLog::append(db, actor, QStringLiteral("case.time_zone"),
                                    {{"from", before.toStdString()}, {"to", after.toStdString()}});
        !s.ok())
        return s;
    return tx.commit();
}

void showCaseTimeZone(const Database &db)
{
    ShownZone::set(caseTimeZone(db));
}

} // namespace netcase
