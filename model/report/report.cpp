#include "report.h"

#include "redact.h"

#include "report/atomicwrite.h"
#include "report/reportdata.h"
#include "report/reportwriters.h"

#include "case/casefile.h"
#include "case/sqlite.h"

#include <QFileInfo>
#include <QIODevice>

namespace netcase {

Result<ReportFormat> reportFormatForPath(const QString &path)
{
    const QString ext = QFileInfo(path).suffix().toLower();
    if (ext == QLatin1String("html") || ext == QLatin1String("htm"))
        return ReportFormat::Html;
    if (ext == QLatin1String("pdf"))
        return ReportFormat::Pdf;
    if (ext == QLatin1String("json"))
        return ReportFormat::Json;
    return makeError(QStringLiteral("unknown report format '%1': the file name must end in .html, "
                                    ".pdf or .json")
                             .arg(ext),
                     ErrorCode::Usage);
}

Result<ReportOptions::Page> reportPageFromName(const QString &name)
{
    if (name.compare(QLatin1String("a4"), Qt::CaseInsensitive) == 0)
        return ReportOptions::Page::A4;
    if (name.compare(QLatin1String("letter"), Qt::CaseInsensitive) == 0)
        return ReportOptions::Page::Letter;
    return makeError(QStringLiteral("unknown page size '%1': use a4 or letter").arg(name),
                     ErrorCode::Usage);
}

Status writeReport(CaseFile &caseFile,
                   const QString &path,
                   const ReportOptions &given,
                   const ReportProgressFn &progress,
                   const std::atomic<bool> &cancel)
{
    const auto checked = reportFormatForPath(path);
    if (!checked)
        return checked.error();
    const ReportFormat format = checked.value();
    ReportOptions options = given;
    if (options.maxEvidencePerFinding == ReportOptions::kMaxEvidenceDefault)
        options.maxEvidencePerFinding
                = format == ReportFormat::Pdf ? ReportOptions::kPdfMaxEvidence : 10;
    if (options.minSeverity == ReportOptions::kMinSeverityDefault)
        options.minSeverity = format == ReportFormat::Pdf ? ReportOptions::kMinSeverityAuto : 0;
    Result<ReportData> data = makeError(QString());
    {
        // One read transaction: every section (and the head hash) shows the same state even
        // while an import commits on another connection.
        Transaction snapshot(caseFile.db(), false);
        data = collectReportData(caseFile, options, progress, cancel);
    }
    if (!data)
        return data.error();
    if (options.redact)
        redactReport(*data);
    ReportFigures figures;
    if (format != ReportFormat::Json) {
        if (progress)
            progress(82, QStringLiteral("Drawing the figures"));
        figures = drawReportFigures(*data);
    }
    if (progress)
        progress(86, QStringLiteral("Writing the report"));
    Status written = writeFileAtomically(
            path,
            [&](QIODevice &device) -> Status {
                QByteArray bytes;
                switch (format) {
                case ReportFormat::Json:
                    bytes = QByteArray::fromStdString(reportJson(*data));
                    break;
                case ReportFormat::Html:
                    bytes = reportHtml(*data, figures, options, HtmlFlavor::Browser).toUtf8();
                    break;
                case ReportFormat::Pdf:
                    return writeReportPdf(*data, figures, options, device, progress, cancel);
                }
                if (device.write(bytes) != bytes.size())
                    return makeError(
                            QStringLiteral("cannot write %1: %2").arg(path, device.errorString()));
                return {};
            },
            cancel);
    if (written && progress)
        progress(100, QStringLiteral("Written"));
    return written;
}

} // namespace netcase
