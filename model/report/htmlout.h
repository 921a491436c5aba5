#pragma once

// A small HTML builder for the report writers. Every function that takes `text` escapes it
// (control characters made visible, then HTML-escaped including quotes); only the `Html`
// variants take markup, and they are given markup built here, never case data.

#include "report/reportwriters.h"

#include <QString>
#include <QStringList>

namespace netcase {

struct ReportData;
struct Review;

class HtmlOut
{
public:
    explicit HtmlOut(HtmlFlavor flavor)
        : m_flavor(flavor)
    {}

    bool forQt() const { return m_flavor == HtmlFlavor::QtDocument; }
    QString &buffer() { return m_html; }

    void raw(const QString &markup) { m_html += markup; }
    /// <tag class="cls">text</tag>
    void element(const char *tag, const QString &text, const char *cls = nullptr);
    void heading(int level, const QString &text, const QString &id = {});
    void paragraph(const QString &text, const char *cls = nullptr);
    /// A numbered report section; newPage starts it on a new page when printed.
    void section(const char *id, const QString &title, bool newPage = false);
    /// A highlighted box: cls is "ok", "warn" or "bad".
    void box(const char *cls, const QString &text);

    /// A table with a header row (none when headers is empty; repeated on each PDF page).
    /// widths: column widths in percent for the PDF layout (browsers size columns themselves).
    /// cls "small" sets a smaller font on every cell (Qt's rich text does not pass a table's
    /// font size down to its cells).
    void tableStart(const QStringList &headers,
                    const char *cls = nullptr,
                    const QList<int> &widths = {});
    void row(const QStringList &cells);
    /// A row whose cells are markup (built with cell helpers below).
    void rowHtml(const QStringList &cells);
    void tableEnd()
    {
        m_html += QStringLiteral("</table>\n");
        m_cellClass.clear();
    }

    /// Two-column key/value table.
    void kvStart(const char *cls = "kv");
    void kv(const QString &key, const QString &value);
    void kvHtml(const QString &key, const QString &valueHtml);

    /// An original log line, wrapped anywhere and shown in a monospaced font; tabs are shown
    /// as " → " so tab-separated records stay compact.
    QString rawLine(const QString &text) const;
    /// A coloured severity label ("72 high").
    QString severityBadge(int severity) const;
    /// Plain list of escaped items.
    void list(const QStringList &items);

private:
    /// <td>html</td>, in the table's smaller font when it has one.
    QString cell(const QString &html) const;

    HtmlFlavor m_flavor;
    QString m_html;
    QString m_cellClass; ///< the table's class, repeated on its cells ("small": a smaller font)
};

// The sections, one function each (reporthtml*.cpp), in the report's order.
void htmlSummarySection(HtmlOut &out, const ReportData &data);
void htmlDecisionsSection(HtmlOut &out, const ReportData &data);
void htmlNotesSection(HtmlOut &out, const ReportData &data);
void htmlFindingsSection(HtmlOut &out, const ReportData &data);
void htmlCaseSection(HtmlOut &out, const ReportData &data);
void htmlSourcesSection(HtmlOut &out, const ReportData &data);
void htmlEnrichmentSection(HtmlOut &out, const ReportData &data);
void htmlIntegritySection(HtmlOut &out, const ReportData &data, const ReportOptions &options);
void htmlRuleFeedbackSection(HtmlOut &out, const ReportData &data);
void htmlAddressesAppendix(HtmlOut &out, const ReportData &data);

/// The sentence saying which minimum severity the report used and how many findings are in
/// table form only.
QString minSeverityText(const ReportData &data);

/// "agrees" or "challenges".
QString reviewVerdictText(const Review &review);

} // namespace netcase
