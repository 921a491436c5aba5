#include "sourcesview.h"

#include "case/casefile.h"
#include "case/casesession.h"
#include "case/casesummary.h"
#include "case/sourcestore.h"
#include "common/safetext.h"
#include "core/shownzone.h"
#include "core/timeutil.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace netcase {

namespace {

enum Column { Name, Format, Events, Rejects, First, Last, Sha, Imported, Reasons };

QTableWidgetItem *item(const QString &text, const QString &tip = {})
{
    auto *it = new QTableWidgetItem(text);
    it->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    it->setToolTip(tip.isEmpty() ? text : tip);
    return it;
}

QTableWidgetItem *number(std::int64_t n)
{
    auto *it = item(QLocale().toString(qlonglong(n)));
    it->setData(Qt::UserRole, qlonglong(n));
    it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return it;
}

QTableWidget *table(QWidget *parent, const QString &name, const QStringList &headers)
{
    auto *t = new QTableWidget(0, int(headers.size()), parent);
    t->setObjectName(name);
    t->setHorizontalHeaderLabels(headers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->hide();
    t->setWordWrap(false);
    ui::guardView(t);
    return t;
}

} // namespace

SourcesView::SourcesView(QWidget *parent)
    : QWidget(parent)
    , m_caption(ui::plainLabel(this))
    , m_sources(table(this,
                      QStringLiteral("sourcesTable"),
                      {tr("Source"), tr("Format"), tr("Events"), tr("Rejects"), tr("First event"),
                       tr("Last event"), tr("SHA-256"), tr("Imported"), tr("Reject reasons")}))
    , m_rejectsCaption(ui::plainLabel(this))
    , m_reason(new QComboBox(this))
    , m_rejects(table(
              this, QStringLiteral("rejectsTable"), {tr("Line"), tr("Reason"), tr("Text as read")}))
{
    setObjectName(QStringLiteral("SourcesView"));
    m_caption->setWordWrap(true);
    m_caption->setContentsMargins(6, 3, 6, 3);
    m_rejectsCaption->setObjectName(QStringLiteral("rejectsCaption"));
    m_rejectsCaption->setWordWrap(true);
    m_reason->setObjectName(QStringLiteral("rejectReason"));
    m_reason->setToolTip(tr("Show the rejected lines of one reason only."));
    m_sources->horizontalHeader()->setStretchLastSection(true);
    m_rejects->horizontalHeader()->setStretchLastSection(true);
    m_sources->setToolTip(QString()); // per cell
    auto *lower = new QWidget(this);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_rejectsCaption, 1);
    bar->addWidget(m_reason);
    lowerLayout->addLayout(bar);
    lowerLayout->addWidget(m_rejects, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_sources);
    split->addWidget(lower);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_caption);
    layout->addWidget(split, 1);
    connect(m_sources, &QTableWidget::itemSelectionChanged, this, &SourcesView::showRejects);
    connect(m_reason, &QComboBox::currentIndexChanged, this, &SourcesView::showRejects);
    reload();
}

void SourcesView::setSession(CaseSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session)
        connect(session, &CaseSession::changed, this, &SourcesView::reload);
    reload();
}

