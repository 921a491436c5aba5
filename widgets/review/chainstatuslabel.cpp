#include "chainstatuslabel.h"

#include "audit/trailcheck.h"
#include "case/casesession.h"

namespace netcase {

ChainStatusLabel::ChainStatusLabel(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("statusChain"));
    setTextFormat(Qt::PlainText);
}

void ChainStatusLabel::setSession(CaseSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (session)
        connect(session, &CaseSession::changed, this, &ChainStatusLabel::refresh);
    refresh();
}

void ChainStatusLabel::refresh()
{
    if (!m_session) {
        m_intact = true;
        clear();
        setToolTip({});
        return;
    }
    const TrailCheck t = TrailCheck::run(m_session->db());
    m_intact = t.intact();
    if (t.intact())
        setText(tr("Audit chain intact (%n record(s))", nullptr, int(t.chain.records)));
    else if (!t.chain.intact)
        setText(tr("Audit chain BROKEN at record %1").arg(t.chain.firstBadSeq));
    else
        setText(tr("Audit trail DAMAGED"));
    setStyleSheet(m_intact ? QString() : QStringLiteral("color: #b00020; font-weight: bold"));
    setMinimumWidth(sizeHint().width()); // a crowded status bar must not squeeze it to a letter
    QString tip = t.summary();
    if (t.problems.size() > 1)
        tip += QLatin1Char('\n') + t.problems.join(QLatin1Char('\n'));
    setToolTip(tip);
}

} // namespace netcase
