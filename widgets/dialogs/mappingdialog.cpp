#include "mappingdialog.h"

#include "api/inputstream.h"
#include "api/registry.h"
#include "case/eventjson.h"
#include "case/eventquery.h"
#include "cloud/jsonrecordimport.h"
#include "common/safetext.h"
#include "core/csv.h"
#include "tabular/csvreader.h"
#include "tabular/tabularmapping.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace netcase {

namespace {

constexpr int kPreviewRows = 50;

const QString kNone = QStringLiteral("—");

// Keeps what the importer produced for the preview, in file order.
class PreviewSink final : public RecordSink
{
public:
    struct Row
    {
        std::int64_t line;
        Event event;
        std::string reason; // non-empty for a reject
    };
    std::vector<Row> rows;

    void event(Event &&e, std::string_view) override
    {
        if (rows.size() < kPreviewRows)
            rows.push_back({e.line, std::move(e), {}});
    }
    void reject(std::int64_t line, RejectKind, std::string_view reason, std::string_view) override
    {
        if (rows.size() < kPreviewRows)
            rows.push_back({line, Event(), std::string(reason)});
    }
};

QStringList timeFormats()
{
    return {QStringLiteral("auto"),
            QStringLiteral("iso8601"),
            QStringLiteral("epoch"),
            QStringLiteral("epoch_ms"),
            QStringLiteral("epoch_us"),
            QStringLiteral("%d/%m/%Y %H:%M:%S"),
            QStringLiteral("%m/%d/%Y %I:%M:%S %p"),
            QStringLiteral("%Y-%m-%d %H:%M:%S"),
            QStringLiteral("%d/%b/%Y:%H:%M:%S %z"),
            QStringLiteral("%b %d %Y %H:%M:%S")};
}

} // namespace

MappingDialog::MappingDialog(const QString &format, const QByteArray &sample, QWidget *parent)
    : QDialog(parent)
    , m_format(format)
    , m_sample(sample)
{
    setWindowTitle(tr("Field mapping (%1)")
                           .arg(format == QLatin1String("csv") ? tr("CSV") : tr("JSON lines")));
    // The preview parses whole lines only: a sample cut inside a record would show a false
    // reject at its end.
    const int lastNewline = m_sample.lastIndexOf('\n');
    if (lastNewline > 0)
        m_sample.truncate(lastNewline + 1);

    m_savedCombo = new QComboBox(this);
    m_savedCombo->addItem(tr("(new mapping)"));
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("name to save it under in the case, e.g. vpn-export"));
    m_fields = new QTableWidget(this);
    ui::guardView(m_fields);
    m_timeFormat = new QComboBox(this);
    m_timeFormat->setObjectName(QStringLiteral("timestampFormat"));
    m_timeFormat->setEditable(true);
    m_timeFormat->addItems(timeFormats());
    m_timeFormat->setToolTip(tr("auto: ISO 8601 or epoch. A pattern uses %Y %y %m %d %e %H %I %M "
                                "%S %f %p %b %z %T."));
    m_timezone = new QComboBox(this);
    m_timezone->setObjectName(QStringLiteral("timezone"));
    m_timezone->setEditable(true);
    m_timezone->addItems({QStringLiteral("UTC"), QStringLiteral("Europe/London"),
                          QStringLiteral("Europe/Berlin"), QStringLiteral("America/New_York"),
                          QStringLiteral("America/Los_Angeles"), QStringLiteral("Asia/Tokyo")});
    m_timezone->setToolTip(tr("IANA zone for timestamps that carry no offset"));
    m_delimiter = new QComboBox(this);
    m_delimiter->addItem(tr("detect"), QString());
    m_delimiter->addItem(tr("comma  ,"), QStringLiteral(","));
    m_delimiter->addItem(tr("semicolon  ;"), QStringLiteral(";"));
    m_delimiter->addItem(tr("tab"), QStringLiteral("\\t"));
    m_delimiter->addItem(tr("pipe  |"), QStringLiteral("|"));
    m_delimiter->setEnabled(format == QLatin1String("csv"));
    m_category = new QLineEdit(this);
    m_category->setPlaceholderText(tr("event.category when no column gives it"));
    m_status = ui::plainLabel(this);
    m_status->setWordWrap(true);
    m_preview = new QTableWidget(this);
    ui::guardView(m_preview);
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->verticalHeader()->hide();
    m_preview->horizontalHeader()->setStretchLastSection(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Saved mappings"), m_savedCombo);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Timestamp format"), m_timeFormat);
    form->addRow(tr("Time zone"), m_timezone);
    form->addRow(tr("Delimiter"), m_delimiter);
    form->addRow(tr("Category"), m_category);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(form);
    leftLayout->addWidget(m_fields, 1);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(
            new QLabel(tr("Preview of the first rows, as they will be imported:"), right));
    rightLayout->addWidget(m_preview, 1);
    rightLayout->addWidget(m_status);

    auto *split = new QSplitter(this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 2);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    resize(1100, 640);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(150);
    connect(m_debounce, &QTimer::timeout, this, &MappingDialog::refreshPreview);
    auto later = [this] {
        if (!m_loading)
            m_debounce->start();
    };
    connect(m_timeFormat, &QComboBox::currentTextChanged, this, later);
    connect(m_timezone, &QComboBox::currentTextChanged, this, later);
    connect(m_delimiter, &QComboBox::currentIndexChanged, this, [this, later] {
        if (m_loading)
            return;
        const FieldMapping keep = mapping();
        loadSources(); // the columns depend on the delimiter
        buildFieldTable();
        setMapping(keep);
        later();
    });
    connect(m_category, &QLineEdit::textChanged, this, later);
    connect(m_savedCombo, &QComboBox::currentIndexChanged, this, &MappingDialog::loadSaved);

    loadSources();
    buildFieldTable();
    std::vector<std::string> names;
    for (const QString &s : std::as_const(m_sources))
        names.push_back(s.toStdString());
    const FieldMapping guessed = FieldMapping::guess(names);
    if (!guessed.fields.empty())
        m_guessNote = tr("Guessed from the column names: %1.")
                              .arg(QString::fromStdString(guessed.describe()));
    setMapping(guessed);
}

