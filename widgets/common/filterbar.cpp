#include "filterbar.h"

#include "common/safetext.h"
#include "core/shownzone.h"
#include "core/timeutil.h"
#include "items/selectionhub.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace netcase {

FilterBar::FilterBar(SelectionHub &hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_back(new QToolButton(this))
    , m_forward(new QToolButton(this))
    , m_empty(new QLabel(tr("Nothing selected: every view shows the whole case."), this))
    , m_chips(new QHBoxLayout)
    , m_filter(new QCheckBox(tr("Filter events"), this))
    , m_clear(new QToolButton(this))
{
    setObjectName(QStringLiteral("FilterBar"));
    m_back->setObjectName(QStringLiteral("selectionBack"));
    m_back->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    m_back->setToolTip(tr("Back to the previous selection (Alt+Left)"));
    m_back->setAccessibleName(tr("Previous selection"));
    m_forward->setObjectName(QStringLiteral("selectionForward"));
    m_forward->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    m_forward->setToolTip(tr("Forward to the next selection (Alt+Right)"));
    m_forward->setAccessibleName(tr("Next selection"));
    m_filter->setObjectName(QStringLiteral("selectionFilters"));
    m_filter->setChecked(m_hub.filterActive());
    m_filter->setToolTip(tr("When on, the event table shows only the events matching the "
                            "selection; when off, it shows every event."));
    m_clear->setObjectName(QStringLiteral("selectionClear"));
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Clear the whole selection"));
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_back);
    layout->addWidget(m_forward);
    layout->addSpacing(6);
    layout->addWidget(new QLabel(tr("Selection:"), this));
    layout->addWidget(m_empty);
    // The chips take the room the bar has and never widen the window: a selection with more
    // (or longer) values than fit has its last chips cut off, while the views' captions still
    // name all of it.
    auto *chipArea = new QWidget(this);
    chipArea->setObjectName(QStringLiteral("selectionChips"));
    chipArea->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_chips->setContentsMargins(0, 0, 0, 0);
    m_chips->setSizeConstraint(QLayout::SetNoConstraint);
    chipArea->setLayout(m_chips);
    layout->addWidget(chipArea, 1);
    layout->addWidget(m_filter);
    layout->addWidget(m_clear);

    connect(m_back, &QToolButton::clicked, &m_hub, &SelectionHub::back);
    connect(m_forward, &QToolButton::clicked, &m_hub, &SelectionHub::forward);
    connect(m_clear, &QToolButton::clicked, &m_hub, &SelectionHub::clear);
    connect(m_filter, &QCheckBox::toggled, &m_hub, &SelectionHub::setFilterActive);
    connect(&m_hub, &SelectionHub::selectionChanged, this, &FilterBar::rebuild);
    connect(&m_hub, &SelectionHub::historyChanged, this, &FilterBar::updateHistory);
    connect(&m_hub, &SelectionHub::filterChanged, this,
            [this] { m_filter->setChecked(m_hub.filterActive()); });
    rebuild();
    updateHistory();
}

QList<QToolButton *> FilterBar::chips() const
{
    QList<QToolButton *> out;
    for (int i = 0; i < m_chips->count(); ++i) {
        if (auto *b = qobject_cast<QToolButton *>(m_chips->itemAt(i)->widget()))
            out << b;
    }
    return out;
}

void FilterBar::addChip(const QString &text,
                        const QString &tip,
                        const std::function<void(Selection &)> &remove)
{
    auto *chip = new QToolButton;
    chip->setObjectName(QStringLiteral("selectionChip"));
    chip->setText(displaySafe(text) + QStringLiteral("  ✕"));
    chip->setToolTip(ui::plainToolTip(tip + QLatin1Char('\n')
                                      + tr("Click to remove it from the selection.")));
    chip->setAccessibleName(tr("Remove %1").arg(text));
    chip->setAutoRaise(false);
    connect(chip, &QToolButton::clicked, this, [this, remove] {
        Selection s = m_hub.selection();
        remove(s);
        m_hub.select(s);
    });
    m_chips->addWidget(chip);
}

