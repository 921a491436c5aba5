#pragma once

// The test harness of the ClickHouse tests: starts real clickhouse-server processes on localhost
// from a temporary configuration (own data folders, free ports, no system service), the shards
// of one cluster named "netcase" in remote_servers, and stops them when it goes out of scope. A
// server also dies with the test process (PR_SET_PDEATHSIG), so a crashed test leaves none
// behind. Never a mock: the tests talk to the real server over its HTTP interface.

#include "cluster/churl.h"
#include "core/result.h"

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace netcase::test {

class ClickHouseCluster
{
public:
    /// A user every server also knows, with a password (the default user has none).
    static constexpr const char *kPasswordUser = "analyst";
    static constexpr const char *kPassword = "pw-Q7xv3-not-in-any-file";

    /// The clickhouse-server executable, or empty when it is not installed.
    static QString serverBinary();

    /// tls: each shard also listens on an https_port with a self-signed certificate made by
    /// openssl for 127.0.0.1 (caFile()), and url() names the HTTPS ports with ?secure=1.
    explicit ClickHouseCluster(int shards = 2, bool tls = false);
    ~ClickHouseCluster();
    ClickHouseCluster(const ClickHouseCluster &) = delete;
    ClickHouseCluster &operator=(const ClickHouseCluster &) = delete;

    /// Starts every shard and waits until each answers a query.
    Status start();
    void stop();
    /// SIGKILL one shard (0-based), as a server that goes away.
    void kill(int shard);
    /// Starts a killed shard again on its ports and data.
    Status restart(int shard);

    /// clickhouse://127.0.0.1:P1,127.0.0.1:P2/db
    QString url(const QString &database) const;
    cluster::ChConnection connection(const QString &database) const;
    /// The self-signed certificate of a tls cluster (PEM), its own CA.
    QString caFile() const;
    /// Makes a self-signed certificate for 127.0.0.1 (PEM files PREFIX.crt and PREFIX.key).
    static Status makeCertificate(const QString &prefix);
    /// Milliseconds the last start() took until every shard answered.
    qint64 startMs() const { return m_startMs; }

private:
    struct Shard
    {
        quint16 http = 0, tcp = 0, interserver = 0, https = 0;
        QString dir;
        std::unique_ptr<QProcess> process;
    };
    Status launch(Shard &s);
    Status waitReady(Shard &s);
    QString config(const Shard &s) const;

    QTemporaryDir m_dir;
    std::vector<Shard> m_shards;
    qint64 m_startMs = 0;
    bool m_tls = false;
};

} // namespace netcase::test
