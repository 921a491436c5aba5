#include "pullrequest.h"

#include "cluster/chwhere.h"
#include "core/timeutil.h"

#include <limits>

namespace netcase::cluster {

namespace {

Error fieldError(const QString &field, const QString &message)
{
    return {QStringLiteral("%1: %2").arg(field, message), ErrorCode::Usage};
}

Result<std::int64_t> timeField(const QString &field, const QString &text, std::int64_t open)
{
    if (text.trimmed().isEmpty())
        return open;
    const auto t = parseUserTime(text.trimmed());
    if (!t)
        return fieldError(field, QStringLiteral("cannot read '%1' as a time (use ISO 8601 such "
                                                "as 2024-03-01T12:00:00Z, a date, or epoch "
                                                "seconds)")
                                         .arg(text.trimmed()));
    return *t;
}

} // namespace

ChSettings settingsOf(const PullInput &in)
{
    return {in.url.trimmed(), in.passwordFile.trimmed(), in.keyring.trimmed(), in.caFile.trimmed()};
}

PullInput inputOf(const ChSettings &s)
{
    PullInput in;
    in.url = s.url;
    in.passwordFile = s.passwordFile;
    in.keyring = s.keyring;
    in.caFile = s.caFile;
    return in;
}

Result<PullRequest> makePullRequest(const PullInput &in)
{
    PullRequest req;
    auto conn = parseClickHouseUrl(in.url.trimmed());
    if (!conn)
        return fieldError(QStringLiteral("Server"), conn.error().message);
    const ChSettings settings = settingsOf(in);
    if (!settings.passwordFile.isEmpty() && !settings.keyring.isEmpty())
        return fieldError(QStringLiteral("Keyring entry"),
                          QStringLiteral("a password file or a keyring entry, not both"));
    if (!settings.caFile.isEmpty() && !conn->secure)
        return fieldError(QStringLiteral("CA file"),
                          QStringLiteral("a CA file is for HTTPS: add ?secure=1 to the URL"));
    auto connected = connectionFrom(settings);
    if (!connected)
        return fieldError(settings.passwordFile.isEmpty() ? QStringLiteral("Keyring entry")
                                                          : QStringLiteral("Password file"),
                          connected.error().message);
    req.connection = *connected;
    auto from = timeField(QStringLiteral("From"), in.from, 0);
    if (!from)
        return from.error();
    auto to = timeField(QStringLiteral("To"), in.to, std::numeric_limits<std::int64_t>::max());
    if (!to)
        return to.error();
    if (*from >= *to)
        return fieldError(QStringLiteral("To"), QStringLiteral("must be later than From"));
    auto filter = optionFilter(*from, *to, {}, {});
    if (!filter)
        return filter.error();
    if (!in.query.trimmed().isEmpty()) {
        filter = withQuery(*filter, in.query.trimmed());
        if (!filter)
            return fieldError(QStringLiteral("Query"), filter.error().message);
    }
    req.filter = *filter;
    return req;
}

} // namespace netcase::cluster