void MappingDialog::loadSources()
{
    m_sources.clear();
    const std::string sample = m_sample.toStdString();
    if (m_format == QLatin1String("csv")) {
        const QString d = m_delimiter->currentData().toString();
        const char delim = d.isEmpty()                 ? CsvReader::detectDelimiter(sample)
                           : d == QLatin1String("\\t") ? '\t'
                                                       : d.at(0).toLatin1();
        const size_t nl = sample.find('\n');
        std::string header = sample.substr(0, nl);
        if (header.rfind("\xEF\xBB\xBF", 0) == 0)
            header.erase(0, 3);
        std::vector<std::string_view> views;
        const auto fields = csv::splitLine(header, delim);
        for (const std::string &f : fields)
            views.emplace_back(f);
        for (const std::string &n : uniqueColumnNames(views))
            m_sources << QString::fromStdString(n);
    } else {
        std::set<std::string> paths;
        for (const auto &rec : sampleJson(sample, 20).records) {
            for (const std::string &p : rec) {
                if (p.find('=') == std::string::npos)
                    paths.insert(p);
            }
        }
        for (const std::string &p : paths)
            m_sources << QString::fromStdString(p);
    }
}

void MappingDialog::buildFieldTable()
{
    const auto &targets = FieldMapping::targets();
    m_fields->clear();
    m_fields->setColumnCount(2);
    m_fields->setHorizontalHeaderLabels({tr("ECS field"), tr("Source column")});
    m_fields->setRowCount(int(targets.size()));
    m_fields->verticalHeader()->hide();
    m_fields->horizontalHeader()->setStretchLastSection(true);
    for (int r = 0; r < int(targets.size()); ++r) {
        auto *name = new QTableWidgetItem(QString::fromStdString(targets[size_t(r)]));
        name->setFlags(Qt::ItemIsEnabled);
        m_fields->setItem(r, 0, name);
        auto *combo = new QComboBox(m_fields);
        combo->addItem(kNone);
        combo->addItems(m_sources);
        connect(combo, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_loading)
                m_debounce->start();
        });
        m_fields->setCellWidget(r, 1, combo);
    }
    m_fields->resizeColumnToContents(0);
}

void MappingDialog::setSavedMappings(const std::vector<FieldMapping> &saved)
{
    m_saved = saved;
    m_loading = true;
    while (m_savedCombo->count() > 1)
        m_savedCombo->removeItem(1);
    for (const FieldMapping &m : saved)
        m_savedCombo->addItem(m.name);
    m_loading = false;
}

void MappingDialog::loadSaved(int index)
{
    if (m_loading || index <= 0 || index > int(m_saved.size()))
        return;
    m_guessNote.clear(); // the mapping is no longer the guess
    setMapping(m_saved[size_t(index - 1)]);
}

void MappingDialog::setMapping(const FieldMapping &m)
{
    m_loading = true;
    m_name->setText(m.name);
    const auto &targets = FieldMapping::targets();
    for (int r = 0; r < int(targets.size()); ++r) {
        auto *combo = static_cast<QComboBox *>(m_fields->cellWidget(r, 1));
        const auto it = m.fields.find(targets[size_t(r)]);
        if (it == m.fields.end()) {
            combo->setCurrentIndex(0);
            continue;
        }
        const QString source = QString::fromStdString(it->second);
        if (combo->findText(source) < 0)
            combo->addItem(source); // a saved mapping may name a column this file lacks
        combo->setCurrentText(source);
    }
    m_timeFormat->setCurrentText(QString::fromStdString(m.timestampFormat));
    m_timezone->setCurrentText(m.timezone.empty() ? QStringLiteral("UTC")
                                                  : QString::fromStdString(m.timezone));
    if (m_format == QLatin1String("csv")) {
        const QString d = m.delimiter == '\t' ? QStringLiteral("\\t")
                          : m.delimiter       ? QString(QLatin1Char(m.delimiter))
                                              : QString();
        const int i = m_delimiter->findData(d);
        if (i >= 0 && i != m_delimiter->currentIndex()) {
            m_delimiter->setCurrentIndex(i);
            loadSources();
            buildFieldTable();
            m_loading = false;
            setMapping(m);
            return;
        }
    }
    m_category->setText(QString::fromStdString(m.category));
    m_loading = false;
    refreshPreview();
}

