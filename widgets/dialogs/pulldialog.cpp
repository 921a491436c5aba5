#include "pulldialog.h"

#include "common/safetext.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace netcase {

namespace {

QLineEdit *field(QWidget *parent, const char *name, const QString &placeholder)
{
    auto *e = new QLineEdit(parent);
    e->setObjectName(QLatin1String(name));
    e->setPlaceholderText(placeholder);
    e->setClearButtonEnabled(true);
    return e;
}

} // namespace

PullDialog::PullDialog(QWidget *parent)
    : QDialog(parent)
    , m_url(field(this, "pullUrl", QStringLiteral("clickhouse://HOST:8123/DATABASE")))
    , m_passwordFile(field(this, "pullPasswordFile", tr("none")))
    , m_keyring(field(this, "pullKeyring", tr("none (a desktop keyring entry's name)")))
    , m_caFile(field(this, "pullCaFile", tr("the system's (for ?secure=1)")))
    , m_query(field(this, "pullQuery", tr("every event, or e.g. user:alice AND status>=400")))
    , m_from(field(this, "pullFrom", tr("from the start (ISO 8601, a date or epoch seconds)")))
    , m_to(field(this, "pullTo", tr("to the end (exclusive)")))
    , m_count(new QPushButton(tr("&Count"), this))
    , m_countText(ui::plainLabel(this))
    , m_problem(ui::plainLabel(this))
{
    setObjectName(QStringLiteral("pullDialog"));
    setWindowTitle(tr("Pull from ClickHouse"));
    m_count->setObjectName(QStringLiteral("pullCountButton"));
    m_count->setToolTip(tr("Ask the cluster how many events match before pulling them"));
    m_countText->setObjectName(QStringLiteral("pullCountText"));
    m_problem->setObjectName(QStringLiteral("pullProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: palette(highlight)"));
    m_problem->setWordWrap(true);
    m_url->setToolTip(tr("The cluster's HTTP interface and database. The user may be named "
                         "(clickhouse://USER@HOST:PORT/DB); the password never goes in the URL "
                         "and is never written to the case."));
    m_keyring->setToolTip(tr("Instead of a password file: the name of an entry of the desktop "
                             "keyring (Secret Service) that holds the password."));
    m_caFile->setToolTip(tr("For an HTTPS server (?secure=1 in the URL): PEM certificates of "
                            "the CA the server's certificate must chain to."));
    m_query->setToolTip(tr("The case query language's field terms (Help → Query language); "
                           "bare words are refused: the cluster keeps no raw lines."));

    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Password file"));
        if (!path.isEmpty())
            m_passwordFile->setText(path);
    });
    auto *pw = new QHBoxLayout;
    pw->addWidget(m_passwordFile, 1);
    pw->addWidget(browse);
    auto *count = new QHBoxLayout;
    count->addWidget(m_count);
    count->addWidget(m_countText, 1);

    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_url);
    auto *pwLabel = new QLabel(tr("Pass&word file:"), this); // a layout row sets no buddy
    pwLabel->setBuddy(m_passwordFile);
    form->addRow(pwLabel, pw);
    form->addRow(tr("&Keyring entry:"), m_keyring);
    form->addRow(tr("C&A file:"), m_caFile);
    form->addRow(tr("&Query:"), m_query);
    form->addRow(tr("&From:"), m_from);
    form->addRow(tr("&To:"), m_to);
    form->addRow(QString(), count);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *pull = buttons->button(QDialogButtonBox::Ok);
    pull->setText(tr("&Pull"));
    pull->setObjectName(QStringLiteral("pullAccept"));
    connect(buttons, &QDialogButtonBox::accepted, this, &PullDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_count, &QPushButton::clicked, this, [this] {
        if (auto req = request()) {
            m_count->setEnabled(false);
            ui::setPlainText(m_countText, tr("Counting…"));
            Q_EMIT countRequested(*req);
        }
    });
    // What the count said no longer holds once the question changes.
    for (QLineEdit *e : {m_url, m_passwordFile, m_keyring, m_caFile, m_query, m_from, m_to})
        connect(e, &QLineEdit::textEdited, m_countText, [this] { m_countText->clear(); });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

cluster::PullInput PullDialog::input() const
{
    return {m_url->text(), m_passwordFile->text(), m_query->text(), m_from->text(),
            m_to->text(),  m_keyring->text(),      m_caFile->text()};
}

void PullDialog::setInput(const cluster::PullInput &in)
{
    m_url->setText(in.url);
    m_passwordFile->setText(in.passwordFile);
    m_keyring->setText(in.keyring);
    m_caFile->setText(in.caFile);
    m_query->setText(in.query);
    m_from->setText(in.from);
    m_to->setText(in.to);
}

void PullDialog::showCount(const QString &text)
{
    m_count->setEnabled(true);
    ui::setPlainText(m_countText, text);
}

void PullDialog::showProblem(const QString &text)
{
    ui::setPlainText(m_problem, text);
}

std::optional<cluster::PullRequest> PullDialog::request()
{
    auto req = cluster::makePullRequest(input());
    if (!req) {
        showProblem(req.error().message);
        return std::nullopt;
    }
    showProblem(QString());
    return *req;
}

void PullDialog::accept()
{
    if (auto req = request()) {
        Q_EMIT pullRequested(*req);
        QDialog::accept();
    }
}

} // namespace netcase
