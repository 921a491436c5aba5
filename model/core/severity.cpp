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

} // namespace netcase