FieldMapping MappingDialog::mapping() const
{
    FieldMapping m;
    m.name = m_name->text().trimmed();
    const auto &targets = FieldMapping::targets();
    for (int r = 0; r < int(targets.size()); ++r) {
        const auto *combo = static_cast<QComboBox *>(m_fields->cellWidget(r, 1));
        if (combo && combo->currentIndex() > 0)
            m.fields[targets[size_t(r)]] = combo->currentText().toStdString();
    }
    m.timestampFormat = m_timeFormat->currentText().trimmed().toStdString();
    const QString tz = m_timezone->currentText().trimmed();
    if (tz != QLatin1String("UTC"))
        m.timezone = tz.toStdString();
    const QString d = m_delimiter->currentData().toString();
    if (m_format == QLatin1String("csv") && !d.isEmpty())
        m.delimiter = d == QLatin1String("\\t") ? '\t' : d.at(0).toLatin1();
    m.category = m_category->text().trimmed().toStdString();
    return m;
}

void MappingDialog::refreshPreview()
{
    m_preview->clear();
    m_preview->setRowCount(0);
    m_events = m_rejects = 0;
    const FieldMapping m = mapping();
    const QString problem = m.problem();
    if (!problem.isEmpty()) {
        ui::setPlainText(m_status, tr("Cannot import yet: %1.").arg(problem));
        return;
    }
    ImportOptions options;
    options.mapping = QString::fromStdString(m.toJson());
    PreviewSink sink;
    ParseContext ctx{options, sink};
    ctx.progress = [&sink](std::int64_t) {
        return sink.rows.size() < kPreviewRows;
    };
    auto in = memoryStream(m_sample.toStdString());
    const Status s = findImporter(m_format)->parse(*in, ctx);
    if (!s && s.error().code != ErrorCode::Cancelled) {
        ui::setPlainText(m_status, s.error().message);
        return;
    }

    // Columns: the line and status, then every ECS field any previewed event has.
    std::vector<std::vector<std::pair<std::string, std::string>>> flat;
    std::vector<std::string> columns;
    for (const auto &row : sink.rows) {
        EventRow er;
        er.event = row.event;
        auto fields = row.reason.empty() ? eventToFlatFields(er)
                                         : std::vector<std::pair<std::string, std::string>>();
        fields.erase(std::remove_if(fields.begin(), fields.end(),
                                    [](const auto &f) { return f.first.starts_with("netcase."); }),
                     fields.end());
        for (const auto &f : fields) {
            if (std::find(columns.begin(), columns.end(), f.first) == columns.end())
                columns.push_back(f.first);
        }
        flat.push_back(std::move(fields));
    }
    // Keep labels last: it is the widest.
    std::stable_partition(columns.begin(), columns.end(),
                          [](const std::string &c) { return c != "labels"; });
    QStringList headers = {tr("Line"), tr("Result")};
    for (const std::string &c : columns)
        headers << QString::fromStdString(c);
    m_preview->setColumnCount(int(headers.size()));
    m_preview->setHorizontalHeaderLabels(headers);
    m_preview->setRowCount(int(sink.rows.size()));
    const QColor rejectColor(255, 214, 214);
    for (int r = 0; r < int(sink.rows.size()); ++r) {
        const auto &row = sink.rows[size_t(r)];
        const bool rejected = !row.reason.empty();
        (rejected ? m_rejects : m_events)++;
        auto put = [&](int col, const QString &text) {
            auto *item = new QTableWidgetItem(text);
            if (rejected)
                item->setBackground(rejectColor);
            item->setToolTip(text);
            m_preview->setItem(r, col, item);
        };
        put(0, QString::number(row.line));
        put(1, rejected ? tr("rejected: %1").arg(QString::fromStdString(row.reason)) : tr("ok"));
        for (const auto &[key, value] : flat[size_t(r)]) {
            const auto it = std::find(columns.begin(), columns.end(), key);
            put(2 + int(it - columns.begin()), QString::fromStdString(value));
        }
    }
    m_preview->resizeColumnsToContents();
    for (int c = 0; c < m_preview->columnCount(); ++c)
        m_preview->setColumnWidth(c, std::min(m_preview->columnWidth(c), 260));
    ui::setPlainText(
            m_status,
            tr("%n event(s)", nullptr, m_events) + QStringLiteral(", ")
                    + tr("%n reject(s)", nullptr, m_rejects)
                    + tr(" in the first %1 rows of the sample.").arg(sink.rows.size())
                    + (m_guessNote.isEmpty() ? QString() : QStringLiteral("\n") + m_guessNote));
}

} // namespace netcase
