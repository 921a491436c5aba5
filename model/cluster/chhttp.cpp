#include "chhttp.h"

#include <QFile>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

namespace netcase::cluster {

namespace {

constexpr qint64 kMaxErrorBody = 64 * 1024;

/// The first line of ClickHouse's error text ("Code: 60, e.displayText() = DB::Exception: ...").
QString errorText(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(4096)).trimmed();
    if (const qsizetype nl = text.indexOf(QLatin1Char('\n')); nl > 0)
        text.truncate(nl);
    return text;
}

} // namespace

QString sqlString(const QString &text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += QLatin1Char('\'');
    for (const QChar c : text) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('\''))
            out += QLatin1Char('\\');
        out += c;
    }
    out += QLatin1Char('\'');
    return out;
}

QString sqlString(const std::string &text)
{
    return sqlString(QString::fromStdString(text));
}

ChHttp::ChHttp(const ChConnection &c, size_t host)
    : m_conn(c)
    , m_host(host)
{}

ChHttp::~ChHttp() = default;

Error ChHttp::socketError(const QString &what) const
{
    const ChHost &h = m_conn.hosts.at(m_host);
    return makeError(QStringLiteral("ClickHouse at %1:%2: %3 (%4)")
                             .arg(h.host)
                             .arg(h.port)
                             .arg(what, m_socket ? m_socket->errorString() : QString()));
}

Status
ChHttp::connectAndSend(const QString &sql, const QByteArray &body, bool chunked, bool inDatabase)
{
    const ChHost &h = m_conn.hosts.at(m_host);
    if (m_conn.secure) {
        if (Status s = connectTls(); !s)
            return s;
    } else {
        m_socket = std::make_unique<QTcpSocket>();
        m_socket->connectToHost(h.host, h.port);
        if (!m_socket->waitForConnected(std::min(m_conn.timeoutMs, 10000)))
            return socketError(QStringLiteral("cannot connect"));
    }
    QUrlQuery params;
    if (inDatabase)
        params.addQueryItem(QStringLiteral("database"), m_conn.database);
    params.addQueryItem(QStringLiteral("wait_end_of_query"), QStringLiteral("1"));
    // A Distributed insert returns only when every shard has its rows (the sources record is
    // written after them, so nothing is visible before it is complete).
    params.addQueryItem(QStringLiteral("insert_distributed_sync"), QStringLiteral("1"));
    if (chunked)
        params.addQueryItem(QStringLiteral("query"), sql);
    QByteArray req = "POST /?" + params.query(QUrl::FullyEncoded).toUtf8() + " HTTP/1.1\r\n";
    req += "Host: " + h.host.toUtf8() + ":" + QByteArray::number(h.port) + "\r\n";
    req += "Connection: close\r\n";
    const QByteArray credentials = (m_conn.user + QLatin1Char(':') + m_conn.password).toUtf8();
    req += "Authorization: Basic " + credentials.toBase64() + "\r\n";
    if (chunked) {
        req += "Transfer-Encoding: chunked\r\n\r\n";
    } else {
        const QByteArray text = sql.toUtf8();
        req += "Content-Length: " + QByteArray::number(text.size() + body.size()) + "\r\n\r\n";
        req += text;
        req += body;
    }
    return write(req.constData(), req.size());
}

Status ChHttp::connectTls()
{
    const ChHost &h = m_conn.hosts.at(m_host);
    if (!QSslSocket::supportsSsl())
        return makeError(QStringLiteral("ClickHouse at %1:%2: this build of Qt has no TLS support "
                                        "(%3)")
                                 .arg(h.host)
                                 .arg(h.port)
                                 .arg(QSslSocket::sslLibraryVersionString()));
    auto socket = std::make_unique<QSslSocket>();
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    if (!m_conn.caFile.isEmpty()) {
        QFile f(m_conn.caFile);
        if (!f.open(QIODevice::ReadOnly))
            return makeError(QStringLiteral("cannot read the CA file %1: %2")
                                     .arg(m_conn.caFile, f.errorString()),
                             ErrorCode::Usage);
        const QList<QSslCertificate> cas = QSslCertificate::fromData(f.readAll(), QSsl::Pem);
        if (cas.isEmpty())
            return makeError(
                    QStringLiteral("the CA file %1 holds no PEM certificate").arg(m_conn.caFile),
                    ErrorCode::Usage);
        config.setCaCertificates(cas);
    }
    if (m_conn.noVerify)
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
    socket->setSslConfiguration(config);
    QSslSocket *ssl = socket.get();
    m_socket = std::move(socket);
    ssl->connectToHostEncrypted(h.host, h.port);
    if (!ssl->waitForEncrypted(std::min(m_conn.timeoutMs, 10000))) {
        QStringList problems;
        for (const QSslError &e : ssl->sslHandshakeErrors())
            problems << e.errorString();
        if (problems.isEmpty())
            return socketError(QStringLiteral("no TLS connection (is it the https_port?)"));
        problems.removeDuplicates();
        return makeError(QStringLiteral("ClickHouse at %1:%2: the server's certificate is not "
                                        "trusted: %3 (give its CA with --ca-file, or "
                                        "--tls-no-verify to accept any certificate)")
                                 .arg(h.host)
                                 .arg(h.port)
                                 .arg(problems.join(QStringLiteral("; "))));
    }
    return {};
}

