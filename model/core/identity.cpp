#include "identity.h"

#include <QSettings>

#include <cstdlib>

#include <pwd.h>
#include <unistd.h>

namespace netcase {

QString currentUserName()
{
    const QString configured = QSettings().value(QStringLiteral("analyst/name")).toString();
    if (!configured.isEmpty())
        return configured;
    for (const char *var : {"NETCASE_USER", "USER", "LOGNAME"}) {
        const QString v = qEnvironmentVariable(var);
        if (!v.isEmpty())
            return v;
    }
    // Services and containers often run without USER/LOGNAME: ask the password database.
    if (const passwd *pw = getpwuid(geteuid()); pw && pw->pw_name && *pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
    return QStringLiteral("unknown");
}

QString osAccountName()
{
    if (const passwd *pw = getpwuid(geteuid()); pw && pw->pw_name && *pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
    return QStringLiteral("uid %1").arg(geteuid());
}

} // namespace netcase
