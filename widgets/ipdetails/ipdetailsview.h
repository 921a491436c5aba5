#pragma once

// The IP details dock: follows the hub's selected address and shows its enrichment with the
// provenance of each value, the caveats that apply and its activity in the case. When several
// addresses are selected it says so and lets the analyst pick one.

#include "enrich/ipdetails.h"
#include "items/caseload.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTableView;

namespace netcase {

class CaseSession;
class IpDetailsModel;
class SelectionHub;

class IpDetailsView : public QWidget
{
    Q_OBJECT
public:
    explicit IpDetailsView(SelectionHub &hub, QWidget *parent = nullptr);

    void setSession(CaseSession *session);
    IpDetailsModel *model() const { return m_model; }
    /// The address shown, empty when none.
    QString currentIp() const;
    QString headline() const;
    QString caveatsText() const;
    /// The threat intelligence lines shown (empty when none names the address).
    QString intelText() const;
    /// True while the shown address's activity and enrichment are read (on a worker thread:
    /// an address with hundreds of thousands of events takes a while).
    bool isLoading() const { return m_load.running(); }

private:
    void followSelection();
    void showIp(const QString &ip);
    void showDetails(IpDetails d);

    SelectionHub &m_hub;
    CaseSession *m_session = nullptr;
    IpDetailsModel *m_model;
    QLabel *m_headline;
    QComboBox *m_choice;
    QLabel *m_caveats;
    QLabel *m_credit; ///< the data licences' attribution (IP Geolocation by DB-IP)
    QLabel *m_intel;  ///< imported indicators naming the address (plain text)
    QTableView *m_table;
    QString m_ip;
    CaseLoad<IpDetails> m_load{this, [this](IpDetails d) {
                                   showDetails(std::move(d));
                               }};
};

} // namespace netcase
