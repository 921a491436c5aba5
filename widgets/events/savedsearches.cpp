#include "savedsearches.h"

#include "case/casesession.h"
#include "case/savedsearches.h"
#include "core/identity.h"
#include "query/eventsearch.h"
#include "searchbar.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>

namespace netcase {

SavedSearchButton::SavedSearchButton(SearchBar *search, QWidget *parent)
    : QToolButton(parent)
    , m_search(search)
    , m_menu(new QMenu(this))
{
    setObjectName(QStringLiteral("savedSearches"));
    setText(tr("Saved"));
    setToolTip(tr("Named searches stored in the case"));
    setPopupMode(QToolButton::InstantPopup);
    m_menu->setObjectName(QStringLiteral("savedSearchMenu"));
    setMenu(m_menu);
    connect(m_menu, &QMenu::aboutToShow, this, &SavedSearchButton::fillMenu);
    fillMenu();
}

void SavedSearchButton::setSession(CaseSession *session)
{
    m_session = session;
    setEnabled(session != nullptr);
    fillMenu();
}

void SavedSearchButton::fillMenu()
{
    m_menu->clear();
    const bool writable = m_session && !m_session->readOnly();
    QAction *save = m_menu->addAction(tr("Save this search…"));
    save->setObjectName(QStringLiteral("saveSearch"));
    save->setEnabled(writable && !m_search->edit()->text().trimmed().isEmpty());
    if (!writable && m_session)
        save->setToolTip(m_session->reviewMode() ? tr("Review mode: read-only")
                                                 : tr("The case is read-only"));
    connect(save, &QAction::triggered, this, &SavedSearchButton::askName);
    if (!m_session)
        return;
    const auto all = SavedSearches::all(m_session->db());
    if (!all.empty())
        m_menu->addSeparator();
    QMenu *remove = nullptr;
    for (const SavedSearch &s : all) {
        // Menu texts are plain: & would be a mnemonic.
        const QString label = QString(s.name).replace(QLatin1Char('&'), QLatin1String("&&"));
        QAction *a = m_menu->addAction(label);
        a->setObjectName(QStringLiteral("saved:") + s.name);
        a->setToolTip(s.query);
        const QString query = s.query;
        connect(a, &QAction::triggered, this, [this, query] { m_search->setQuery(query); });
        if (writable) {
            if (!remove) {
                remove = new QMenu(tr("Delete"), m_menu);
                remove->setObjectName(QStringLiteral("deleteSavedSearch"));
            }
            const QString name = s.name;
            QAction *d = remove->addAction(label);
            connect(d, &QAction::triggered, this, [this, name] {
                if (m_session && !m_session->readOnly()) {
                    if (Status st = SavedSearches::remove(m_session->caseFile().db(), name,
                                                          currentUserName());
                        !st)
                        Q_EMIT message(st.error().message);
                    m_session->notifyNotesChanged();
                }
            });
        }
    }
    if (remove) {
        m_menu->addSeparator();
        m_menu->addMenu(remove);
    }
}

bool SavedSearchButton::save(const QString &name)
{
    if (!m_session || m_session->readOnly())
        return false;
    const QString query = m_search->edit()->text().trimmed();
    EventFilter probe;
    if (auto err = query::applyQuery(query.toStdString(), probe)) {
        Q_EMIT message(
                tr("The search does not parse: %1").arg(QString::fromStdString(err->message)));
        return false;
    }
    if (Status s = SavedSearches::save(m_session->caseFile().db(), name, query, currentUserName());
        !s) {
        Q_EMIT message(tr("Search not saved: %1").arg(s.error().message));
        return false;
    }
    m_session->notifyNotesChanged();
    Q_EMIT message(tr("Search saved as %1").arg(name.trimmed()));
    return true;
}

void SavedSearchButton::askName()
{
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("saveSearchDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Save search"));
    dialog->setLabelText(tr("Name:"));
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &name) {
        if (!name.trimmed().isEmpty())
            save(name);
    });
    dialog->open();
}

} // namespace netcase
