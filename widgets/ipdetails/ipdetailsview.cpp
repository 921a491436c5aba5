#include "ipdetailsview.h"

#include "case/casesession.h"
#include "common/safetext.h"
#include "core/displaytext.h"
#include "core/shownzone.h"
#include "core/timeutil.h"
#include "intel/inteltext.h"
#include "ipdetails/ipdetailsmodel.h"
#include "items/selectionhub.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

namespace netcase {

IpDetailsView::IpDetailsView(SelectionHub &hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_model(new IpDetailsModel(this))
    , m_headline(new QLabel(this))
    , m_choice(new QComboBox(this))
    , m_caveats(new QLabel(this))
    , m_credit(ui::plainLabel(this))
    , m_intel(ui::plainLabel(this))
    , m_table(new QTableView(this))
{
    setObjectName(QStringLiteral("IpDetailsView"));
    m_headline->setObjectName(QStringLiteral("ipHeadline"));
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_choice->setObjectName(QStringLiteral("ipChoice"));
    m_choice->setToolTip(tr("Several addresses are selected: choose the one to show."));
    m_caveats->setObjectName(QStringLiteral("ipCaveats"));
    m_caveats->setWordWrap(true);
    m_caveats->setTextFormat(Qt::RichText);
    m_caveats->setToolTip(tr("Why the values above may not mean what they seem."));
    m_table->setObjectName(QStringLiteral("ipFields"));
    m_table->setModel(m_model);
    ui::guardView(m_table);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setToolTip(
            tr("Each value with the database or list that supplied it and that source's build "
               "date (ip_info.provenance)."));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(m_headline);
    layout->addWidget(m_choice);
    layout->addWidget(m_caveats);
    layout->addWidget(m_intel);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_credit);
    m_credit->setObjectName(QStringLiteral("ipAttribution"));
    m_credit->setWordWrap(true);
    m_credit->setToolTip(tr("The credit the licence of the data shown asks for."));
    m_credit->hide();
    m_intel->setObjectName(QStringLiteral("ipIntel"));
    m_intel->setWordWrap(true);
    m_intel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_intel->setToolTip(tr("Imported threat intelligence (STIX, MISP) naming this address, with "
                           "its producer, file, confidence and validity compared with the "
                           "address's events."));
    m_intel->hide();
    m_choice->hide();

    connect(&m_hub, &SelectionHub::selectionChanged, this, &IpDetailsView::followSelection);
    connect(m_choice, &QComboBox::activated, this,
            [this](int i) { showIp(m_choice->itemText(i)); });
    followSelection();
}

void IpDetailsView::setSession(CaseSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session)
        connect(session, &CaseSession::changed, this, [this] { showIp(m_ip); });
    followSelection();
}

QString IpDetailsView::currentIp() const
{
    return m_ip;
}

QString IpDetailsView::headline() const
{
    return m_headline->text();
}

QString IpDetailsView::caveatsText() const
{
    return m_caveats->text();
}

QString IpDetailsView::intelText() const
{
    return m_intel->isHidden() ? QString() : m_intel->text();
}

void IpDetailsView::followSelection()
{
    const QStringList ips = m_hub.selection().ips;
    m_choice->clear();
    m_choice->setVisible(ips.size() > 1);
    if (ips.size() > 1) {
        m_choice->addItems(ips.mid(0, 1000));
        m_choice->setToolTip(
                tr("%1 addresses are selected; showing one at a time.").arg(ips.size()));
    }
    showIp(ips.isEmpty() ? QString() : ips.first());
}

void IpDetailsView::showIp(const QString &ip)
{
    m_ip = ip;
    m_load.cancel();
    if (!m_session || ip.isEmpty()) {
        m_model->setDetails({});
        m_headline->setText(m_session ? tr("Select an address (in the events, map, graph or "
                                           "findings) to see its enrichment and provenance.")
                                      : tr("No case open."));
        m_caveats->clear();
        m_caveats->hide();
        m_credit->hide();
        m_intel->hide();
        return;
    }
    const Status started
            = m_load.start(*m_session, [ip](const Database &db, const std::atomic<bool> &) {
                  IpDetails d = IpDetails::read(db, ip);
                  d.intel = intel::describeAddress(db, ip, d.firstUs, d.lastUs);
                  return d;
              });
    if (!started.ok()) {
        m_headline->setText(tr("<b>%1</b><br>Cannot read the case: %2")
                                    .arg(htmlSafe(ip), htmlSafe(started.error().message)));
        return;
    }
    // The previous address's values stay until this one's arrive.
    m_headline->setText(tr("<b>%1</b><br>Reading its events and enrichment…").arg(htmlSafe(ip)));
}

void IpDetailsView::showDetails(IpDetails d)
{
    const QString &ip = d.ip;
    const QLocale loc;
    QString head = tr("<b>%1</b>").arg(htmlSafe(ip));
    const QStringList selected = m_hub.selection().ips;
    if (selected.size() > 1)
        head += tr(" (1 of %1 selected addresses)").arg(selected.size());
    if (d.events > 0)
        head += tr("<br>%1 events, %2 – %3 %6, %4 accounts%5")
                        .arg(loc.toString(qlonglong(d.events)), shownMinute(d.firstUs),
                             shownMinute(d.lastUs), loc.toString(qlonglong(d.accounts)),
                             d.someAccounts.isEmpty()
                                     ? QString()
                                     : QStringLiteral(" (%1%2)").arg(
                                             htmlSafe(d.someAccounts.join(QStringLiteral(", "))),
                                             d.accounts > d.someAccounts.size()
                                                     ? QStringLiteral(", …")
                                                     : QString()))
                        .arg(ShownZone::name());
    else
        head += tr("<br>No events from this address as source.ip.");
    m_headline->setText(head);
    if (d.caveats.isEmpty()) {
        m_caveats->setText(tr("<i>No caveats apply to these values.</i>"));
    } else {
        QString html = tr("<b>Caveats</b><ul style=\"margin-left:-20px\">");
        for (const QString &c : d.caveats)
            html += QStringLiteral("<li>%1</li>").arg(htmlSafe(c));
        m_caveats->setText(html + QStringLiteral("</ul>"));
    }
    m_caveats->show();
    QString intelLines;
    for (const QString &line : d.intel)
        intelLines += QStringLiteral("\n• ") + line;
    ui::setPlainText(m_intel, d.intel.isEmpty()
                                      ? QString()
                                      : tr("Threat intelligence names this address:") + intelLines);
    m_intel->setVisible(!d.intel.isEmpty());
    ui::setPlainText(m_credit, d.attributions.join(QLatin1Char('\n')));
    m_credit->setVisible(!d.attributions.isEmpty());
    m_model->setDetails(std::move(d));
    m_table->resizeColumnsToContents();
}

} // namespace netcase
