#include "identity.h"

#include <QSettings>

#include <cstdlib>

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
    return QStringLiteral("unknown");
}

} // namespace netcase
