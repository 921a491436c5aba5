// The report as HTML: the document, its styles and the figures. The sections are written by
// reporthtml*.cpp: a summary first, then decisions, findings, the case and its sources, the
// enrichment, figures, integrity, rule feedback, and the Addresses appendix. The browser flavour is
// one self-contained file (inline CSS, figures as data: URIs, no scripts, no external requests)
// that prints well.

#include "htmlout.h"

#include "core/shownzone.h"
#include "core/timeutil.h"
#include "report/reportdata.h"

#include <QBuffer>
#include <QDateTime>

namespace netcase {

namespace {

const char *kCss = R"CSS(
:root { color-scheme: light; }
body { font: 14px/1.45 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: #222;
  background: #fff; max-width: 1100px; margin: 0 auto; padding: 24px 28px; }
header.cover { border-bottom: 3px solid #1f4e79; padding-bottom: 10px; margin-bottom: 18px; }
header.cover h1 { font-size: 26px; margin: 0 0 6px; }
header.cover p { margin: 2px 0; }
h2 { font-size: 20px; color: #1f4e79; border-bottom: 1px solid #c9d1db; padding-bottom: 4px;
  margin: 34px 0 10px; }
h3 { font-size: 16px; margin: 4px 0 8px; }
h4 { font-size: 14px; margin: 14px 0 6px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 14px; font-size: 13px; }
th, td { border: 1px solid #d5d8dc; padding: 4px 7px; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
thead th { background: #e9ecef; }
table.kv th { width: 26%; background: #f4f5f7; font-weight: 600; }
td.num, th.num { text-align: right; }
td.small { font-size: 12px; }
p.facts { margin: 3px 0; }
.k { font-weight: 600; }
code.raw { font: 12px/1.35 "DejaVu Sans Mono", Menlo, Consolas, monospace;
  white-space: pre-wrap; word-break: break-all; }
.hash { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; word-break: break-all; }
.sev { display: inline-block; font-weight: bold; padding: 0 7px; border-radius: 3px;
  color: #fff; }
.sev-high { background: #b02a22; } .sev-medium { background: #b86e00; }
.sev-low { background: #5f6b76; }
.box { padding: 7px 12px; margin: 10px 0; border-left: 4px solid; }
.warn { background: #fff4e5; border-color: #e69500; }
.ok { background: #e8f5e9; border-color: #2e7d32; }
.bad { background: #fdecea; border-color: #b02a22; }
.note { color: #555; font-size: 12px; }
.nobr { white-space: nowrap; }
.card { border: 1px solid #d5d8dc; border-radius: 4px; padding: 8px 14px 6px; margin: 14px 0; }
figure { margin: 14px 0; }
figure img { display: block; width: 100%; height: auto; border: 1px solid #d5d8dc; }
figcaption { font-size: 12px; color: #555; margin-top: 4px; }
nav ol { columns: 2; margin: 6px 0; }
ul { margin: 4px 0 10px; padding-left: 22px; }
@page { size: %PAGE%; margin: 15mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  table { font-size: 10px; }
  code.raw { font-size: 9px; }
  nav { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h2.section { break-before: page; page-break-before: always; }
  .card, figure, tr { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
)CSS";

const char *kQtCss = R"CSS(
body { font-family: 'DejaVu Sans'; font-size: 9pt; color: #222222; }
h1 { font-size: 18pt; color: #1f4e79; }
h2 { font-size: 13pt; color: #1f4e79; margin-top: 16px; }
h3 { font-size: 10.5pt; margin-top: 8px; margin-bottom: 2px; }
h4 { font-size: 9.5pt; margin-top: 8px; }
th { background-color: #eef0f3; text-align: left; }
table { border-color: #c9ced4; margin-bottom: 6px; }
.note { color: #555555; font-size: 8pt; }
.hash { font-family: 'DejaVu Sans Mono'; font-size: 8pt; }
.warn { background-color: #fff4e5; }
.ok { background-color: #e8f5e9; }
.bad { background-color: #fdecea; }
h2.section { page-break-before: always; }
p.facts { margin-top: 1px; margin-bottom: 1px; }
.k { font-weight: bold; }
)CSS";

QString pngDataUri(const QImage &image)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64());
}

void figure(HtmlOut &out,
            const QImage &image,
            const QString &resource,
            const QString &alt,
            const QString &caption,
            int qtWidth)
{
    if (image.isNull())
        return;
    if (out.forQt()) {
        const int height = qtWidth * image.height() / std::max(1, image.width());
        out.raw(QStringLiteral("<p><img src=\"%1\" width=\"%2\" height=\"%3\"></p>\n")
                        .arg(resource)
                        .arg(qtWidth)
                        .arg(height));
        out.paragraph(caption, "note");
        return;
    }
    out.raw(QStringLiteral("<figure><img alt=\"%1\" src=\"%2\">").arg(esc(alt), pngDataUri(image)));
    out.raw(QStringLiteral("<figcaption>") + esc(caption)
            + QStringLiteral("</figcaption></figure>\n"));
}

void figuresSection(HtmlOut &out, const ReportFigures &figures, int qtWidth)
{
    out.section("figures", QStringLiteral("6. Figures"), true);
    if (figures.timeline.isNull() && figures.map.isNull()) {
        out.paragraph(QStringLiteral("The case holds no events, so there is nothing to chart."));
        return;
    }
    out.heading(3, QStringLiteral("Timeline"));
    if (figures.timeline.isNull())
        out.paragraph(QStringLiteral("The case holds no events."));
    figure(out, figures.timeline, timelineResourceName(), QStringLiteral("Timeline of events"),
           figures.timelineCaption, qtWidth);
    out.heading(3, QStringLiteral("Map"));
    if (figures.map.isNull())
        out.paragraph(figures.mapCaption);
    figure(out, figures.map, mapResourceName(), QStringLiteral("Map of source addresses"),
           figures.mapCaption, qtWidth);
}

void cover(HtmlOut &out, const ReportData &d, const ReportOptions &options)
{
    const CaseInfo &info = d.summary.info;
    out.raw(out.forQt() ? QStringLiteral("<div>\n") : QStringLiteral("<header class=\"cover\">\n"));
    out.element("h1", info.title.isEmpty() ? QStringLiteral("Untitled case") : info.title);
    out.paragraph(QStringLiteral("Authorisation: ") + authorisationText(info));
    if (d.redacted)
        out.paragraph(QStringLiteral("Redacted report: raw lines are left out, and accounts and "
                                     "addresses that are not the subject of a decision are "
                                     "replaced by pseudonyms (account-…, ip-…) that hold only "
                                     "within this report."),
                      "note");
    out.paragraph(QStringLiteral("Netcase case report. State as of %1 (the audit trail's latest "
                                 "record); generated %2 by Netcase %3.")
                          .arg(d.asOf.isEmpty() ? QStringLiteral("(empty audit trail)") : d.asOf,
                               generatedAtText(options), QStringLiteral(NETCASE_VERSION)),
                  "note");
    out.raw(out.forQt() ? QStringLiteral("</div>\n") : QStringLiteral("</header>\n"));
    if (out.forQt())
        return;
    out.raw(QStringLiteral(
            "<nav><b>Contents</b> (<a href=\"#summary\">Summary</a>)<ol>"
            "<li><a href=\"#decisions\">Decisions</a></li>"
            "<li><a href=\"#findings\">Findings</a></li>"
            "<li><a href=\"#case\">Case</a></li><li><a href=\"#sources\">Sources</a></li>"
            "<li><a href=\"#enrichment\">Enrichment</a></li>"
            "<li><a href=\"#figures\">Figures</a></li>"
            "<li><a href=\"#integrity\">Integrity</a></li>"
            "<li><a href=\"#rules\">Rule feedback</a></li></ol>"
            "<a href=\"#addresses\">Appendix A. Addresses</a></nav>\n"));
}

} // namespace

QString timelineResourceName()
{
    return QStringLiteral("netcase-figure:timeline");
}

QString mapResourceName()
{
    return QStringLiteral("netcase-figure:map");
}

QString generatedAtText(const ReportOptions &options)
{
    if (!options.generatedAt.isEmpty())
        return options.generatedAt;
    return shownStamp(QDateTime::currentMSecsSinceEpoch() * 1000);
}

QString reportHtml(const ReportData &d,
                   const ReportFigures &figures,
                   const ReportOptions &options,
                   HtmlFlavor flavor,
                   int qtWidth)
{
    HtmlOut out(flavor);
    QString css = QString::fromLatin1(out.forQt() ? kQtCss : kCss);
    css.replace(QStringLiteral("%PAGE%"), options.page == ReportOptions::Page::Letter
                                                  ? QStringLiteral("letter")
                                                  : QStringLiteral("A4"));
    out.raw(QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                           "<meta name=\"generator\" content=\"Netcase %1\">\n")
                    .arg(QStringLiteral(NETCASE_VERSION)));
    if (!out.forQt())
        out.raw(QStringLiteral("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                               "'none'; img-src data:; style-src 'unsafe-inline'\">\n"));
    out.raw(QStringLiteral("<title>Netcase report: ") + esc(d.summary.info.title)
            + QStringLiteral("</title>\n<style>") + css
            + QStringLiteral("</style>\n</head>\n<body>\n"));
    cover(out, d, options);
    htmlSummarySection(out, d);
    htmlDecisionsSection(out, d);
    htmlNotesSection(out, d);
    htmlFindingsSection(out, d);
    htmlCaseSection(out, d);
    htmlSourcesSection(out, d);
    htmlEnrichmentSection(out, d);
    figuresSection(out, figures, qtWidth);
    htmlIntegritySection(out, d, options);
    htmlRuleFeedbackSection(out, d);
    htmlAddressesAppendix(out, d);
    out.raw(QStringLiteral("</body>\n</html>\n"));
    return out.buffer();
}

} // namespace netcase
