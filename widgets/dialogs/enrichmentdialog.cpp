#include "enrichmentdialog.h"

#include "case/casesession.h"
#include "common/safetext.h"
#include "enrich/contextlist.h"
#include "enrich/enricher.h"
#include "enrich/ipinfo.h"
#include "enrich/sourceset.h"
#include "store/eventstats.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace netcase {

namespace {

enum Column { ColName, ColType, ColBuilt, ColSha, ColStatus, ColPath, ColCount };

// Where a row came from, so Remove edits the right settings list.
constexpr int kOriginRole = Qt::UserRole + 1;
constexpr int kSpecRole = Qt::UserRole + 2;

QTreeWidget *makeTable(QWidget *parent)
{
    auto *t = new QTreeWidget(parent);
    t->setRootIsDecorated(false);
    ui::guardView(t);
    t->setAlternatingRowColors(true);
    t->setHeaderLabels({EnrichmentDialog::tr("Source"), EnrichmentDialog::tr("Type"),
                        EnrichmentDialog::tr("Built"), EnrichmentDialog::tr("SHA-256"),
                        EnrichmentDialog::tr("Status"), EnrichmentDialog::tr("Path")});
    t->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->header()->setStretchLastSection(true);
    return t;
}

QTreeWidgetItem *sourceItem(const EnrichSource &s)
{
    auto *item = new QTreeWidgetItem;
    item->setText(ColName, s.name);
    QString type = s.type;
    if (!s.category.isEmpty())
        type += QStringLiteral(" · %1").arg(s.category);
    if (!s.note.isEmpty() && s.kind == QLatin1String("mmdb"))
        type += QStringLiteral(" (%1)").arg(s.note);
    item->setText(ColType, type);
    item->setText(ColBuilt, s.buildDate.isValid() ? s.buildDate.date().toString(Qt::ISODate)
                                                  : QStringLiteral("—"));
    item->setText(ColSha, s.sha256.left(16) + QStringLiteral("…"));
    item->setToolTip(ColSha, s.sha256);
    item->setText(ColPath, s.path);
    item->setToolTip(ColPath, s.path);
    if (s.stale) {
        item->setText(ColStatus, EnrichmentDialog::tr("⚠ stale"));
        item->setToolTip(ColStatus, s.staleness);
        item->setForeground(ColStatus, QColor(0xb0, 0x60, 0x00));
    } else {
        item->setText(ColStatus, EnrichmentDialog::tr("ok"));
    }
    return item;
}

} // namespace

