#include "userguidedialog.h"

#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace netcase {

UserGuideDialog::UserGuideDialog(QWidget *parent)
    : QDialog(parent)
    , m_browser(new QTextBrowser(this))
    , m_find(new QLineEdit(this))
{
    setObjectName(QStringLiteral("userGuide"));
    setWindowTitle(tr("Netcase user guide"));
    m_browser->setObjectName(QStringLiteral("userGuideText"));
    m_browser->setOpenExternalLinks(false);
    QFile guide(QStringLiteral(":/help/userguide.md"));
    if (guide.open(QIODevice::ReadOnly))
        m_browser->setMarkdown(QString::fromUtf8(guide.readAll()));
    else
        m_browser->setPlainText(tr("The user guide is missing from this build."));

    m_find->setObjectName(QStringLiteral("userGuideFind"));
    m_find->setPlaceholderText(tr("Find in the guide (Enter for the next)"));
    m_find->setClearButtonEnabled(true);
    connect(m_find, &QLineEdit::returnPressed, this, [this] { find(m_find->text()); });

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("&Find:"), this));
    static_cast<QLabel *>(bar->itemAt(0)->widget())->setBuddy(m_find);
    bar->addWidget(m_find, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_browser, 1);
    resize(720, 640);
}

QString UserGuideDialog::text() const
{
    return m_browser->toPlainText();
}

bool UserGuideDialog::find(const QString &text)
{
    if (text.isEmpty())
        return false;
    if (m_browser->find(text))
        return true;
    m_browser->moveCursor(QTextCursor::Start); // wrap once
    return m_browser->find(text);
}

} // namespace netcase
