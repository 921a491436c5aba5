#include "findingsview.h"

#include "common/columnwidths.h"
#include "common/safetext.h"

#include "bulkdecision.h"
#include "severitydelegate.h"
#include "triagebar.h"

#include "analysis/findingmembers.h"
#include "analysis/findingstore.h"
#include "case/casesession.h"
#include "core/identity.h"
#include "core/shownzone.h"
#include "core/timeutil.h"
#include "items/findingsmodel.h"
#include "items/selectionhub.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>
#include <iterator>

namespace netcase {

namespace {

QString esc(const std::string &s)
{
    return htmlSafe(QString::fromStdString(s));
}

} // namespace

FindingsView::FindingsView(SelectionHub &hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_model(new FindingsModel(this))
    , m_table(new QTableView(this))
    , m_details(new QTextBrowser(this))
    , m_caption(ui::plainLabel(this))
    , m_showAll(new QCheckBox(tr("Show suppressed and past findings"), this))
    , m_triage(new TriageBar(m_model, this))
{
    setObjectName(QStringLiteral("FindingsView"));
    m_table->setObjectName(QStringLiteral("findingsTable"));
    m_table->setModel(m_model);
    ui::guardView(m_table);
    m_table->setItemDelegateForColumn(FindingsModel::Severity, new SeverityDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(FindingsModel::Severity, Qt::DescendingOrder);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    // The finding's title takes the spare width; the caveat count stays narrow.
    m_table->horizontalHeader()->setSectionResizeMode(FindingsModel::Title, QHeaderView::Stretch);
    m_table->setToolTip(tr("Double-click or press Enter to select a finding's evidence, "
                           "addresses and accounts in every view. Severity: the sum of the "
                           "weighted signals, 0–100 (red high, orange medium, grey low)."));
    // The title (empty sample) stretches.
    static constexpr const char *samples[] = {"100 medium",
                                              "impossible travel",
                                              "",
                                              "alice@example, 203.0.113.7",
                                              "2026-10-21 08:19:56",
                                              "2026-10-21 08:19:56",
                                              "1000",
                                              "(2) 45.155.205.34 is a data-centre",
                                              "Step-up authentication"};
    static_assert(std::size(samples) == FindingsModel::ColumnCount);
    fitColumnsToSamples(m_table, samples);

    m_details->setObjectName(QStringLiteral("findingDetails"));
    m_details->setOpenLinks(false);
    m_details->setPlaceholderText(tr("Select a finding to read its signals and caveats."));
    m_showAll->setObjectName(QStringLiteral("showAllFindings"));
    m_showAll->setToolTip(tr("Also list findings suppressed by rule tuning and findings the "
                             "latest analysis run no longer produced."));

    auto *top = new QHBoxLayout;
    top->setContentsMargins(6, 3, 6, 3);
    top->addWidget(m_caption, 1);
    top->addWidget(m_showAll);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    // The list first: from its size hint the details pane took half of a short dock (two and a
    // half rows of findings were left at 1400x900). Three parts to one, the pane at least two
    // lines tall; the splitter handle gives it more.
    m_details->setMinimumHeight(m_details->fontMetrics().lineSpacing() * 2 + 8);
    split->setSizes({3000, 1000});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(top);
    layout->addWidget(m_triage);
    layout->addWidget(split, 1);
    setFocusProxy(m_table);

    connect(m_table, &QAbstractItemView::activated, this,
            [this](const QModelIndex &index) { openRow(index.row()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &FindingsView::showDetails);
    connect(m_model, &QAbstractItemModel::modelReset, this, &FindingsView::updateCaption);
    connect(m_model, &QAbstractItemModel::modelReset, this,
            [this] { followSelection(m_hub.selection()); });
    connect(m_showAll, &QCheckBox::toggled, m_model, &FindingsModel::setShowAll);
    connect(m_model, &QAbstractItemModel::modelReset, m_triage, &TriageBar::refreshKinds);
    connect(m_model, &QAbstractItemModel::modelReset, this, &FindingsView::updateTriage);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &FindingsView::updateTriage);
    connect(m_triage, &TriageBar::decideRequested, this, &FindingsView::decideSelected);
    connect(&m_hub, &SelectionHub::selectionChanged, this, &FindingsView::followSelection);
    updateCaption();
}

void FindingsView::setSession(CaseSession *session)
{
    m_session = session;
    updateTriage();
    m_details->clear();
    m_model->setSession(session); // the model follows session->changed() itself
    updateCaption();
}

std::vector<std::int64_t> FindingsView::selectedFindings() const
{
    std::vector<std::int64_t> out;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        if (const StoredFinding *f = m_model->findingAt(i.row()))
            out.push_back(f->id);
    std::sort(out.begin(), out.end());
    return out;
}

void FindingsView::updateTriage()
{
    const bool writable = m_session && !m_session->readOnly();
    m_triage->setSelectionCount(int(selectedFindings().size()), writable,
                                !m_session ? tr("Open a case first")
                                : m_session->reviewMode()
                                        ? tr("Review mode: decisions are read-only")
                                        : tr("The case is read-only"));
}

void FindingsView::decideSelected()
{
    const std::vector<std::int64_t> ids = selectedFindings();
    if (!m_session || m_session->readOnly() || ids.empty())
        return;
    auto *dialog = new BulkDecisionDialog(int(ids.size()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, ids] {
        if (!m_session || m_session->readOnly())
            return;
        const BulkOutcome out = recordForFindings(
                m_session->caseFile().db(), ids, dialog->verdict(), dialog->confidence(),
                dialog->reasoning(), dialog->tune(), currentUserName());
        Q_EMIT message(tr("%n decision(s) recorded", nullptr, int(out.decisionIds.size())), 8000);
        if (!out.problems.isEmpty())
            ui::showMessage(this, QMessageBox::Warning, tr("Some decisions not recorded"),
                            out.problems.join(QLatin1Char('\n')));
        if (!out.decisionIds.empty())
            m_session->notifyChanged();
    });
    dialog->open();
}

void FindingsView::openRow(int row)
{
    const StoredFinding *f = m_model->findingAt(row);
    if (!f || !m_session)
        return;
    const auto evidence = FindingStore::evidence(m_session->db(), f->id);
    m_hub.selectFinding(f->id, evidence, f->ips, f->accounts, f->evidenceCount);
}

void FindingsView::followSelection(const Selection &selection)
{
    if (!selection.findingId)
        return;
    const int row = m_model->rowOfFinding(selection.findingId);
    if (row < 0 || m_table->currentIndex().row() == row)
        return;
    m_table->setCurrentIndex(m_model->index(row, FindingsModel::Title));
}

QString FindingsView::membersHtml(const StoredFinding &f)
{
    const FindingMembers members = findingMembers(f.details);
    if (members.rows.empty())
        return {};
    constexpr std::size_t kShown = 50;
    const std::size_t shown = std::min(members.rows.size(), kShown);
    const QLocale loc;
    QString html = QStringLiteral("<p><b>")
                   + (shown < std::size_t(members.total)
                              ? tr("Sources: the %1 busiest of %2").arg(shown).arg(members.total)
                              : tr("Sources (%1)").arg(members.total))
                   + QStringLiteral("</b></p><table cellspacing=\"0\" cellpadding=\"4\"><tr><th "
                                    "align=\"left\">%1</th><th align=\"right\">%2</th>")
                             .arg(tr("Address"), tr("Attempts"));
    if (members.anyFailures)
        html += QStringLiteral("<th align=\"right\">%1</th>").arg(tr("Failures"));
    if (members.anyAccounts)
        html += QStringLiteral("<th align=\"right\">%1</th>").arg(tr("Accounts"));
    html += QStringLiteral("<th align=\"left\">%1</th></tr>")
                    .arg(tr("First to last (%1)").arg(ShownZone::name()));
    const auto n = [&loc](std::int64_t v) {
        return v < 0 ? QStringLiteral("—") : loc.toString(qlonglong(v));
    };
    for (std::size_t i = 0; i < shown; ++i) {
        const FindingMember &m = members.rows[i];
        html += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td>")
                        .arg(htmlSafe(m.ip), n(m.attempts));
        if (members.anyFailures)
            html += QStringLiteral("<td align=\"right\">%1</td>").arg(n(m.failures));
        if (members.anyAccounts)
            html += QStringLiteral("<td align=\"right\">%1</td>").arg(n(m.accounts));
        html += QStringLiteral("<td>%1 – %2</td></tr>")
                        .arg(shownSecond(m.firstUs), shownSecond(m.lastUs));
    }
    return html + QStringLiteral("</table>");
}

void FindingsView::showDetails()
{
    const StoredFinding *f = m_model->findingAt(m_table->currentIndex().row());
    if (!f) {
        m_details->clear();
        return;
    }
    const QLocale loc;
    QString html = QStringLiteral("<p><b>%1</b><br>").arg(htmlSafe(f->title));
    html += tr("Severity %1 (%2) · %3 · rule %4 · %5 evidence events · %6 to %7 %8")
                    .arg(f->severity)
                    .arg(FindingsModel::severityBand(f->severity), htmlSafe(f->kind),
                         htmlSafe(f->rule), loc.toString(qlonglong(f->evidenceCount)),
                         shownSecond(f->firstTs), shownSecond(f->lastTs))
                    .arg(ShownZone::name());
    html += QStringLiteral("</p>");
    // Long lists (a stuffing campaign names hundreds of accounts) are cut so that the signals
    // and caveats stay in view; the finding's JSON and the report keep every entity.
    constexpr qsizetype kListed = 40;
    auto list = [&loc](const QStringList &items) {
        QStringList e;
        for (qsizetype i = 0; i < items.size() && i < kListed; ++i)
            e << htmlSafe(items.at(i));
        QString text = e.join(QStringLiteral(", "));
        if (items.size() > kListed)
            text += tr(" and %1 more").arg(loc.toString(qlonglong(items.size() - kListed)));
        return text;
    };
    html += membersHtml(*f);
    if (const auto covers = f->details.find("covers");
        covers != f->details.end() && covers->is_array() && !covers->empty()) {
        QStringList titles;
        for (const auto &c : *covers)
            if (c.is_object())
                titles << htmlSafe(QString::fromStdString(c.value("title", std::string())));
        html += QStringLiteral("<p>")
                + tr("Also fired, within this finding's evidence (not listed separately): %1")
                          .arg(titles.join(QStringLiteral("; ")))
                + QStringLiteral("</p>");
    }
    if (!f->ips.isEmpty())
        html += QStringLiteral("<p>") + tr("Addresses: %1").arg(list(f->ips))
                + QStringLiteral("</p>");
    if (!f->accounts.isEmpty())
        html += QStringLiteral("<p>") + tr("Accounts: %1").arg(list(f->accounts))
                + QStringLiteral("</p>");
    if (!f->hosts.isEmpty())
        html += QStringLiteral("<p>") + tr("Hosts: %1").arg(list(f->hosts))
                + QStringLiteral("</p>");
    if (f->signalList.is_array() && !f->signalList.empty()) {
        html += QStringLiteral("<p><b>") + tr("Signals") + QStringLiteral("</b></p><ul>");
        for (const auto &s : f->signalList) {
            if (!s.is_object())
                continue;
            const int w = s.value("weight", 0);
            html += QStringLiteral("<li>%1%2 %3: %4</li>")
                            .arg(w >= 0 ? QStringLiteral("+") : QString())
                            .arg(w)
                            .arg(esc(s.value("name", std::string())),
                                 esc(s.value("detail", std::string())));
        }
        html += QStringLiteral("</ul>");
    }
    if (f->caveats.is_array() && !f->caveats.empty()) {
        html += QStringLiteral("<p><b>") + tr("Caveats: why this may mislead")
                + QStringLiteral("</b></p><ul>");
        for (const auto &c : f->caveats) {
            if (c.is_object())
                html += QStringLiteral("<li>%1</li>").arg(esc(c.value("text", std::string())));
        }
        html += QStringLiteral("</ul>");
    } else {
        html += QStringLiteral("<p><i>") + tr("No caveats recorded.") + QStringLiteral("</i></p>");
    }
    m_details->setHtml(html);
}

QString FindingsView::caption() const
{
    return m_caption->text();
}

void FindingsView::updateCaption()
{
    const QLocale loc;
    if (!m_session) {
        ui::setPlainText(m_caption, tr("No case open."));
        return;
    }
    const std::int64_t total = FindingStore::count(m_session->db());
    const int shown = m_model->rowCount();
    if (total == 0) {
        ui::setPlainText(m_caption,
                         tr("No findings. Run the analysis (Case menu or `netcase analyze`)."));
        return;
    }
    QString text = tr("%n finding(s)", nullptr, shown);
    if (m_model->unfilteredCount() > shown)
        text = tr("%1 of %2 findings match the filter")
                       .arg(loc.toString(shown), loc.toString(m_model->unfilteredCount()));
    else if (total > shown)
        text += tr("; %1 suppressed or no longer produced are hidden")
                        .arg(loc.toString(qlonglong(total - shown)));
    text += tr(". Double-click or Enter selects a finding's evidence everywhere.");
    ui::setPlainText(m_caption, text);
}

} // namespace netcase
