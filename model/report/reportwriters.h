#pragma once

// The three report formats over one ReportData. Internal to model/report: callers use
// writeReport() in report.h.

#include "report/report.h"

#include <QByteArray>
#include <QImage>
#include <QString>

#include <string>

class QIODevice;

namespace netcase {

struct ReportData;

/// The two figures, drawn once and used by both HTML and PDF.
struct ReportFigures
{
    QImage timeline;
    QString timelineCaption;
    QImage map;
    QString mapCaption;
};

/// Draws the figures (timeline chart and map) for the data.
ReportFigures drawReportFigures(const ReportData &data);

/// The JSON document (schema netcase-report/1), indented, sorted keys, ending in a newline.
std::string reportJson(const ReportData &data);

/// HTML for a browser (self-contained: inline CSS, figures as data: URIs) or for Qt's rich text
/// engine, which lays out the PDF (simpler markup, figures as named document resources).
enum class HtmlFlavor { Browser, QtDocument };
QString reportHtml(const ReportData &data,
                   const ReportFigures &figures,
                   const ReportOptions &options,
                   HtmlFlavor flavor,
                   int qtImageWidth = 600);
/// The resource names the QtDocument flavour refers to.
QString timelineResourceName();
QString mapResourceName();

/// Paginates the report onto A4 or Letter pages with a header (case title, authorisation) and
/// "Page n of m" on every page.
Status writeReportPdf(const ReportData &data,
                      const ReportFigures &figures,
                      const ReportOptions &options,
                      QIODevice &device,
                      const ReportProgressFn &progress,
                      const std::atomic<bool> &cancel);

/// HTML-escapes text from the case (also quotes, so it is safe inside attributes) after making
/// control characters visible.
QString esc(const QString &text);
/// When the report was generated, as printed in HTML and PDF.
QString generatedAtText(const ReportOptions &options);

} // namespace netcase
