#include "revisiondiffview.h"

#include "common/safetext.h"

#include <QHeaderView>

namespace netcase {

namespace {

constexpr int kChanged = Qt::UserRole + 1;

QString fieldText(const Decision &d, int row)
{
    switch (row) {
    case RevisionDiffView::Verdict:
        return decisions::verdictLabel(d.verdict);
    case RevisionDiffView::Confidence:
        return d.confidence;
    case RevisionDiffView::Factors: {
        QStringList lines;
        for (const Factor &f : d.factors) {
            // The events a factor cites, so a reviewer sees what it rests on.
            QStringList ids;
            for (size_t i = 0; i < f.evidence.size() && i < 5; ++i)
                ids << QString::number(f.evidence[i]);
            QString cites;
            if (!ids.isEmpty())
                cites = QStringLiteral(" (%1 %2%3)")
                                .arg(ids.size() == 1 ? QStringLiteral("event")
                                                     : QStringLiteral("events"),
                                     ids.join(QStringLiteral(", ")),
                                     f.evidence.size() > 5 ? QStringLiteral(" and %1 more")
                                                                     .arg(f.evidence.size() - 5)
                                                           : QString());
            lines << QStringLiteral("• ") + f.text + cites;
        }
        return lines.join(QLatin1Char('\n'));
    }
    case RevisionDiffView::Reasoning:
        return d.reasoning;
    case RevisionDiffView::Proportionality:
        return d.proportionality;
    case RevisionDiffView::Analyst:
        return d.analyst;
    case RevisionDiffView::Time:
        return d.createdAt;
    }
    return {};
}

} // namespace

RevisionDiffView::RevisionDiffView(QWidget *parent)
    : QTableWidget(parent)
{
    setObjectName(QStringLiteral("revisionDiff"));
    ui::guardView(this);
    setRowCount(RowCount);
    setVerticalHeaderLabels({tr("Verdict"), tr("Confidence"), tr("Factors"), tr("Reasoning"),
                             tr("Proportionality"), tr("Analyst"), tr("Recorded")});
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setWordWrap(true);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    setToolTip(tr("Each revision side by side; highlighted values changed from the revision "
                  "before."));
}

void RevisionDiffView::setRevisions(const std::vector<Decision> &revisions)
{
    clearContents();
    setColumnCount(int(revisions.size()));
    QStringList headers;
    for (const Decision &d : revisions)
        headers << tr("Revision %1 (#%2)").arg(d.revision).arg(d.id);
    setHorizontalHeaderLabels(headers);
    const QColor highlight = palette().highlight().color().lighter(170);
    for (int c = 0; c < int(revisions.size()); ++c) {
        for (int r = 0; r < RowCount; ++r) {
            const QString text = fieldText(revisions[std::size_t(c)], r);
            auto *item = new QTableWidgetItem(text);
            const bool differs
                    = c > 0 && r != Time && text != fieldText(revisions[std::size_t(c - 1)], r);
            item->setData(kChanged, differs);
            if (differs) {
                item->setBackground(highlight);
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
                item->setToolTip(tr("Changed in this revision"));
            }
            setItem(r, c, item);
        }
    }
    resizeRowsToContents();
}

bool RevisionDiffView::changed(int row, int column) const
{
    const QTableWidgetItem *i = item(row, column);
    return i && i->data(kChanged).toBool();
}

} // namespace netcase