Status ChHttp::write(const char *data, qint64 size)
{
    qint64 done = 0;
    while (done < size) {
        const qint64 n = m_socket->write(data + done, size - done);
        if (n < 0)
            return socketError(QStringLiteral("cannot send"));
        done += n;
    }
    while (m_socket->bytesToWrite() > 0) {
        if (!m_socket->waitForBytesWritten(m_conn.timeoutMs))
            return socketError(QStringLiteral("the connection broke while sending"));
    }
    return {};
}

Result<QByteArray> ChHttp::query(const QString &sql, bool inDatabase)
{
    if (Status s = connectAndSend(sql, {}, false, inDatabase); !s)
        return s.error();
    return readResponse();
}

Status ChHttp::begin(const QString &sql)
{
    return connectAndSend(sql, {}, true, true);
}

Result<QByteArray> ChHttp::finish()
{
    if (Status s = write("0\r\n\r\n", 5); !s)
        return s.error();
    return readResponse();
}

Result<QByteArray> ChHttp::readResponse()
{
    QByteArray buf;
    bool closed = false;
    // Reads until buf holds at least n bytes or the peer closed; false on a timeout.
    auto fill = [&](qsizetype n) {
        while (buf.size() < n && !closed) {
            buf += m_socket->readAll();
            if (buf.size() >= n)
                break;
            if (!m_socket->waitForReadyRead(m_conn.timeoutMs)) {
                buf += m_socket->readAll();
                if (m_socket->state() != QAbstractSocket::ConnectedState)
                    closed = true;
                else
                    return false;
            }
        }
        return true;
    };
    qsizetype headEnd = -1;
    while ((headEnd = buf.indexOf("\r\n\r\n")) < 0) {
        if (!fill(buf.size() + 1))
            return socketError(QStringLiteral("no answer in time"));
        if (closed && buf.indexOf("\r\n\r\n") < 0)
            return socketError(QStringLiteral("the connection closed without an answer"));
    }
    const QList<QByteArray> headLines = buf.left(headEnd).split('\n');
    buf.remove(0, headEnd + 4);
    const QList<QByteArray> status = headLines.value(0).trimmed().split(' ');
    const int code = status.value(1).toInt();
    bool chunked = false;
    qint64 length = -1;
    for (const QByteArray &line : headLines.mid(1)) {
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "transfer-encoding" && value.toLower().contains("chunked"))
            chunked = true;
        else if (name == "content-length")
            length = value.toLongLong();
    }
    QByteArray body;
    if (chunked) {
        for (;;) {
            qsizetype eol;
            while ((eol = buf.indexOf("\r\n")) < 0) {
                if (!fill(buf.size() + 1) || (closed && buf.indexOf("\r\n") < 0))
                    return socketError(QStringLiteral("the answer broke off"));
            }
            bool ok = false;
            const qint64 n = buf.left(eol).split(';').value(0).trimmed().toLongLong(&ok, 16);
            if (!ok || n < 0)
                return socketError(QStringLiteral("a malformed answer"));
            buf.remove(0, eol + 2);
            if (n == 0)
                break;
            if (!fill(n + 2) || buf.size() < n + 2)
                return socketError(QStringLiteral("the answer broke off"));
            body += buf.left(n);
            buf.remove(0, n + 2);
        }
    } else if (length >= 0) {
        if (!fill(length) || buf.size() < length)
            return socketError(QStringLiteral("the answer broke off"));
        body = buf.left(length);
    } else {
        while (!closed) {
            if (!fill(buf.size() + (1 << 16)))
                return socketError(QStringLiteral("no answer in time"));
        }
        body = buf;
    }
    m_socket->close();
    if (code != 200) {
        const ChHost &h = m_conn.hosts.at(m_host);
        return makeError(QStringLiteral("ClickHouse at %1:%2 refused the request (HTTP %3): %4")
                                 .arg(h.host)
                                 .arg(h.port)
                                 .arg(code)
                                 .arg(errorText(body.left(kMaxErrorBody))));
    }
    return body;
}

} // namespace netcase::cluster
