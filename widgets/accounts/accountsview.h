#pragma once

// The account context dock: a list of every account (with counts) to pick from, and for the
// selected account its sign-in history, where it came from (countries, ASNs, network types),
// devices and agents, MFA, password resets and sensitive actions, the findings naming it and
// its directory record. Follows the hub's account selection and publishes picks to it.

#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QTextBrowser;

namespace netcase {

class AccountListModel;
class CaseSession;
class SelectionHub;
class SignInChart;
struct AccountContext;
struct Selection;
template<typename T>
class CaseLoad;

class AccountsView : public QWidget
{
    Q_OBJECT
public:
    explicit AccountsView(SelectionHub &hub, QWidget *parent = nullptr);
    ~AccountsView() override;

    void setSession(CaseSession *session);
    /// Shows an account's context (without publishing it). The context is read on a worker
    /// thread (1.4 s for an account with 170,000 events): the header says so meanwhile.
    void showAccount(const QString &account);
    bool isLoadingContext() const;
    QString currentAccount() const { return m_account; }

    AccountListModel *model() const { return m_model; }
    QTableView *list() const { return m_list; }
    QTextBrowser *details() const { return m_details; }
    QString header() const;

private:
    void pickRow();
    void followSelection(const Selection &selection);
    void selectListRow(const QString &account);
    void openLink(const QUrl &url);
    void refresh();
    void updateCaption();
    struct ContextLoad;
    void showContext(ContextLoad loaded);
    QString detailsHtml(const AccountContext &c) const;

    SelectionHub &m_hub;
    CaseSession *m_session = nullptr;
    AccountListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTableView *m_list;
    QLabel *m_caption;
    QLabel *m_header;
    SignInChart *m_chart;
    QTextBrowser *m_details;
    QString m_account;
    bool m_following = false;
    std::unique_ptr<CaseLoad<ContextLoad>> m_contextLoad;
};

} // namespace netcase
