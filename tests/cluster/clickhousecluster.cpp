#include "clickhousecluster.h"

#include "cluster/chhttp.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QThread>

#include <csignal>
#include <sys/prctl.h>

namespace netcase::test {

QString ClickHouseCluster::serverBinary()
{
    QString found = QStandardPaths::findExecutable(QStringLiteral("clickhouse-server"));
    if (found.isEmpty())
        found = QStandardPaths::findExecutable(
                QStringLiteral("clickhouse-server"),
                {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
    return found;
}

ClickHouseCluster::ClickHouseCluster(int shards, bool tls)
    : m_shards(size_t(shards))
    , m_tls(tls)
{
    // Free ports, all held open until every one is chosen so that none repeats.
    std::vector<std::unique_ptr<QTcpServer>> held;
    auto freePort = [&] {
        held.push_back(std::make_unique<QTcpServer>());
        held.back()->listen(QHostAddress::LocalHost, 0);
        return held.back()->serverPort();
    };
    for (size_t i = 0; i < m_shards.size(); ++i) {
        Shard &s = m_shards[i];
        s.http = freePort();
        s.tcp = freePort();
        s.interserver = freePort();
        if (tls)
            s.https = freePort();
        s.dir = m_dir.filePath(QStringLiteral("shard%1").arg(i + 1));
    }
}

ClickHouseCluster::~ClickHouseCluster()
{
    stop();
}

QString ClickHouseCluster::config(const Shard &s) const
{
    QString remote;
    for (const Shard &o : m_shards)
        remote += QStringLiteral("<shard><replica><host>127.0.0.1</host><port>%1</port></replica>"
                                 "</shard>")
                          .arg(o.tcp);
    // openSSL.server: the keys of ClickHouse 18.16's config.xml (Poco's SSLManager).
    const QString https
            = m_tls ? QStringLiteral("<https_port>%1</https_port><openSSL><server>"
                                     "<certificateFile>%2</certificateFile>"
                                     "<privateKeyFile>%3</privateKeyFile>"
                                     "<verificationMode>none</verificationMode>"
                                     "<loadDefaultCAFile>false</loadDefaultCAFile>"
                                     "<disableProtocols>sslv2,sslv3</disableProtocols>"
                                     "</server></openSSL>")
                              .arg(s.https)
                              .arg(caFile(), m_dir.filePath(QStringLiteral("server.key")))
                    : QString();
    return QStringLiteral(R"(<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>%1/server.log</log><errorlog>%1/server.err.log</errorlog></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>%2</http_port>
  <tcp_port>%3</tcp_port>
  <interserver_http_port>%4</interserver_http_port>
  %6
  <path>%1/data/</path>
  <tmp_path>%1/tmp/</tmp_path>
  <user_files_path>%1/user_files/</user_files_path>
  <format_schema_path>%1/format_schemas/</format_schema_path>
  <mark_cache_size>67108864</mark_cache_size>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <max_concurrent_queries>32</max_concurrent_queries>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <profiles><default></default></profiles>
  <quotas><default></default></quotas>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default><%7><password>%8</password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></%7></users>
  <remote_servers><netcase>%5</netcase></remote_servers>
</yandex>
)")
            .arg(s.dir)
            .arg(s.http)
            .arg(s.tcp)
            .arg(s.interserver)
            .arg(remote)
            .arg(https)
            .arg(QLatin1String(kPasswordUser), QLatin1String(kPassword));
}

QString ClickHouseCluster::caFile() const
{
    return m_dir.filePath(QStringLiteral("server.crt"));
}

Status ClickHouseCluster::makeCertificate(const QString &prefix)
{
    QProcess openssl;
    openssl.setProcessChannelMode(QProcess::MergedChannels);
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-new"),
                   QStringLiteral("-nodes"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                   QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost"),
                   QStringLiteral("-keyout"), prefix + QStringLiteral(".key"),
                   QStringLiteral("-out"), prefix + QStringLiteral(".crt")});
    if (!openssl.waitForFinished(60000) || openssl.exitStatus() != QProcess::NormalExit
        || openssl.exitCode() != 0)
        return makeError(QStringLiteral("openssl could not make a certificate: %1 %2")
                                 .arg(openssl.errorString(),
                                      QString::fromUtf8(openssl.readAll().right(2000))));
    return {};
}

Status ClickHouseCluster::launch(Shard &s)
{
    const QString binary = serverBinary();
    if (binary.isEmpty())
        return makeError(QStringLiteral("clickhouse-server is not installed"));
    QDir().mkpath(s.dir);
    const QString configPath = s.dir + QStringLiteral("/config.xml");
    QFile f(configPath);
    if (!f.open(QIODevice::WriteOnly) || f.write(config(s).toUtf8()) < 0)
        return makeError(QStringLiteral("cannot write %1").arg(configPath));
    f.close();
    s.process = std::make_unique<QProcess>();
    s.process->setWorkingDirectory(s.dir);
    s.process->setProcessChannelMode(QProcess::MergedChannels);
    s.process->setStandardOutputFile(s.dir + QStringLiteral("/stdout.log"));
    s.process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    s.process->start(binary, {QStringLiteral("--config-file=%1").arg(configPath)});
    if (!s.process->waitForStarted(10000))
        return makeError(
                QStringLiteral("cannot start %1: %2").arg(binary, s.process->errorString()));
    return {};
}

Status ClickHouseCluster::waitReady(Shard &s)
{
    cluster::ChConnection c;
    c.hosts.push_back({QStringLiteral("127.0.0.1"), m_tls ? s.https : s.http});
    c.timeoutMs = 2000;
    c.secure = m_tls;
    if (m_tls)
        c.caFile = caFile();
    const QDeadlineTimer deadline(60000);
    QString last;
    while (!deadline.hasExpired()) {
        if (s.process->state() == QProcess::NotRunning) {
            QFile err(s.dir + QStringLiteral("/server.err.log"));
            (void)err.open(QIODevice::ReadOnly);
            return makeError(QStringLiteral("clickhouse-server exited (%1): %2")
                                     .arg(s.process->exitCode())
                                     .arg(QString::fromUtf8(err.readAll().right(2000))));
        }
        cluster::ChHttp http(c);
        auto r = http.query(QStringLiteral("SELECT 1"), false);
        if (r && r->trimmed() == "1")
            return {};
        last = r ? QString() : r.error().message;
        QThread::msleep(50);
    }
    return makeError(QStringLiteral("clickhouse-server did not answer in 60 s: %1").arg(last));
}

Status ClickHouseCluster::start()
{
    if (!m_dir.isValid())
        return makeError(QStringLiteral("no temporary folder"));
    if (m_tls && !QFile::exists(caFile())) {
        if (Status st = makeCertificate(m_dir.filePath(QStringLiteral("server"))); !st)
            return st;
    }
    QElapsedTimer clock;
    clock.start();
    for (Shard &s : m_shards) {
        if (Status st = launch(s); !st)
            return st;
    }
    for (Shard &s : m_shards) {
        if (Status st = waitReady(s); !st)
            return st;
    }
    m_startMs = clock.elapsed();
    return {};
}

void ClickHouseCluster::stop()
{
    for (Shard &s : m_shards) {
        if (s.process && s.process->state() != QProcess::NotRunning) {
            s.process->terminate();
            if (!s.process->waitForFinished(15000)) {
                s.process->kill();
                s.process->waitForFinished(5000);
            }
        }
        s.process.reset();
    }
}

void ClickHouseCluster::kill(int shard)
{
    Shard &s = m_shards.at(size_t(shard));
    if (s.process) {
        s.process->kill();
        s.process->waitForFinished(10000);
    }
}

Status ClickHouseCluster::restart(int shard)
{
    Shard &s = m_shards.at(size_t(shard));
    if (Status st = launch(s); !st)
        return st;
    return waitReady(s);
}

QString ClickHouseCluster::url(const QString &database) const
{
    QStringList hosts;
    for (const Shard &s : m_shards)
        hosts << QStringLiteral("127.0.0.1:%1").arg(m_tls ? s.https : s.http);
    return QStringLiteral("clickhouse://%1/%2%3")
            .arg(hosts.join(QLatin1Char(',')), database,
                 m_tls ? QStringLiteral("?secure=1") : QString());
}

cluster::ChConnection ClickHouseCluster::connection(const QString &database) const
{
    cluster::ChConnection c = cluster::parseClickHouseUrl(url(database)).value();
    if (m_tls)
        c.caFile = caFile();
    return c;
}

} // namespace netcase::test
