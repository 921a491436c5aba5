#include "citenotesdialog.h"

#include "common/safetext.h"
#include "core/shownzone.h"
#include "core/timeutil.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace netcase {

namespace {

constexpr int kId = Qt::UserRole + 1; ///< an event id, or an entry's index

QTreeWidgetItem *groupItem(QTreeWidget *tree, const QString &text)
{
    auto *item = new QTreeWidgetItem(tree, {text});
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsAutoTristate);
    item->setCheckState(0, Qt::Unchecked);
    item->setExpanded(true);
    return item;
}

QTreeWidgetItem *checkItem(QTreeWidgetItem *parent, const QString &text, qlonglong id)
{
    auto *item = new QTreeWidgetItem(parent, {text});
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    item->setCheckState(0, Qt::Unchecked);
    item->setData(0, kId, id);
    return item;
}

std::vector<std::int64_t> checkedUnder(const QTreeWidgetItem *group)
{
    std::vector<std::int64_t> out;
    for (int i = 0; group && i < group->childCount(); ++i)
        if (group->child(i)->checkState(0) == Qt::Checked)
            out.push_back(group->child(i)->data(0, kId).toLongLong());
    return out;
}

} // namespace

CiteNotesDialog::CiteNotesDialog(const std::vector<citation::NotedGroup> &groups,
                                 const std::vector<Note> &entries,
                                 const std::map<std::int64_t, QString> &eventText,
                                 const QString &selectedFactor,
                                 QWidget *parent)
    : QDialog(parent)
    , m_groups(groups)
    , m_entries(entries)
    , m_tree(new QTreeWidget(this))
    , m_addToSelected(new QCheckBox(this))
{
    setObjectName(QStringLiteral("CiteNotesDialog"));
    setWindowTitle(tr("Cite noted events"));
    m_tree->setObjectName(QStringLiteral("notedEvents"));
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    ui::guardView(m_tree);
    m_addToSelected->setObjectName(QStringLiteral("addToSelected"));

    for (const citation::NotedGroup &g : m_groups) {
        const int n = int(g.events.size());
        QTreeWidgetItem *group
                = groupItem(m_tree, g.kind == Note::Kind::Star
                                            ? tr("★ Starred (%n event(s))", nullptr, n)
                                            : tr("Tag %1 (%n event(s))", nullptr, n).arg(g.tag));
        if (g.kind == Note::Kind::Tag)
            group->setForeground(0, QColor(g.color));
        group->setToolTip(
                0, tr("Cited as the factor \"%1\"").arg(citation::factorText(g.kind, g.tag)));
        for (std::int64_t id : g.events) {
            const auto it = eventText.find(id);
            checkItem(group,
                      tr("#%1  %2").arg(id).arg(it == eventText.end() ? tr("(not found)")
                                                                      : it->second),
                      id);
        }
    }
    if (!m_entries.empty()) {
        m_entriesItem
                = groupItem(m_tree, tr("Timeline entries (%n)", nullptr, int(m_entries.size())));
        m_entriesItem->setToolTip(0, tr("Each checked entry becomes a factor in its words."));
        for (size_t i = 0; i < m_entries.size(); ++i)
            checkItem(
                    m_entriesItem,
                    QStringLiteral("%1  %2").arg(shownSecond(m_entries[i].atUs), m_entries[i].text),
                    qlonglong(i));
    }

    auto *intro = ui::plainLabel(
            this, m_groups.empty() && m_entries.empty()
                          ? tr("No event is starred or tagged and there is no timeline entry "
                               "yet (star or tag events in the event table, add entries in the "
                               "Notes view).")
                          : tr("Check the events to cite. Each group becomes a factor whose "
                               "evidence is its checked events; a checked timeline entry "
                               "becomes a factor in its words. Reports list the cited events "
                               "with their lines."));
    intro->setWordWrap(true);
    m_addToSelected->setText(tr("Add the checked events to the evidence of the selected factor "
                                "\"%1\" instead")
                                     .arg(displaySafe(selectedFactor.left(80))));
    m_canAddToSelected = !selectedFactor.isEmpty();
    m_addToSelected->setVisible(m_canAddToSelected);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Cite"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("cite"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_tree, &QTreeWidget::itemChanged, this, &CiteNotesDialog::updateOk);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_addToSelected);
    layout->addWidget(buttons);
    resize(720, 420);
    updateOk();
}

std::vector<Factor> CiteNotesDialog::factors() const
{
    std::vector<Factor> out;
    if (!addToSelected())
        for (size_t i = 0; i < m_groups.size(); ++i)
            if (auto ids = checkedUnder(m_tree->topLevelItem(int(i))); !ids.empty())
                out.push_back(citation::citing(m_groups[i].kind, m_groups[i].tag, std::move(ids)));
    for (std::int64_t i : checkedUnder(m_entriesItem))
        out.push_back(citation::entryFactor(m_entries.at(size_t(i))));
    return out;
}

std::vector<std::int64_t> CiteNotesDialog::checkedEvents() const
{
    std::vector<std::int64_t> out;
    for (size_t i = 0; i < m_groups.size(); ++i) {
        const auto ids = checkedUnder(m_tree->topLevelItem(int(i)));
        out.insert(out.end(), ids.begin(), ids.end());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

bool CiteNotesDialog::addToSelected() const
{
    return m_canAddToSelected && m_addToSelected->isChecked();
}

void CiteNotesDialog::updateOk()
{
    const bool any = !checkedEvents().empty() || !checkedUnder(m_entriesItem).empty();
    if (auto *box = findChild<QDialogButtonBox *>())
        box->button(QDialogButtonBox::Ok)->setEnabled(any);
}

} // namespace netcase
