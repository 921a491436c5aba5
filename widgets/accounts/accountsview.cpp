#include "accountsview.h"

#include "common/columnwidths.h"
#include "common/safetext.h"

#include "signinchart.h"

#include "analysis/findingstore.h"
#include "case/casesession.h"
#include "core/shownzone.h"
#include "core/timeutil.h"
#include "items/accountcontext.h"
#include "items/accountlistmodel.h"
#include "items/caseload.h"
#include "items/roles.h"
#include "items/selectionhub.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QSplitter>

#include <QTableView>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>

namespace netcase {

namespace {

QString section(const QString &title,
                const std::vector<CountedValue> &values,
                const QString &empty,
                bool withTime = false)
{
    const QLocale loc;
    QString html = QStringLiteral("<h4>%1</h4>").arg(htmlSafe(title));
    if (values.empty())
        return html + QStringLiteral("<p><i>%1</i></p>").arg(htmlSafe(empty));
    html += QStringLiteral("<table cellspacing=0 cellpadding=1>");
    for (const CountedValue &v : values) {
        html += QStringLiteral("<tr><td align=right>%1&nbsp;&nbsp;</td><td>%2%3</td></tr>")
                        .arg(loc.toString(qlonglong(v.count)), htmlSafe(v.value),
                             withTime && v.lastTs ? QStringLiteral(" <small>(last %1)</small>")
                                                            .arg(shownSecond(v.lastTs))
                                                  : QString());
    }
    return html + QStringLiteral("</table>");
}

} // namespace

struct AccountsView::ContextLoad
{
    QString account;
    std::optional<AccountContext> context;
    QString error;
};

AccountsView::AccountsView(SelectionHub &hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_model(new AccountListModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_list(new QTableView(this))
    , m_caption(ui::plainLabel(this))
    , m_header(new QLabel(this))
    , m_chart(new SignInChart(this))
    , m_details(new QTextBrowser(this))
    , m_contextLoad(std::make_unique<CaseLoad<ContextLoad>>(
              this, [this](ContextLoad loaded) { showContext(std::move(loaded)); }))
{
    setObjectName(QStringLiteral("AccountsView"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(AccountListModel::Account);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortRole(roles::SortValue);
    m_filter->setObjectName(QStringLiteral("accountFilter"));
    m_filter->setPlaceholderText(tr("Filter accounts…"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);

    m_list->setObjectName(QStringLiteral("accountList"));
    m_list->setModel(m_proxy);
    ui::guardView(m_list);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(AccountListModel::Events, Qt::DescendingOrder);
    m_list->setAlternatingRowColors(true);
    m_list->verticalHeader()->hide();
    m_list->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_list->horizontalHeader()->setStretchLastSection(true);
    m_list->setToolTip(tr("Every account (user.name) in the case. Selecting one selects it in "
                          "every view."));
    // Last seen stretches (last section).
    static constexpr const char *samples[]
            = {"maria.k@shop.ex", "1000", "1000", "100", "100", nullptr};
    static_assert(std::size(samples) == AccountListModel::LastSeen + 1);
    fitColumnsToSamples(m_list, samples);

    m_header->setObjectName(QStringLiteral("accountHeader"));
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::RichText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setObjectName(QStringLiteral("accountDetails"));
    m_details->setOpenLinks(false);
    m_details->setPlaceholderText(tr("Select an account to see its context."));
    m_caption->setContentsMargins(4, 2, 4, 2);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(2);
    leftLayout->addWidget(m_caption);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_list, 1);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(4, 2, 4, 0);
    rightLayout->setSpacing(2);
    rightLayout->addWidget(m_header);
    rightLayout->addWidget(m_chart);
    rightLayout->addWidget(m_details, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
    setFocusProxy(m_list);
    setTabOrder(m_filter, m_list);
    setTabOrder(m_list, m_details);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AccountsView::pickRow);
    connect(m_details, &QTextBrowser::anchorClicked, this, &AccountsView::openLink);
    connect(m_model, &AccountListModel::loaded, this, &AccountsView::refresh);
    connect(&m_hub, &SelectionHub::selectionChanged, this, &AccountsView::followSelection);
    showAccount({});
    updateCaption();
}

AccountsView::~AccountsView() = default;

bool AccountsView::isLoadingContext() const
{
    return m_contextLoad->running();
}

void AccountsView::setSession(CaseSession *session)
{
    m_session = session;
    m_account.clear();
    m_model->setSession(session); // reloads on session->changed(), then refresh()
    updateCaption();
    showAccount({});
    followSelection(m_hub.selection());
}

void AccountsView::refresh()
{
    updateCaption();
    showAccount(m_account);
    selectListRow(m_account); // the list was reloaded: find the account's row again
}

void AccountsView::updateCaption()
{
    const QLocale loc;
    if (!m_session) {
        ui::setPlainText(m_caption, tr("No case open."));
        return;
    }
    if (m_model->isLoading()) {
        ui::setPlainText(m_caption, tr("Loading accounts…"));
        return;
    }
    if (!m_model->loadError().isEmpty()) {
        ui::setPlainText(m_caption,
                         tr("The accounts cannot be read: %1").arg(m_model->loadError()));
        return;
    }
    const int n = m_model->rowCount();
    ui::setPlainText(m_caption, n == 0 ? tr("No events name an account (user.name) in this case.")
                                       : tr("%1 accounts").arg(loc.toString(n)));
}

void AccountsView::pickRow()
{
    if (m_following)
        return;
    const QModelIndex idx = m_list->currentIndex();
    if (!idx.isValid())
        return;
    const QString account = idx.data(roles::Account).toString();
    showAccount(account);
    m_hub.selectAccount(account);
}

void AccountsView::followSelection(const Selection &selection)
{
    if (selection.accounts.size() != 1)
        return; // keep showing the last account: the context stays useful
    const QString account = selection.accounts.first();
    showAccount(account);
    selectListRow(account);
}

void AccountsView::selectListRow(const QString &account)
{
    const int row = m_model->rowOfAccount(account);
    if (row < 0)
        return;
    const QModelIndex idx = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!idx.isValid() || m_list->currentIndex().row() == idx.row())
        return;
    m_following = true;
    m_list->setCurrentIndex(idx);
    m_list->scrollTo(idx);
    m_following = false;
}

void AccountsView::openLink(const QUrl &url)
{
    if (url.scheme() != QLatin1String("finding") || !m_session)
        return;
    const std::int64_t id = url.path().toLongLong();
    const auto f = FindingStore::byId(m_session->db(), id);
    if (!f)
        return;
    m_hub.selectFinding(id, FindingStore::evidence(m_session->db(), id), f->ips, f->accounts,
                        f->evidenceCount);
}

QString AccountsView::header() const
{
    return m_header->text();
}

void AccountsView::showAccount(const QString &account)
{
    m_account = account;
    m_contextLoad->cancel();
    if (!m_session || account.isEmpty()) {
        m_header->setText(m_session ? tr("Select an account on the left, in the graph or in "
                                         "the event table.")
                                    : QString());
        m_chart->setContext(nullptr);
        m_details->clear();
        return;
    }
    const Status started = m_contextLoad->start(
            *m_session, [account](const Database &db, const std::atomic<bool> &) {
                ContextLoad out{account, std::nullopt, {}};
                if (auto ctx = AccountContext::load(db, account))
                    out.context = std::move(*ctx);
                else
                    out.error = ctx.error().message;
                return out;
            });
    if (!started.ok()) {
        showContext({account, std::nullopt, started.error().message});
        return;
    }
    // The previous account's chart and details stay until this one's arrive.
    m_header->setText(tr("<b>%1</b><br>Reading the account's events…").arg(htmlSafe(account)));
}

void AccountsView::showContext(ContextLoad loaded)
{
    const QString &account = loaded.account;
    if (!loaded.context) {
        m_header->setText(tr("Cannot read %1: %2").arg(htmlSafe(account), htmlSafe(loaded.error)));
        m_chart->setContext(nullptr);
        m_details->clear();
        return;
    }
    const AccountContext *ctx = &*loaded.context;
    const QLocale loc;
    QString head = QStringLiteral("<b>%1</b>").arg(htmlSafe(account));
    if (ctx->events > 0) {
        head += QStringLiteral("<br>")
                + tr("%1 events (%2 succeeded, %3 failed) from %4 addresses · first seen %5 · "
                     "last seen %6 %7")
                          .arg(loc.toString(qlonglong(ctx->events)),
                               loc.toString(qlonglong(ctx->successes)),
                               loc.toString(qlonglong(ctx->failures)),
                               loc.toString(qlonglong(ctx->distinctIps)), shownSecond(ctx->firstTs),
                               shownSecond(ctx->lastTs), ShownZone::name());
    } else {
        head += QStringLiteral("<br>") + tr("No events name this account.");
    }
    if (ctx->directory) {
        const DirectoryRecord &d = *ctx->directory;
        const QString mfa = !d.mfaEnrolled   ? tr("unknown")
                            : *d.mfaEnrolled ? tr("enrolled")
                                             : tr("<b>not enrolled</b>");
        head += QStringLiteral("<br>")
                + tr("Directory: MFA %1 · device trust %2 · department %3 · last password "
                     "reset %4")
                          .arg(mfa,
                               d.deviceTrust.isEmpty() ? tr("unknown") : htmlSafe(d.deviceTrust),
                               d.department.isEmpty() ? tr("unknown") : htmlSafe(d.department),
                               d.lastPasswordReset.isEmpty() ? tr("unknown")
                                                             : htmlSafe(d.lastPasswordReset));
    } else {
        head += QStringLiteral("<br><i>")
                + tr("No directory record (Case → Import directory CSV…).")
                + QStringLiteral("</i>");
    }
    m_header->setText(head);
    m_chart->setContext(&*ctx);
    m_details->setHtml(detailsHtml(*ctx));
}

QString AccountsView::detailsHtml(const AccountContext &c) const
{
    const QLocale loc;
    QString html;
    html += QStringLiteral("<h4>%1</h4>").arg(tr("Findings involving the account"));
    if (c.findings.empty()) {
        html += QStringLiteral("<p><i>%1</i></p>").arg(tr("None."));
    } else {
        html += QStringLiteral("<ul>");
        for (const AccountFindingRef &f : c.findings)
            html += QStringLiteral("<li><a href=\"finding:%1\">%2 · severity %3</a> %4</li>")
                            .arg(f.id)
                            .arg(htmlSafe(f.kind))
                            .arg(f.severity)
                            .arg(htmlSafe(f.title));
        html += QStringLiteral("</ul><p><small>%1</small></p>")
                        .arg(tr("Click a finding to select its evidence in every view."));
    }
    QString unresolved;
    if (c.ipsWithoutEnrichment > 0)
        unresolved = tr("%1 of %2 addresses have no enrichment and are not counted.")
                             .arg(loc.toString(qlonglong(c.ipsWithoutEnrichment)),
                                  loc.toString(qlonglong(c.distinctIps)));
    html += section(tr("Countries"), c.countries, tr("No enrichment for these addresses."));
    if (!unresolved.isEmpty())
        html += QStringLiteral("<p><small>%1</small></p>").arg(htmlSafe(unresolved));
    html += section(tr("ASNs"), c.asns, tr("No ASN data."));
    html += section(tr("Network types"), c.networkTypes, tr("No network type data."));
    html += section(tr("MFA methods and results (authentication.mfa)"), c.mfa,
                    tr("No MFA data in these events."));
    html += section(tr("Password resets"), c.passwordResets, tr("None seen."), true);
    html += section(tr("Sensitive actions"), c.sensitiveActions, tr("None seen."), true);
    html += section(tr("Devices (device.id)"), c.devices, tr("No device ids."));
    html += section(tr("User agents"), c.userAgents, tr("No user agents."));
    return html;
}

} // namespace netcase
