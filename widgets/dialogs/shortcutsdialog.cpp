#include "shortcutsdialog.h"

#include "common/safetext.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QRegularExpression>
#include <QShortcut>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace netcase {

namespace {

struct Row
{
    QString keys;
    QString what;
};

QString withoutMnemonic(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("&(?!&)")));
    return text.replace(QStringLiteral("&&"), QStringLiteral("&")).remove(QChar(0x2026));
}

QString keysText(const QList<QKeySequence> &keys)
{
    QStringList parts;
    for (const QKeySequence &k : keys)
        parts << k.toString(QKeySequence::NativeText);
    return parts.join(QStringLiteral(", "));
}

std::vector<Row> collect(QWidget *window)
{
    std::vector<Row> rows;
    auto add = [&rows](const QString &keys, QString what) {
        if (keys.isEmpty() || what.isEmpty())
            return;
        for (const Row &r : rows)
            if (r.keys == keys && r.what == what)
                return;
        rows.push_back({keys, std::move(what)});
    };
    for (QAction *a : window->findChildren<QAction *>()) {
        add(keysText(a->shortcuts()), withoutMnemonic(a->text()));
    }
    for (QShortcut *s : window->findChildren<QShortcut *>()) {
        const auto *owner = qobject_cast<const QWidget *>(s->parent());
        const QString what = !s->whatsThis().isEmpty() ? s->whatsThis()
                             : owner && !owner->toolTip().isEmpty()
                                     ? owner->toolTip().section(QLatin1Char('.'), 0, 0)
                                     : s->objectName();
        add(keysText(s->keys()), what);
    }
    std::sort(rows.begin(), rows.end(),
              [](const Row &a, const Row &b) { return a.what.localeAwareCompare(b.what) < 0; });
    return rows;
}

} // namespace

ShortcutsDialog::ShortcutsDialog(QWidget *window)
    : QDialog(window)
    , m_table(new QTableWidget(this))
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard shortcuts"));
    const std::vector<Row> rows = collect(window);
    m_table->setObjectName(QStringLiteral("shortcutsTable"));
    m_table->setColumnCount(2);
    m_table->setHorizontalHeaderLabels({tr("Keys"), tr("Does")});
    m_table->setRowCount(int(rows.size()));
    for (int i = 0; i < int(rows.size()); ++i) {
        m_table->setItem(i, 0, new QTableWidgetItem(rows[size_t(i)].keys));
        m_table->setItem(i, 1, new QTableWidgetItem(rows[size_t(i)].what));
    }
    ui::guardView(m_table);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->resizeColumnsToContents();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(ui::plainLabel(
            this, tr("Shortcuts work while the Netcase window is active; a view's own keys "
                     "(arrows, +/−, 0) work while it has the focus.")));
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(560, 520);
}

} // namespace netcase
