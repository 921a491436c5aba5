#include "timezoneaction.h"

#include "casecontroller.h"

#include "case/casesession.h"
#include "case/casezone.h"
#include "common/safetext.h"
#include "core/identity.h"
#include "core/shownzone.h"

#include <QAction>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QTimeZone>

#include <algorithm>

namespace netcase {

TimeZoneAction::TimeZoneAction(QWidget *window, CaseController &controller, QMenu *caseMenu)
    : QObject(window)
    , m_window(window)
    , m_controller(controller)
    , m_action(caseMenu->addAction(tr("Time &zone…")))
{
    m_action->setObjectName(QStringLiteral("caseTimeZone"));
    connect(m_action, &QAction::triggered, this, &TimeZoneAction::chooseInteractive);
    connect(&controller, &CaseController::caseOpened, this, &TimeZoneAction::caseOpened);
    connect(&controller, &CaseController::caseClosed, this, [this] {
        ShownZone::set(QTimeZone::utc());
        update();
    });
    update();
}

void TimeZoneAction::caseOpened()
{
    if (CaseSession *s = m_controller.session())
        showCaseTimeZone(s->db());
    update();
}

void TimeZoneAction::update()
{
    CaseSession *s = m_controller.session();
    m_action->setEnabled(s && !s->readOnly());
    m_action->setToolTip(tr("Times are shown in %1. Stored times and data exports stay UTC.")
                                 .arg(ShownZone::name()));
}

Status TimeZoneAction::apply(const QString &zone)
{
    CaseSession *s = m_controller.session();
    if (!s)
        return makeError(tr("No case is open."), ErrorCode::Usage);
    if (s->readOnly())
        return makeError(tr("The case is open read-only: the time zone was not changed."),
                         ErrorCode::Usage);
    auto parsed = parseTimeZone(zone);
    if (!parsed)
        return parsed.error();
    if (Status st = setCaseTimeZone(s->db(), *parsed, currentUserName()); !st.ok())
        return st;
    showCaseTimeZone(s->db());
    update();
    s->notifyChanged();
    return {};
}

void TimeZoneAction::chooseInteractive()
{
    QStringList zones = {QStringLiteral("UTC")};
    const auto ids = QTimeZone::availableTimeZoneIds();
    for (const QByteArray &id : ids)
        if (id.contains('/'))
            zones << QString::fromUtf8(id);
    std::sort(zones.begin() + 1, zones.end());
    const QString current = ShownZone::name();
    bool ok = false;
    const QString chosen = QInputDialog::getItem(
            m_window, tr("Time zone"),
            tr("Show this case's times in (stored times and data exports stay UTC; the choice "
               "is recorded in the audit trail):"),
            zones, std::max<int>(0, int(zones.indexOf(current))), true, &ok);
    if (!ok || chosen.trimmed() == current)
        return;
    if (Status st = apply(chosen); !st.ok())
        ui::showMessage(m_window, QMessageBox::Warning, tr("Time zone"), st.error().message);
}

} // namespace netcase
