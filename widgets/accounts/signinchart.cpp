#include "signinchart.h"

#include "core/shownzone.h"
#include "core/timeutil.h"
#include "items/accountcontext.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace netcase {

SignInChart::SignInChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("signInChart"));
    setMouseTracking(true);
    setAccessibleName(tr("Sign-in history"));
    setToolTip(tr("Events of the account over time: bar height is the event count per time "
                  "bucket; blue successes, vermillion failures, grey other or unknown outcome."));
}

QColor SignInChart::successColor()
{
    return QColor(0x00, 0x72, 0xB2);
}
QColor SignInChart::failureColor()
{
    return QColor(0xD5, 0x5E, 0x00);
}

void SignInChart::setContext(const AccountContext *c)
{
    m_success = c ? c->bucketSuccess : std::vector<std::int64_t>();
    m_failure = c ? c->bucketFailure : std::vector<std::int64_t>();
    m_other = c ? c->bucketOther : std::vector<std::int64_t>();
    m_firstTs = c ? c->firstTs : 0;
    m_bucketUs = c ? c->bucketUs : 0;
    update();
}

QSize SignInChart::sizeHint() const
{
    return {360, fontMetrics().height() * 7};
}

QSize SignInChart::minimumSizeHint() const
{
    return {160, fontMetrics().height() * 5};
}

QRectF SignInChart::plotRect() const
{
    const int fh = fontMetrics().height();
    return QRectF(rect()).adjusted(4, fh + 4, -4, -fh - 4);
}

int SignInChart::bucketAt(QPoint pos) const
{
    const QRectF r = plotRect();
    if (m_success.empty() || !r.contains(pos))
        return -1;
    return std::clamp(int((pos.x() - r.left()) / r.width() * double(m_success.size())), 0,
                      int(m_success.size()) - 1);
}

void SignInChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    QColor text = palette().color(QPalette::Text);
    p.setPen(text);
    const int fh = fontMetrics().height();
    if (m_success.empty()) {
        p.drawText(rect(), Qt::AlignCenter, tr("No events for this account."));
        return;
    }
    std::int64_t peak = 1;
    for (size_t i = 0; i < m_success.size(); ++i)
        peak = std::max(peak, m_success[i] + m_failure[i] + m_other[i]);
    const QRectF r = plotRect();
    const double w = r.width() / double(m_success.size());
    for (size_t i = 0; i < m_success.size(); ++i) {
        double y = r.bottom();
        const double x = r.left() + w * double(i);
        auto bar = [&](std::int64_t n, const QColor &c) {
            if (n <= 0)
                return;
            const double h = std::max(1.0, r.height() * double(n) / double(peak));
            p.fillRect(QRectF(x + 0.5, y - h, std::max(1.0, w - 1), h), c);
            y -= h;
        };
        bar(m_success[i], successColor());
        bar(m_failure[i], failureColor());
        QColor other = text;
        other.setAlpha(90);
        bar(m_other[i], other);
    }
    QColor axis = text;
    axis.setAlpha(120);
    p.setPen(axis);
    p.drawLine(r.bottomLeft(), r.bottomRight());
    p.setPen(text);
    p.drawText(QRectF(0, 0, width() - 4, fh + 2), Qt::AlignRight | Qt::AlignVCenter,
               tr("peak %1 events per %2 h").arg(peak).arg(double(m_bucketUs) / 3.6e9, 0, 'f', 1));
    // Legend top-left, time range along the bottom.
    double lx = 4;
    auto key = [&](const QColor &c, const QString &label) {
        p.fillRect(QRectF(lx, fh / 2.0 - 4, 9, 9), c);
        p.drawText(QPointF(lx + 12, fh - 3), label);
        lx += 12 + fontMetrics().horizontalAdvance(label) + 10;
    };
    key(successColor(), tr("success"));
    key(failureColor(), tr("failure"));
    QColor other = text;
    other.setAlpha(90);
    key(other, tr("other"));
    const std::int64_t end = m_firstTs + m_bucketUs * std::int64_t(m_success.size());
    p.drawText(QRectF(4, r.bottom() + 2, width() - 8, fh), Qt::AlignLeft, shownMinute(m_firstTs));
    p.drawText(QRectF(4, r.bottom() + 2, width() - 8, fh), Qt::AlignRight, shownMinute(end));
}

bool SignInChart::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        const int b = bucketAt(help->pos());
        if (b >= 0) {
            const std::int64_t from = m_firstTs + m_bucketUs * b;
            QToolTip::showText(help->globalPos(),
                               tr("%1 – %2 %3\n%4 successes, %5 failures, %6 other")
                                       .arg(shownMinute(from), shownMinute(from + m_bucketUs),
                                            ShownZone::name())
                                       .arg(m_success[size_t(b)])
                                       .arg(m_failure[size_t(b)])
                                       .arg(m_other[size_t(b)]),
                               this);
            return true;
        }
    }
    return QWidget::event(e);
}

} // namespace netcase