void FilterBar::rebuild()
{
    while (QLayoutItem *item = m_chips->takeAt(0)) {
        if (QWidget *w = item->widget())
            w->deleteLater();
        delete item;
    }
    const Selection &sel = m_hub.selection();
    // A map cluster or a finding can select hundreds of addresses or accounts: a few chips per
    // kind, then one "+N more" chip (which trims the selection to the shown ones), so the bar
    // never widens the window (a 105-account finding had made it 16,000 px wide).
    constexpr int kMaxChips = 4;
    auto addKind = [this](const QStringList &values, QStringList Selection::*field,
                          const QString &chipText, const QString &chipTip, const QString &more) {
        // One value more than the cap gets its own chip: "+1 more" would take as much room.
        const qsizetype shown = values.size() <= kMaxChips + 1 ? values.size() : kMaxChips;
        for (qsizetype i = 0; i < shown; ++i) {
            const QString v = values[i];
            addChip(chipText.arg(v), chipTip.arg(v),
                    [field, v](Selection &s) { (s.*field).removeAll(v); });
        }
        if (shown < values.size())
            addChip(more.arg(values.size() - kMaxChips),
                    tr("The selection holds %1; only %2 are shown as chips. Click to keep only "
                       "those.")
                            .arg(values.size())
                            .arg(kMaxChips),
                    [field](Selection &s) { s.*field = (s.*field).mid(0, kMaxChips); });
    };
    addKind(sel.ips, &Selection::ips, tr("ip %1"), tr("Events from source.ip or client.ip %1"),
            tr("+%1 more addresses"));
    addKind(sel.accounts, &Selection::accounts, tr("account %1"),
            tr("Events whose user.name is %1"), tr("+%1 more accounts"));
    addKind(sel.hosts, &Selection::hosts, tr("host %1"), tr("Host %1"), tr("+%1 more hosts"));
    const QLocale loc;
    if (sel.findingId && sel.evidenceTotal > qint64(sel.eventIds.size()))
        // The analysis keeps at most max_evidence events per finding (rules): say so.
        addChip(tr("finding #%1: %2 of %3 evidence events shown")
                        .arg(sel.findingId)
                        .arg(loc.toString(qlonglong(sel.eventIds.size())),
                             loc.toString(qlonglong(sel.evidenceTotal))),
                tr("The evidence events of finding #%1: the case keeps %2 of its %3 (the "
                   "rules' max_evidence); the finding's counts cover all of them.")
                        .arg(sel.findingId)
                        .arg(loc.toString(qlonglong(sel.eventIds.size())),
                             loc.toString(qlonglong(sel.evidenceTotal))),
                [](Selection &s) {
                    s.findingId = 0;
                    s.eventIds.clear();
                    s.evidenceTotal = 0;
                });
    else if (sel.findingId)
        addChip(tr("finding #%1").arg(sel.findingId),
                tr("The evidence events of finding #%1 (%2 events)")
                        .arg(sel.findingId)
                        .arg(sel.eventIds.size()),
                [](Selection &s) {
                    s.findingId = 0;
                    s.eventIds.clear();
                    s.evidenceTotal = 0;
                });
    else if (!sel.eventIds.empty())
        addChip(tr("%1 events").arg(sel.eventIds.size()), tr("A set of chosen events"),
                [](Selection &s) { s.eventIds.clear(); });
    if (sel.fromUs || sel.toUs) {
        const QString from = sel.fromUs ? shownMinute(*sel.fromUs) : tr("start");
        const QString to = sel.toUs ? shownMinute(*sel.toUs) : tr("end");
        addChip(tr("%1 – %2 %3").arg(from, to, ShownZone::name()),
                tr("@timestamp from %1 (inclusive) to %2 (exclusive), %3")
                        .arg(from, to, ShownZone::name()),
                [](Selection &s) {
                    s.fromUs.reset();
                    s.toUs.reset();
                });
    }
    m_chips->addStretch(1);
    m_empty->setVisible(sel.isEmpty());
    m_clear->setEnabled(!sel.isEmpty());
}

void FilterBar::updateHistory()
{
    m_back->setEnabled(m_hub.canGoBack());
    m_forward->setEnabled(m_hub.canGoForward());
}

} // namespace netcase
