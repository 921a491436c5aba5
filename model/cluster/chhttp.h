#pragma once

// ClickHouse's HTTP interface, spoken over a blocking socket (QTcpSocket's waitFor* calls): no
// event loop is needed, so the same client works on the command line, in a test and on a job's
// worker thread. One connection per request ("Connection: close"), HTTP/1.1, Basic
// authentication, the query in the URL and data in the body. An insert streams its rows as
// chunks (Transfer-Encoding: chunked), so a whole file is one INSERT of bounded memory.
//
// With secure=1 in the URL the same calls run over QSslSocket (waitForEncrypted after the
// connection); a certificate that does not verify is an error naming the problem.
//
// Every request asks for wait_end_of_query=1, so an error found while the server runs the query
// comes back as an HTTP error status instead of text appended to a 200 response.

#include "cluster/churl.h"
#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <memory>

class QTcpSocket;

namespace netcase::cluster {

class ChHttp
{
public:
    /// Talks to hosts[host] of the connection.
    explicit ChHttp(const ChConnection &c, size_t host = 0);
    ~ChHttp();
    ChHttp(const ChHttp &) = delete;
    ChHttp &operator=(const ChHttp &) = delete;

    /// Runs one statement in the connection's database (none for an empty database, as in
    /// CREATE DATABASE) and returns the response body.
    Result<QByteArray> query(const QString &sql, bool inDatabase = true);

    /// Starts a streamed request: sql (an INSERT ... FORMAT ...) goes in the URL, the rows follow
    /// through write().
    Status begin(const QString &sql);
    Status write(const char *data, qint64 size);
    /// Ends the body and waits for the server's answer.
    Result<QByteArray> finish();

private:
    Status
    connectAndSend(const QString &sql, const QByteArray &body, bool chunked, bool inDatabase);
    Status connectTls();
    Result<QByteArray> readResponse();
    Error socketError(const QString &what) const;

    const ChConnection &m_conn;
    size_t m_host;
    std::unique_ptr<QTcpSocket> m_socket;
};

/// A ClickHouse string literal: quoted, with backslashes and quotes escaped.
QString sqlString(const QString &text);
QString sqlString(const std::string &text);

} // namespace netcase::cluster
