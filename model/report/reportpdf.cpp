// The PDF report: the QtDocument flavour of the HTML laid out by QTextDocument on A4 or Letter
// pages, each page painted with a header (case title, authorisation reference) and a footer
// ("Page n of m", generation time).

#include "core/displaytext.h"
#include "report/reportdata.h"
#include "report/reportwriters.h"

#include <QAbstractTextDocumentLayout>
#include <QFontMetricsF>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <QTextOption>
#include <QUrl>

namespace netcase {

namespace {

constexpr int kDpi = 96;
constexpr qreal kHeaderPx = 40;
constexpr qreal kFooterPx = 30;
const QColor kRule(0x1f, 0x4e, 0x79);

QFont pdfFont(qreal pt, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(pt);
    f.setBold(bold);
    return f;
}

void paintHeader(QPainter &p, const QRectF &area, const ReportData &d)
{
    const CaseInfo &info = d.summary.info;
    const QString auth = QStringLiteral("Authorisation: ")
                         + displaySafe(authorisationText(info), LineBreaks::Keep);
    p.setPen(QColor(0x22, 0x22, 0x22));
    const QFont authFont = pdfFont(8);
    const qreal authWidth
            = std::min(area.width() * 0.45, QFontMetricsF(authFont).horizontalAdvance(auth) + 4);
    p.setFont(authFont);
    p.drawText(QRectF(area.right() - authWidth, area.top(), authWidth, 24),
               Qt::AlignRight | Qt::AlignVCenter,
               QFontMetricsF(authFont).elidedText(auth, Qt::ElideRight, authWidth));
    const QFont titleFont = pdfFont(9, true);
    p.setFont(titleFont);
    const qreal titleWidth = area.width() - authWidth - 12;
    p.drawText(QRectF(area.left(), area.top(), titleWidth, 24), Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetricsF(titleFont).elidedText(displaySafe(info.title, LineBreaks::Keep),
                                                   Qt::ElideRight, titleWidth));
    p.setPen(QPen(kRule, 1.2));
    p.drawLine(QPointF(area.left(), area.top() + 28), QPointF(area.right(), area.top() + 28));
}

void paintFooter(QPainter &p, const QRectF &area, int page, int pages, const QString &generated)
{
    p.setPen(QPen(QColor(0xc9, 0xd1, 0xdb), 0.8));
    p.drawLine(QPointF(area.left(), area.top() + 4), QPointF(area.right(), area.top() + 4));
    p.setPen(QColor(0x55, 0x55, 0x55));
    p.setFont(pdfFont(7.5));
    const QRectF text(area.left(), area.top() + 8, area.width(), 18);
    p.drawText(text, Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("Netcase %1 · generated %2")
                       .arg(QStringLiteral(NETCASE_VERSION), generated));
    p.drawText(text, Qt::AlignRight | Qt::AlignVCenter,
               QStringLiteral("Page %1 of %2").arg(page).arg(pages));
}

} // namespace

Status writeReportPdf(const ReportData &d,
                      const ReportFigures &figures,
                      const ReportOptions &options,
                      QIODevice &device,
                      const ReportProgressFn &progress,
                      const std::atomic<bool> &cancel)
{
    QPdfWriter writer(&device);
    writer.setResolution(kDpi);
    writer.setPageSize(QPageSize(options.page == ReportOptions::Page::Letter ? QPageSize::Letter
                                                                             : QPageSize::A4));
    writer.setPageMargins(QMarginsF(16, 12, 16, 12), QPageLayout::Millimeter);
    writer.setTitle(QStringLiteral("Netcase report: ")
                    + displaySafe(d.summary.info.title, LineBreaks::Keep));
    writer.setCreator(QStringLiteral("Netcase " NETCASE_VERSION));

    const QRectF paint(QPointF(0, 0), QSizeF(writer.pageLayout().paintRectPixels(kDpi).size()));
    const QRectF body(0, kHeaderPx, paint.width(), paint.height() - kHeaderPx - kFooterPx);

    QTextDocument doc;
    doc.documentLayout()->setPaintDevice(&writer);
    doc.setDefaultFont(pdfFont(9));
    QTextOption wrap;
    wrap.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    doc.setDefaultTextOption(wrap);
    doc.setDocumentMargin(0);
    doc.setPageSize(body.size());
    if (!figures.timeline.isNull())
        doc.addResource(QTextDocument::ImageResource, QUrl(timelineResourceName()),
                        figures.timeline);
    if (!figures.map.isNull())
        doc.addResource(QTextDocument::ImageResource, QUrl(mapResourceName()), figures.map);
    doc.setHtml(reportHtml(d, figures, options, HtmlFlavor::QtDocument, int(body.width())));
    if (cancel.load())
        return makeError(QStringLiteral("report cancelled"), ErrorCode::Cancelled);

    const int pages = doc.pageCount();
    const QString generated = generatedAtText(options);
    QPainter painter;
    if (!painter.begin(&writer))
        return makeError(QStringLiteral("cannot start the PDF"));
    for (int i = 0; i < pages; ++i) {
        if (cancel.load()) {
            painter.end();
            return makeError(QStringLiteral("report cancelled"), ErrorCode::Cancelled);
        }
        if (progress)
            progress(88 + 11 * i / std::max(1, pages),
                     QStringLiteral("Writing page %1 of %2").arg(i + 1).arg(pages));
        if (i > 0)
            writer.newPage();
        paintHeader(painter, QRectF(0, 0, paint.width(), kHeaderPx), d);
        painter.save();
        painter.translate(0, body.top() - i * body.height());
        QAbstractTextDocumentLayout::PaintContext ctx;
        ctx.clip = QRectF(0, i * body.height(), body.width(), body.height());
        ctx.palette.setColor(QPalette::Text, QColor(0x22, 0x22, 0x22));
        painter.setClipRect(ctx.clip);
        doc.documentLayout()->draw(&painter, ctx);
        painter.restore();
        paintFooter(painter, QRectF(0, body.bottom(), paint.width(), kFooterPx), i + 1, pages,
                    generated);
    }
    if (!painter.end())
        return makeError(QStringLiteral("cannot finish the PDF"));
    return {};
}

} // namespace netcase
