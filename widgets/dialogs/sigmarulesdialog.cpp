#include "sigmarulesdialog.h"

#include "common/safetext.h"
#include "sigma/sigmaload.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace netcase {

SigmaRulesDialog::SigmaRulesDialog(const QStringList &folders, bool readOnly, QWidget *parent)
    : QDialog(parent)
    , m_readOnly(readOnly)
    , m_path(new QLineEdit(this))
    , m_add(new QPushButton(tr("&Add"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_list(new QTreeWidget(this))
    , m_unsupported(new QTreeWidget(this))
    , m_status(ui::plainLabel(this))
{
    setWindowTitle(tr("Sigma rules"));
    for (const QString &f : folders)
        if (!m_folders.contains(QDir(f).absolutePath()))
            m_folders << QDir(f).absolutePath();

    auto *intro = ui::plainLabel(
            this, tr("Folders of Sigma rules (YAML) the case's analysis evaluates. Rules whose log "
                     "source Netcase does not import, or that use a feature it does not support, "
                     "are skipped and listed below with the reason."));
    intro->setWordWrap(true);
    m_path->setObjectName(QStringLiteral("sigmaFolderPath"));
    m_path->setPlaceholderText(tr("Folder of rules"));
    m_add->setObjectName(QStringLiteral("sigmaAddFolder"));
    m_remove->setObjectName(QStringLiteral("sigmaRemoveFolder"));
    auto *browseButton = new QPushButton(tr("&Browse…"), this);
    browseButton->setObjectName(QStringLiteral("sigmaBrowse"));
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);
    pathRow->addWidget(m_add);
    pathRow->addWidget(m_remove);

    m_list->setObjectName(QStringLiteral("sigmaFolders"));
    m_list->setHeaderLabels({tr("Folder"), tr("Rules"), tr("Correlations"), tr("Unsupported")});
    m_list->setRootIsDecorated(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setStretchLastSection(false);
    ui::guardView(m_list);
    m_unsupported->setObjectName(QStringLiteral("sigmaUnsupported"));
    m_unsupported->setHeaderLabels({tr("Rule file"), tr("Title"), tr("Why it is skipped")});
    m_unsupported->setRootIsDecorated(false);
    ui::guardView(m_unsupported);
    m_status->setObjectName(QStringLiteral("sigmaStatus"));

    auto *buttons = new QDialogButtonBox(
            readOnly ? QDialogButtonBox::Close : QDialogButtonBox::Save | QDialogButtonBox::Cancel,
            this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(pathRow);
    layout->addWidget(m_list, 1);
    layout->addWidget(ui::plainLabel(this, tr("Rules skipped")));
    layout->addWidget(m_unsupported, 2);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    for (QWidget *w : {static_cast<QWidget *>(m_path), static_cast<QWidget *>(browseButton),
                       static_cast<QWidget *>(m_add), static_cast<QWidget *>(m_remove)})
        w->setEnabled(!readOnly);
    connect(m_add, &QPushButton::clicked, this, &SigmaRulesDialog::addFromField);
    connect(m_path, &QLineEdit::returnPressed, this, &SigmaRulesDialog::addFromField);
    connect(m_remove, &QPushButton::clicked, this, &SigmaRulesDialog::removeSelected);
    connect(browseButton, &QPushButton::clicked, this, &SigmaRulesDialog::browse);
    resize(760, 520);
    refresh();
}

void SigmaRulesDialog::browse()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder of Sigma rules"));
    if (!dir.isEmpty())
        m_path->setText(dir);
}

void SigmaRulesDialog::addFromField()
{
    const QString text = m_path->text().trimmed();
    if (text.isEmpty())
        return;
    const QString path = QDir(text).absolutePath();
    if (!QFileInfo(path).isDir()) {
        ui::setPlainText(m_status, tr("Not a folder: %1").arg(path));
        return;
    }
    if (m_folders.contains(path)) {
        ui::setPlainText(m_status, tr("Already listed: %1").arg(path));
        return;
    }
    m_folders << path;
    m_path->clear();
    refresh();
}

void SigmaRulesDialog::removeSelected()
{
    const QTreeWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    m_folders.removeAll(item->data(0, Qt::UserRole).toString());
    refresh();
}

void SigmaRulesDialog::refresh()
{
    m_list->clear();
    m_unsupported->clear();
    std::size_t rules = 0, skipped = 0;
    for (const QString &folder : m_folders) {
        // Each folder alone, so its counts are its own.
        const sigma::RuleSet set = sigma::loadFolders({folder});
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(0, folder);
        item->setData(0, Qt::UserRole, folder);
        item->setText(1, QString::number(set.rules.size()));
        item->setText(2, QString::number(set.correlations.size()));
        item->setText(3, QString::number(set.unsupported.size()));
        for (int c = 1; c < 4; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        rules += set.rules.size() + set.correlations.size();
        skipped += set.unsupported.size();
        const QDir base(folder);
        for (const sigma::Unsupported &u : set.unsupported) {
            auto *row = new QTreeWidgetItem(m_unsupported);
            const QString path = QString::fromStdString(u.path);
            row->setText(0, path.startsWith(folder) ? base.relativeFilePath(path) : path);
            row->setToolTip(0, path);
            row->setText(1, QString::fromStdString(u.title));
            row->setText(2, QString::fromStdString(u.reason));
            row->setToolTip(2, QString::fromStdString(u.reason));
        }
    }
    m_list->resizeColumnToContents(1);
    m_list->resizeColumnToContents(2);
    m_list->resizeColumnToContents(3);
    m_unsupported->resizeColumnToContents(0);
    m_unsupported->resizeColumnToContents(1);
    m_remove->setEnabled(!m_readOnly && !m_folders.isEmpty());
    ui::setPlainText(m_status, m_folders.isEmpty()
                                       ? tr("No folders: the analysis runs the built-in "
                                            "detections only.")
                                       : tr("%1 rule(s) loaded from %2 folder(s), %3 skipped.")
                                                 .arg(rules)
                                                 .arg(m_folders.size())
                                                 .arg(skipped));
}

} // namespace netcase
