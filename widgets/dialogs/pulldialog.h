#pragma once

// Case → Pull from ClickHouse…: the server (clickhouse://HOST:PORT/DB), an optional password
// file or keyring entry, a CA file for HTTPS (?secure=1), a query in the case query language and a
// time range, with a count preview before pulling. The dialog only collects and checks: the owner
// (app/mainwindow/clusterpuller) counts and pulls on a worker thread and reports back through
// showCount().

#include "cluster/pullrequest.h"

#include <QDialog>

#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace netcase {

class PullDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PullDialog(QWidget *parent = nullptr);

    cluster::PullInput input() const;
    void setInput(const cluster::PullInput &in);
    /// Shows the count preview's result (plain text); re-enables the Count button.
    void showCount(const QString &text);
    /// Shows a problem with what was typed (plain text).
    void showProblem(const QString &text);

Q_SIGNALS:
    /// Count pressed with input that reads (request() succeeded).
    void countRequested(const netcase::cluster::PullRequest &request);
    /// Pull pressed with input that reads; the dialog then closes.
    void pullRequested(const netcase::cluster::PullRequest &request);

private:
    /// The request, or the problem shown and nothing.
    std::optional<cluster::PullRequest> request();
    void accept() override;

    QLineEdit *m_url;
    QLineEdit *m_passwordFile;
    QLineEdit *m_keyring;
    QLineEdit *m_caFile;
    QLineEdit *m_query;
    QLineEdit *m_from;
    QLineEdit *m_to;
    QPushButton *m_count;
    QLabel *m_countText;
    QLabel *m_problem;
};

} // namespace netcase
