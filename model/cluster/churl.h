#pragma once

// Where a ClickHouse cluster is and how to sign in to it: clickhouse://[USER@]HOST:PORT[,HOST:PORT
// ...]/DATABASE[?cluster=NAME][&secure=1]. The first host answers every query; --init creates the
// tables on each host named (one per shard), because ClickHouse 18.16 has no ON CLUSTER without
// ZooKeeper. secure=1 (or true, as clickhouse-go's DSN) speaks HTTPS to the hosts' https_port;
// the certificate is checked against the system's CAs or a CA file (--ca-file), and is left
// unchecked only by the visible --tls-no-verify.
// The password comes from a file (--password-file), never from the URL, and none of this is
// written to the audit log or a report: describe() is the form that may be shown or stored.

#include "core/result.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace netcase::cluster {

struct ChHost
{
    QString host;
    quint16 port = 8123; ///< the HTTP interface
};

struct ChConnection
{
    std::vector<ChHost> hosts; ///< at least one; the first answers queries
    QString database;
    QString cluster
            = QStringLiteral("netcase"); ///< the remote_servers entry of the Distributed tables
    QString user = QStringLiteral("default");
    QString password;
    int timeoutMs = 300000; ///< per read or write on the socket
    bool secure = false;    ///< HTTPS (QSslSocket) instead of HTTP
    QString caFile;         ///< PEM certificates the server's chain must end in; empty: system
    bool noVerify = false;  ///< accept any certificate (only by --tls-no-verify)

    /// "clickhouse://HOST:PORT/DB" (with "?secure=1" for HTTPS): server and database only, no
    /// user or password.
    QString describe() const;
};

/// Parses the URL; the password is set apart (readPasswordFile).
Result<ChConnection> parseClickHouseUrl(const QString &url);
/// The first line of the file, without its line end.
Result<QString> readPasswordFile(const QString &path);
/// A database or cluster name ClickHouse takes without quoting: letters, digits and '_'.
bool isPlainName(const QString &name);

} // namespace netcase::cluster