EnrichmentDialog::EnrichmentDialog(CaseSession *session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_settings(GeodataSettings::load())
    , m_job([this](Result<QString> r) { onDone(r ? *r : r.error().message, r.ok()); },
            [this](int percent) { onProgress(percent); })
{
    setWindowTitle(tr("Enrichment sources"));
    resize(920, 560);
    auto *layout = new QVBoxLayout(this);

    m_notice = ui::plainLabel(this);
    m_notice->setWordWrap(true);
    layout->addWidget(m_notice);

    auto *available = new QGroupBox(tr("Databases and lists used for enrichment"), this);
    auto *al = new QVBoxLayout(available);
    m_sources = makeTable(available);
    al->addWidget(m_sources);
    auto *buttons = new QHBoxLayout;
    auto *addDb = new QPushButton(tr("Add database…"), available);
    auto *addAsn = new QPushButton(tr("Add ASN CSV…"), available);
    auto *addList = new QPushButton(tr("Add list…"), available);
    m_remove = new QPushButton(tr("Remove"), available);
    m_usual = new QCheckBox(
            tr("Also use databases found in %1").arg(usualGeodataDirs().join(QLatin1String(", "))),
            available);
    m_usual->setChecked(m_settings.searchUsualPlaces);
    buttons->addWidget(addDb);
    buttons->addWidget(addAsn);
    buttons->addWidget(addList);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    al->addLayout(buttons);
    al->addWidget(m_usual);
    layout->addWidget(available, 3);

    auto *recorded = new QGroupBox(tr("Recorded in this case"), this);
    auto *rl = new QVBoxLayout(recorded);
    m_recorded = makeTable(recorded);
    rl->addWidget(m_recorded);
    layout->addWidget(recorded, 2);

    auto *bottom = new QHBoxLayout;
    m_reEnrich = new QPushButton(tr("Re-enrich case"), this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 100);
    m_progress->setVisible(false);
    m_status = ui::plainLabel(this);
    m_status->setWordWrap(true);
    auto *box = new QDialogButtonBox(QDialogButtonBox::Close, this);
    bottom->addWidget(m_reEnrich);
    bottom->addWidget(m_progress, 1);
    bottom->addWidget(m_status, 2);
    bottom->addWidget(box);
    layout->addLayout(bottom);

    connect(addDb, &QPushButton::clicked, this, &EnrichmentDialog::addDatabase);
    connect(addAsn, &QPushButton::clicked, this, &EnrichmentDialog::addAsnCsv);
    connect(addList, &QPushButton::clicked, this, &EnrichmentDialog::addList);
    connect(m_remove, &QPushButton::clicked, this, &EnrichmentDialog::removeSelected);
    connect(m_usual, &QCheckBox::toggled, this, [this](bool on) {
        m_settings.searchUsualPlaces = on;
        m_settings.save();
        refresh();
    });
    connect(m_sources, &QTreeWidget::itemSelectionChanged, this, [this] {
        const auto sel = m_sources->selectedItems();
        m_remove->setEnabled(!sel.isEmpty()
                             && sel.first()->data(0, kOriginRole).toString()
                                        != QLatin1String("found"));
    });
    connect(m_reEnrich, &QPushButton::clicked, this, &EnrichmentDialog::reEnrich);
    connect(box, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_remove->setEnabled(false);
    refresh();
}

// The worker holds its own connection; the runner stops it and waits, so it never outlives
// the dialog.
EnrichmentDialog::~EnrichmentDialog() = default;

void EnrichmentDialog::refresh()
{
    m_sources->clear();
    QStringList configured;
    const QList<SourceSpec> specs = specsFrom(m_settings);
    for (const SourceSpec &s : specs)
        configured << QFileInfo(s.path).absoluteFilePath();
    QList<SourceSpec> all = specs;
    if (m_settings.searchUsualPlaces)
        for (const SourceSpec &s : discoveredSources())
            if (!configured.contains(s.path))
                all << s;

    const EventStoreStats stats = m_session ? eventStoreStats(m_session->db()) : EventStoreStats{};
    const qint64 lastEvent = stats.events > 0 ? stats.lastTs : -1;
    bool geo = false;
    for (const SourceSpec &spec : all) {
        const QString abs = QFileInfo(spec.path).absoluteFilePath();
        const bool found = !configured.contains(abs);
        // One source at a time so a refusal is shown on its own row.
        const SourceSet one = SourceSet::load({spec});
        QTreeWidgetItem *item;
        if (!one.sources().isEmpty()) {
            EnrichSource s = one.sources().first();
            judgeStaleness(s, lastEvent);
            item = sourceItem(s);
            geo = geo || one.hasGeolocation();
        } else {
            item = new QTreeWidgetItem;
            item->setText(ColName, QFileInfo(spec.path).fileName());
            const QString why = one.refused().value(0);
            // The reason goes last (the stretching column) so the other columns stay visible.
            item->setText(ColPath, QStringLiteral("%1 — %2").arg(spec.path, why));
            item->setToolTip(ColPath, why);
            item->setText(ColStatus, tr("✖ refused"));
            item->setToolTip(ColStatus, why);
            item->setText(ColType, tr("not used"));
            item->setForeground(ColStatus, QColor(0xb0, 0x00, 0x20));
        }
        if (found)
            item->setText(ColName, item->text(ColName) + tr(" (found)"));
        item->setData(0, kOriginRole, found ? QStringLiteral("found") : QStringLiteral("set"));
        item->setData(0, kSpecRole, spec.path);
        m_sources->addTopLevelItem(item);
    }
    ui::setPlainText(
            m_notice,
            geo ? tr("Several databases combine: for each value, the first source in this list "
                     "that has it is used, and the case records which one.")
                : tr("<b>No geolocation database.</b> Netcase works without one, but addresses "
                     "get no country, city or coordinates. Add a MaxMind DB file (GeoLite2, "
                     "DB-IP Lite, IPinfo Lite) or run scripts/fetch-geodata.sh."));
    fillCaseSources();
    m_reEnrich->setEnabled(m_session && !m_session->readOnly() && !running());
}

void EnrichmentDialog::fillCaseSources()
{
    m_recorded->clear();
    if (!m_session) {
        m_recorded->setEnabled(false);
        return;
    }
    for (const EnrichSource &s : enrichmentSources(m_session->db()))
        m_recorded->addTopLevelItem(sourceItem(s));
}

void EnrichmentDialog::addDatabase()
{
    const QStringList files
            = QFileDialog::getOpenFileNames(this, tr("Add MaxMind DB files"), QDir::homePath(),
                                            tr("MaxMind DB (*.mmdb);;All files (*)"));
    for (const QString &f : files)
        if (!m_settings.databases.contains(f))
            m_settings.databases << f;
    m_settings.save();
    refresh();
}

void EnrichmentDialog::addAsnCsv()
{
    const QStringList files
            = QFileDialog::getOpenFileNames(this, tr("Add ASN range CSV files"), QDir::homePath(),
                                            tr("CSV (*.csv);;All files (*)"));
    for (const QString &f : files)
        if (!m_settings.asnCsv.contains(f))
            m_settings.asnCsv << f;
    m_settings.save();
    refresh();
}

void EnrichmentDialog::addList()
{
    const QString file = QFileDialog::getOpenFileName(
            this, tr("Add a context list"), QDir::homePath(),
            tr("Lists (*.txt *.csv *.netset *.ipset *.list);;All files (*)"));
    if (file.isEmpty())
        return;
    QStringList choices{tr("(from the file's header)")};
    choices << ContextList::categories();
    bool ok = false;
    const QString choice = QInputDialog::getItem(
            this, tr("List category"), tr("What does this list hold?"), choices, 0, false, &ok);
    if (!ok)
        return;
    m_settings.lists << (choice == choices.first() ? file : choice + QLatin1Char('=') + file);
    m_settings.save();
    refresh();
}

void EnrichmentDialog::removeSelected()
{
    const auto sel = m_sources->selectedItems();
    if (sel.isEmpty())
        return;
    const QString path = sel.first()->data(0, kSpecRole).toString();
    m_settings.databases.removeAll(path);
    m_settings.asnCsv.removeAll(path);
    for (int i = m_settings.lists.size() - 1; i >= 0; --i) {
        QString cat, p;
        ContextList::splitSpec(m_settings.lists[i], cat, p);
        if (p == path)
            m_settings.lists.removeAt(i);
    }
    m_settings.save();
    refresh();
}

void EnrichmentDialog::reEnrich()
{
    if (!m_session || m_session->readOnly() || running())
        return;
    auto conn = m_session->openWorkerConnection();
    if (!conn) {
        onDone(conn.error().message, false);
        return;
    }
    m_reEnrich->setEnabled(false);
    m_progress->setValue(0);
    m_progress->setVisible(true);
    ui::setPlainText(m_status, tr("Enriching…"));
    const QList<SourceSpec> specs = configuredSources();
    auto worker = std::make_shared<CaseFile>(std::move(*conn));
    m_job.start([worker, specs](JobContext<int> &job) -> Result<QString> {
        const SourceSet sources = SourceSet::load(specs);
        auto sum = enrichCase(
                worker->db(), sources, EnrichOptions{},
                [&job](qint64 done, qint64 total) {
                    job.progress(total > 0 ? int(100 * done / total) : 100);
                },
                &job.cancelFlag());
        if (!sum)
            return sum.error();
        QString message = sum->text();
        for (const QString &w : sum->warnings)
            message += QStringLiteral("\n⚠ ") + w;
        return message;
    });
}

void EnrichmentDialog::onProgress(int percent)
{
    m_progress->setValue(percent);
}

void EnrichmentDialog::onDone(const QString &message, bool ok)
{
    m_progress->setVisible(false);
    ui::setPlainText(m_status, message);
    m_status->setToolTip(message);
    if (ok && m_session)
        m_session->notifyChanged();
    refresh();
    Q_EMIT finished(ok, message);
}

} // namespace netcase
