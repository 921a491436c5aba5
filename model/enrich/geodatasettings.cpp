#include "geodatasettings.h"

#include "contextlist.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace netcase {

GeodataSettings GeodataSettings::load()
{
    QSettings s;
    GeodataSettings g;
    g.databases = s.value(QStringLiteral("enrichment/databases")).toStringList();
    g.asnCsv = s.value(QStringLiteral("enrichment/asnCsv")).toStringList();
    g.lists = s.value(QStringLiteral("enrichment/lists")).toStringList();
    g.searchUsualPlaces = s.value(QStringLiteral("enrichment/searchUsualPlaces"), true).toBool();
    return g;
}

void GeodataSettings::save() const
{
    QSettings s;
    s.setValue(QStringLiteral("enrichment/databases"), databases);
    s.setValue(QStringLiteral("enrichment/asnCsv"), asnCsv);
    s.setValue(QStringLiteral("enrichment/lists"), lists);
    s.setValue(QStringLiteral("enrichment/searchUsualPlaces"), searchUsualPlaces);
}

QString userGeodataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
           + QStringLiteral("/geoip");
}

QStringList usualGeodataDirs()
{
    return {QStringLiteral("/usr/share/GeoIP"), QStringLiteral("/var/lib/GeoIP"), userGeodataDir()};
}

QList<SourceSpec> discoveredSources()
{
    QList<SourceSpec> out;
    for (const QString &dir : usualGeodataDirs()) {
        const QDir d(dir);
        if (!d.exists())
            continue;
        const auto files = d.entryInfoList({QStringLiteral("*.mmdb"), QStringLiteral("*.csv")},
                                           QDir::Files | QDir::Readable, QDir::Name);
        for (const QFileInfo &f : files) {
            // The layout is read from the file itself when it is loaded, never from its name.
            const bool mmdb = f.suffix().compare(QLatin1String("mmdb"), Qt::CaseInsensitive) == 0;
            out << SourceSpec{mmdb ? SourceSpec::Kind::Mmdb : SourceSpec::Kind::AsnCsv,
                              f.absoluteFilePath(),
                              {}};
        }
    }
    return out;
}

QList<SourceSpec> specsFrom(const GeodataSettings &settings)
{
    QList<SourceSpec> out;
    for (const QString &p : settings.databases)
        out << SourceSpec{SourceSpec::Kind::Mmdb, p, {}};
    for (const QString &p : settings.asnCsv)
        out << SourceSpec{SourceSpec::Kind::AsnCsv, p, {}};
    for (const QString &spec : settings.lists) {
        SourceSpec s{SourceSpec::Kind::List, {}, {}};
        ContextList::splitSpec(spec, s.category, s.path);
        out << s;
    }
    return out;
}

QList<SourceSpec> configuredSources()
{
    const GeodataSettings g = GeodataSettings::load();
    QList<SourceSpec> out = specsFrom(g);
    if (g.searchUsualPlaces) {
        QStringList have;
        for (const SourceSpec &s : out)
            have << QFileInfo(s.path).absoluteFilePath();
        for (const SourceSpec &s : discoveredSources())
            if (!have.contains(s.path))
                out << s;
    }
    return out;
}

} // namespace netcase
