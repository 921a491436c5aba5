#include "churl.h"

#include <QFile>
#include <QUrlQuery>

namespace netcase::cluster {

namespace {

Error usage(const QString &what)
{
    return makeError(QStringLiteral("%1; expected clickhouse://[USER@]HOST:PORT[,HOST:PORT...]/"
                                    "DATABASE[?cluster=NAME][&secure=1]")
                             .arg(what),
                     ErrorCode::Usage);
}

} // namespace

bool isPlainName(const QString &name)
{
    if (name.isEmpty() || name.size() > 64 || name.front().isDigit())
        return false;
    for (const QChar c : name) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('_'))
            return false;
    }
    return true;
}

QString ChConnection::describe() const
{
    QStringList hs;
    for (const ChHost &h : hosts)
        hs << QStringLiteral("%1:%2")
                        .arg(h.host.contains(QLatin1Char(':'))
                                     ? QLatin1Char('[') + h.host + QLatin1Char(']')
                                     : h.host)
                        .arg(h.port);
    return QStringLiteral("clickhouse://%1/%2%3")
            .arg(hs.join(QLatin1Char(',')), database,
                 secure ? QStringLiteral("?secure=1") : QString());
}

Result<ChConnection> parseClickHouseUrl(const QString &url)
{
    const QString scheme = QStringLiteral("clickhouse://");
    if (!url.startsWith(scheme))
        return usage(QStringLiteral("not a ClickHouse URL"));
    QString rest = url.mid(scheme.size());
    ChConnection c;
    if (const qsizetype q = rest.indexOf(QLatin1Char('?')); q >= 0) {
        const QUrlQuery query(rest.mid(q + 1));
        for (const auto &[key, value] : query.queryItems()) {
            if (key == QLatin1String("cluster")) {
                c.cluster = value;
            } else if (key == QLatin1String("secure")) {
                const QString v = value.toLower();
                if (v == QLatin1String("1") || v == QLatin1String("true"))
                    c.secure = true;
                else if (v == QLatin1String("0") || v == QLatin1String("false"))
                    c.secure = false;
                else
                    return usage(
                            QStringLiteral("secure=%1: expected 1, true, 0 or false").arg(value));
            } else {
                return usage(QStringLiteral("unknown URL parameter '%1'").arg(key));
            }
        }
        rest.truncate(q);
    }
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return usage(QStringLiteral("no database in the URL"));
    c.database = rest.mid(slash + 1);
    rest.truncate(slash);
    if (const qsizetype at = rest.indexOf(QLatin1Char('@')); at >= 0) {
        c.user = rest.left(at);
        if (c.user.contains(QLatin1Char(':')))
            return usage(QStringLiteral("a password in the URL is refused (use --password-file)"));
        rest = rest.mid(at + 1);
    }
    for (const QString &hp : rest.split(QLatin1Char(','))) {
        const qsizetype colon = hp.lastIndexOf(QLatin1Char(':'));
        ChHost h;
        h.port = c.secure ? 8443 : 8123; // ClickHouse's default http_port and https_port
        h.host = colon < 0 ? hp : hp.left(colon);
        if (h.host.startsWith(QLatin1Char('[')) && h.host.endsWith(QLatin1Char(']')))
            h.host = h.host.mid(1, h.host.size() - 2);
        if (colon >= 0) {
            bool ok = false;
            const uint port = hp.mid(colon + 1).toUInt(&ok);
            if (!ok || port == 0 || port > 65535)
                return usage(QStringLiteral("bad port in '%1'").arg(hp));
            h.port = quint16(port);
        }
        if (h.host.isEmpty())
            return usage(QStringLiteral("no host in the URL"));
        c.hosts.push_back(h);
    }
    if (!isPlainName(c.database))
        return usage(QStringLiteral("the database name '%1' is not letters, digits and '_'")
                             .arg(c.database));
    if (!isPlainName(c.cluster))
        return usage(QStringLiteral("the cluster name '%1' is not letters, digits and '_'")
                             .arg(c.cluster));
    return c;
}

Result<QString> readPasswordFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(
                QStringLiteral("cannot read the password file %1: %2").arg(path, f.errorString()),
                ErrorCode::Usage);
    QByteArray line = f.readLine(4096);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    return QString::fromUtf8(line);
}

} // namespace netcase::cluster
