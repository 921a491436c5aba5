#include "severity.h"

namespace netcase {

QString severityWord(int severity)
{
    switch (severityLevel(severity)) {
    case SeverityLevel::High:
        return QStringLiteral("high");
    case SeverityLevel::Medium:
        return QStringLiteral("medium");
    case SeverityLevel::Low:
        break;
    }
    return QStringLiteral("low");
}

QString severityWithRange(int severity)
{
    switch (severityLevel(severity)) {
    case SeverityLevel::High:
        return QStringLiteral("high (%1-100)").arg(kSeverityHigh);
    case SeverityLevel::Medium:
        return QStringLiteral("medium (%1-%2)").arg(kSeverityMedium).arg(kSeverityHigh - 1);
    case SeverityLevel::Low:
        break;
    }
    return QStringLiteral("low (0-%1)").arg(kSeverityMedium - 1);
}

std::optional<int> severityThreshold(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("low"))
        return 0;
    if (t == QLatin1String("medium"))
        return kSeverityMedium;
    if (t == QLatin1String("high"))
        return kSeverityHigh;
    bool ok = false;
    const int n = t.toInt(&ok);
    if (ok && n >= 0 && n <= 100)
        return n;
    return std::nullopt;
}

} // namespace netcase
