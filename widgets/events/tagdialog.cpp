#include "tagdialog.h"

#include "case/notestore.h"
#include "common/safetext.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>

namespace netcase {

TagDialog::TagDialog(const QStringList &tags, int events, QWidget *parent)
    : QDialog(parent)
    , m_tag(new QComboBox(this))
    , m_color(new QComboBox(this))
{
    setObjectName(QStringLiteral("tagDialog"));
    setWindowTitle(tr("Tag %n event(s)", nullptr, events));
    m_tag->setObjectName(QStringLiteral("tagText"));
    m_tag->setEditable(true);
    m_tag->setInsertPolicy(QComboBox::NoInsert);
    m_tag->addItems(tags);
    m_tag->setCurrentIndex(-1);
    m_tag->lineEdit()->setPlaceholderText(tr("phishing, case-42, reviewed…"));
    ui::guardView(m_tag->view());
    m_color->setObjectName(QStringLiteral("tagColor"));
    m_color->addItem(tr("automatic"), QString());
    for (const QString &c : notes::colorNames())
        m_color->addItem(c, c);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Tag"), m_tag);
    form->addRow(tr("Colour"), m_color);
    form->addRow(buttons);
}

QString TagDialog::tag() const
{
    return m_tag->currentText().trimmed();
}

QString TagDialog::color() const
{
    return m_color->currentData().toString();
}

} // namespace netcase
