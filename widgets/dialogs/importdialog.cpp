#include "importdialog.h"

#include "api/registry.h"
#include "common/safetext.h"
#include "dialogs/mappingdialog.h"
#include "ingest/inputs.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace netcase {

namespace {

struct Sample
{
    QByteArray bytes;
    QString whyUndetected; ///< when no importer recognises them
};

// The first bytes of a file (of its first member for archives), as the import job detects.
Sample readFirstBytes(const QString &path)
{
    auto items = expandInputs({path});
    if (!items)
        return {{}, items.error().message};
    if (items->empty())
        return {{}, ImportDialog::tr("nothing to import in it")};
    auto sample = readSample(items->front());
    if (!sample)
        return {{}, sample.error().message};
    Sample s{QByteArray::fromStdString(*sample), {}};
    if (!detectFormat(*sample).importer)
        s.whyUndetected = undetectedReason(*sample, items->front().size > kSampleBytes,
                                           ImportDialog::tr("choose one under “Import as”"));
    return s;
}

bool needsMapping(const QString &format)
{
    return format == QLatin1String("csv") || format == QLatin1String("jsonl");
}

} // namespace

ImportDialog::ImportDialog(const QStringList &files, QWidget *parent)
    : QDialog(parent)
    , m_files(files)
{
    setWindowTitle(tr("Import %n file(s)", nullptr, int(files.size())));
    m_table = new QTableWidget(int(files.size()), 3, this);
    ui::guardView(m_table);
    m_table->setHorizontalHeaderLabels({tr("File"), tr("Detected"), tr("Import as")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);

    for (int r = 0; r < int(files.size()); ++r) {
        const QString &path = files[r];
        Sample sample = readFirstBytes(path);
        const Detection d = detectFormat(
                std::string_view(sample.bytes.constData(), size_t(sample.bytes.size())));
        const QString detected = d.importer ? d.importer->name() : QString();
        m_detected.push_back(detected);
        m_undetected.push_back(sample.whyUndetected);
        m_samples.push_back(std::move(sample.bytes));

        auto *name = new QTableWidgetItem(QFileInfo(path).fileName());
        name->setToolTip(path);
        m_table->setItem(r, 0, name);
        auto *found = new QTableWidgetItem(
                d.importer ? QStringLiteral("%1 (%2 %)").arg(d.importer->label()).arg(d.confidence)
                           : tr("not recognised"));
        found->setToolTip(sample.whyUndetected);
        m_table->setItem(r, 1, found);
        auto *combo = new QComboBox(m_table);
        combo->addItem(d.importer ? tr("as detected") : tr("choose a format"), QString());
        for (const auto &imp : importers())
            combo->addItem(imp->label(), imp->name());
        connect(combo, &QComboBox::currentIndexChanged, this, &ImportDialog::updateState);
        m_table->setCellWidget(r, 2, combo);
    }
    m_table->resizeColumnToContents(1);
    m_table->resizeColumnToContents(2);

    m_timezone = new QComboBox(this);
    m_timezone->setEditable(true);
    m_timezone->addItem(QStringLiteral("UTC"));
    const QString local = QString::fromUtf8(QTimeZone::systemTimeZoneId());
    if (!local.isEmpty() && local != QLatin1String("UTC"))
        m_timezone->addItem(local);
    m_timezone->setToolTip(tr("Zone for timestamps that carry no offset (recorded in the case)"));
    m_year = new QSpinBox(this);
    m_year->setRange(0, 2100);
    m_year->setSpecialValueText(tr("infer from the file"));
    m_year->setToolTip(tr("Year for syslog lines that have none (RFC 3164)"));
    m_mappingButton = new QPushButton(tr("Field mapping…"), this);
    m_mappingButton->setObjectName(QStringLiteral("fieldMapping"));
    connect(m_mappingButton, &QPushButton::clicked, this, &ImportDialog::editMapping);
    m_message = ui::plainLabel(this);
    m_message->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Time zone"), m_timezone);
    form->addRow(tr("Year (syslog)"), m_year);
    form->addRow(tr("CSV / JSON lines"), m_mappingButton);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    resize(820, 420);
    updateState();
}

QString ImportDialog::effectiveFormat(int row) const
{
    const auto *combo = static_cast<QComboBox *>(m_table->cellWidget(row, 2));
    const QString forced = combo ? combo->currentData().toString() : QString();
    return forced.isEmpty() ? m_detected[size_t(row)] : forced;
}

QString ImportDialog::forcedFormat() const
{
    // ImportOptions carries one format for the whole job: set it only when the user overrode a
    // file, and then every file must end up in that same format.
    bool anyForced = false;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const auto *combo = static_cast<QComboBox *>(m_table->cellWidget(r, 2));
        anyForced = anyForced || !combo->currentData().toString().isEmpty();
    }
    return anyForced && m_table->rowCount() > 0 ? effectiveFormat(0) : QString();
}

void ImportDialog::updateState()
{
    QStringList problems;
    bool mappable = false;
    QString forced;
    bool anyForced = false;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const QString f = effectiveFormat(r);
        const auto *combo = static_cast<QComboBox *>(m_table->cellWidget(r, 2));
        anyForced = anyForced || !combo->currentData().toString().isEmpty();
        if (f.isEmpty())
            problems << tr("%1: %2.").arg(m_table->item(r, 0)->text(), m_undetected[size_t(r)]);
        mappable = mappable || needsMapping(f);
    }
    if (anyForced) {
        const QString first = effectiveFormat(0);
        for (int r = 1; r < m_table->rowCount(); ++r) {
            if (effectiveFormat(r) != first) {
                problems << tr("With a format chosen by hand, all files of one import must be "
                               "read as the same format: import the others separately.");
                break;
            }
        }
    }
    m_mappingButton->setEnabled(mappable);
    if (mappable && !m_mapping)
        ui::setPlainText(m_message,
                         tr("CSV / JSON lines: the mapping is guessed from the column names "
                            "unless you set one with \"Field mapping…\"."));
    else if (m_mapping)
        ui::setPlainText(m_message,
                         tr("Field mapping set%1.")
                                 .arg(m_mapping->name.isEmpty()
                                              ? QString()
                                              : tr(" (\"%1\", saved in the case on import)")
                                                        .arg(m_mapping->name)));
    else
        m_message->clear();
    if (!problems.isEmpty())
        ui::setPlainText(m_message, problems.join(QLatin1Char('\n')));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problems.isEmpty());
}

void ImportDialog::editMapping()
{
    int row = -1;
    for (int r = 0; r < m_table->rowCount() && row < 0; ++r) {
        if (needsMapping(effectiveFormat(r)))
            row = r;
    }
    if (row < 0)
        return;
    MappingDialog dialog(effectiveFormat(row), m_samples[size_t(row)], this);
    dialog.setSavedMappings(m_saved);
    if (m_mapping)
        dialog.setMapping(*m_mapping);
    if (dialog.exec() == QDialog::Accepted) {
        m_mapping = dialog.mapping();
        updateState();
    }
}

ImportOptions ImportDialog::options() const
{
    ImportOptions o;
    o.format = forcedFormat();
    const QString tz = m_timezone->currentText().trimmed();
    o.timezone = tz.isEmpty() ? QStringLiteral("UTC") : tz;
    o.year = m_year->value();
    if (m_mapping)
        o.mapping = QString::fromStdString(m_mapping->toJson());
    return o;
}

} // namespace netcase