void SourcesView::reload()
{
    const int keep = m_sources->currentRow();
    m_sources->setRowCount(0);
    if (!m_session) {
        ui::setPlainText(m_caption, tr("No case open."));
        showRejects();
        return;
    }
    const CaseSummary sum = CaseSummary::read(m_session->caseFile());
    const QLocale loc;
    m_sources->setRowCount(int(sum.sources.size()));
    m_sources->setHorizontalHeaderItem(
            First, new QTableWidgetItem(tr("First event (%1)").arg(ShownZone::name())));
    m_sources->setHorizontalHeaderItem(
            Last, new QTableWidgetItem(tr("Last event (%1)").arg(ShownZone::name())));
    for (int r = 0; r < int(sum.sources.size()); ++r) {
        const SourceSummary &s = sum.sources[std::size_t(r)];
        const QString name
                = s.member.isEmpty() ? s.name : s.name + QStringLiteral(" ▸ ") + s.member;
        QTableWidgetItem *first = item(name, s.path);
        first->setData(Qt::UserRole, qlonglong(s.id));
        m_sources->setItem(r, Name, first);
        m_sources->setItem(r, Format, item(s.format));
        m_sources->setItem(r, Events, number(s.events));
        m_sources->setItem(r, Rejects, number(s.rejects));
        m_sources->setItem(r, First, item(s.events ? shownSecond(s.firstTs) : QString()));
        m_sources->setItem(r, Last, item(s.events ? shownSecond(s.lastTs) : QString()));
        m_sources->setItem(r, Sha, item(s.sha256));
        m_sources->setItem(r, Imported, item(tr("%1 by %2").arg(s.importedAt, s.importedBy)));
        QStringList reasons, shown;
        for (const auto &[reason, n] : s.rejectReasons) {
            reasons << reason;
            shown << QStringLiteral("%1 × %2").arg(loc.toString(qlonglong(n)), reason);
        }
        QTableWidgetItem *why
                = item(shown.join(QStringLiteral("; ")), shown.join(QLatin1Char('\n')));
        why->setData(Qt::UserRole, reasons);
        why->setData(Qt::UserRole + 1, shown);
        m_sources->setItem(r, Reasons, why);
    }
    m_sources->resizeColumnsToContents();
    m_sources->setColumnWidth(Sha, std::min(m_sources->columnWidth(Sha), 160));
    ui::setPlainText(m_caption,
                     sum.sources.empty()
                             ? tr("No file imported yet.")
                             : tr("%1 source(s): %2 events, %3 rejected records. Select a source "
                                  "to see its rejected lines.")
                                       .arg(loc.toString(qlonglong(sum.sources.size())),
                                            loc.toString(qlonglong(sum.events)),
                                            loc.toString(qlonglong(sum.rejects))));
    if (keep >= 0 && keep < m_sources->rowCount())
        m_sources->selectRow(keep);
    else
        showRejects();
}

void SourcesView::showRejects()
{
    const int row = m_sources->currentRow();
    const bool sourceChanged = sender() != m_reason;
    m_rejects->setRowCount(0);
    if (!m_session || row < 0 || !m_sources->item(row, Name)) {
        m_reason->clear();
        m_reason->setEnabled(false);
        ui::setPlainText(m_rejectsCaption, tr("Select a source to list its rejected lines."));
        return;
    }
    const std::int64_t id = m_sources->item(row, Name)->data(Qt::UserRole).toLongLong();
    const qlonglong total = m_sources->item(row, Rejects)->data(Qt::UserRole).toLongLong();
    const QLocale loc;
    if (sourceChanged) {
        const QSignalBlocker block(m_reason);
        m_reason->clear();
        m_reason->addItem(tr("All reasons (%1)").arg(loc.toString(total)), QString());
        const QTableWidgetItem *why = m_sources->item(row, Reasons);
        const QStringList reasons = why->data(Qt::UserRole).toStringList();
        const QStringList shown = why->data(Qt::UserRole + 1).toStringList();
        for (int i = 0; i < reasons.size() && i < shown.size(); ++i)
            m_reason->addItem(displaySafe(shown[i]), reasons[i]);
    }
    m_reason->setEnabled(total > 0);
    const QString reason = m_reason->currentData().toString();
    const auto lines = SourceStore::rejects(m_session->db(), id, kMaxRejectsShown, reason);
    m_rejects->setRowCount(int(lines.size()));
    for (int r = 0; r < int(lines.size()); ++r) {
        const RejectedLine &l = lines[std::size_t(r)];
        m_rejects->setItem(r, 0, number(l.line));
        m_rejects->setItem(r, 1, item(l.reason));
        m_rejects->setItem(r, 2, item(l.raw));
    }
    m_rejects->resizeColumnToContents(0);
    m_rejects->resizeColumnToContents(1);
    const QString name = m_sources->item(row, Name)->text();
    if (total == 0)
        ui::setPlainText(m_rejectsCaption, tr("%1: no rejected lines.").arg(name));
    else if (lines.size() >= std::size_t(kMaxRejectsShown))
        ui::setPlainText(m_rejectsCaption, tr("%1: the first %2 rejected lines shown.")
                                                   .arg(name, loc.toString(kMaxRejectsShown)));
    else
        ui::setPlainText(m_rejectsCaption,
                         tr("%1: %2 rejected line(s) shown.")
                                 .arg(name, loc.toString(qlonglong(lines.size()))));
}

} // namespace netcase
