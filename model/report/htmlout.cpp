#include "htmlout.h"

#include "core/displaytext.h"
#include "core/severity.h"
#include "report/reportdata.h"

namespace netcase {

QString esc(const QString &text)
{
    return htmlSafe(text, LineBreaks::Keep).replace(QLatin1Char('\''), QStringLiteral("&#39;"));
}

void HtmlOut::element(const char *tag, const QString &text, const char *cls)
{
    const QString t = QString::fromLatin1(tag);
    m_html += QLatin1Char('<') + t;
    if (cls)
        m_html += QStringLiteral(" class=\"%1\"").arg(QString::fromLatin1(cls));
    m_html += QLatin1Char('>') + esc(text) + QStringLiteral("</") + t + QStringLiteral(">\n");
}

void HtmlOut::heading(int level, const QString &text, const QString &id)
{
    const QString tag = QStringLiteral("h%1").arg(level);
    m_html += QLatin1Char('<') + tag;
    if (!id.isEmpty())
        m_html += QStringLiteral(" id=\"%1\"").arg(esc(id));
    m_html += QLatin1Char('>') + esc(text) + QStringLiteral("</") + tag + QStringLiteral(">\n");
}

void HtmlOut::paragraph(const QString &text, const char *cls)
{
    element("p", text, cls);
}

void HtmlOut::section(const char *id, const QString &title, bool newPage)
{
    m_html += QStringLiteral("<h2 id=\"%1\"%2>")
                      .arg(QString::fromLatin1(id),
                           newPage ? QStringLiteral(" class=\"section\"") : QString())
              + esc(title) + QStringLiteral("</h2>\n");
}

void HtmlOut::box(const char *cls, const QString &text)
{
    const QString c = QString::fromLatin1(cls);
    if (forQt()) {
        m_html += QStringLiteral("<table width=\"100%\" cellpadding=\"5\" border=\"0\"><tr><td "
                                 "class=\"%1\">")
                          .arg(c)
                  + esc(text) + QStringLiteral("</td></tr></table>\n");
        return;
    }
    m_html += QStringLiteral("<p class=\"box %1\">").arg(c) + esc(text) + QStringLiteral("</p>\n");
}

QString HtmlOut::cell(const QString &html) const
{
    if (m_cellClass.isEmpty())
        return QStringLiteral("<td>") + html + QStringLiteral("</td>");
    // Qt's rich text takes a font size from a span, not from a cell's class.
    if (forQt())
        return QStringLiteral("<td><span style=\"font-size: 7.5pt;\">") + html
               + QStringLiteral("</span></td>");
    return QStringLiteral("<td class=\"%1\">").arg(m_cellClass) + html + QStringLiteral("</td>");
}

void HtmlOut::tableStart(const QStringList &headers, const char *cls, const QList<int> &widths)
{
    m_cellClass = cls && qstrcmp(cls, "small") == 0 ? QStringLiteral("small") : QString();
    m_html += QStringLiteral("<table");
    if (cls)
        m_html += QStringLiteral(" class=\"%1\"").arg(QString::fromLatin1(cls));
    // Dense tables (many rows, evidence lines) get less padding in the PDF.
    const bool dense = !m_cellClass.isEmpty() || (cls && qstrcmp(cls, "evidence") == 0);
    if (forQt())
        m_html += QStringLiteral(
                          " width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"%1\"")
                          .arg(dense ? 1 : 3);
    m_html += QStringLiteral(">\n");
    if (headers.isEmpty())
        return;
    m_html += forQt() ? QStringLiteral("<thead><tr bgcolor=\"#e9ecef\">")
                      : QStringLiteral("<thead><tr>");
    for (qsizetype i = 0; i < headers.size(); ++i) {
        if (forQt() && i < widths.size())
            m_html += QStringLiteral("<th width=\"%1%\">").arg(widths.at(i));
        else
            m_html += QStringLiteral("<th>");
        m_html += esc(headers.at(i)) + QStringLiteral("</th>");
    }
    m_html += QStringLiteral("</tr></thead>\n");
}

void HtmlOut::row(const QStringList &cells)
{
    m_html += QStringLiteral("<tr>");
    for (const QString &c : cells)
        m_html += cell(esc(c));
    m_html += QStringLiteral("</tr>\n");
}

void HtmlOut::rowHtml(const QStringList &cells)
{
    m_html += QStringLiteral("<tr>");
    for (const QString &c : cells)
        m_html += cell(c);
    m_html += QStringLiteral("</tr>\n");
}

void HtmlOut::kvStart(const char *cls)
{
    tableStart({}, cls);
}

void HtmlOut::kv(const QString &key, const QString &value)
{
    kvHtml(key, esc(value));
}

void HtmlOut::kvHtml(const QString &key, const QString &valueHtml)
{
    const QString th = forQt() ? QStringLiteral("<th width=\"28%\" align=\"left\">")
                               : QStringLiteral("<th>");
    m_html += QStringLiteral("<tr>") + th + esc(key) + QStringLiteral("</th><td>") + valueHtml
              + QStringLiteral("</td></tr>\n");
}

QString HtmlOut::rawLine(const QString &text) const
{
    // The PDF is the short document: a very long record (a JSON event) is cut there, and says
    // so; the HTML and JSON reports hold it whole.
    constexpr qsizetype kPdfRawChars = 360;
    if (forQt() && text.size() > kPdfRawChars + 40) {
        qsizetype cut = kPdfRawChars;
        if (text.at(cut - 1).isHighSurrogate())
            --cut;
        return rawLine(text.left(cut))
               + esc(QStringLiteral(" … (%1 more characters: the HTML and JSON reports hold the "
                                    "whole line)")
                             .arg(text.size() - cut));
    }
    QString shown = esc(text);
    shown.replace(QLatin1Char('\t'), QStringLiteral(" \u2192 "));
    if (forQt())
        return QStringLiteral("<span style=\"font-family: 'DejaVu Sans Mono'; font-size: 7pt; "
                              "white-space: pre-wrap;\">")
               + shown + QStringLiteral("</span>");
    return QStringLiteral("<code class=\"raw\">") + shown + QStringLiteral("</code>");
}

QString HtmlOut::severityBadge(int severity) const
{
    const QString word = severityWord(severity);
    const QString text = QStringLiteral("%1 %2").arg(severity).arg(word);
    if (forQt()) {
        const char *colour = severity >= kSeverityHigh     ? "#b02a22"
                             : severity >= kSeverityMedium ? "#9a5b00"
                                                           : "#4d5660";
        // Inside a dense table the badge takes the table's smaller font (Qt does not pass it
        // down through the bold element).
        return QStringLiteral("<b><span style=\"color: %1;%2\">")
                       .arg(QString::fromLatin1(colour),
                            m_cellClass.isEmpty() ? QString()
                                                  : QStringLiteral(" font-size: 7.5pt;"))
               + text + QStringLiteral("</span></b>");
    }
    return QStringLiteral("<span class=\"sev sev-%1\">%2</span>").arg(word, text);
}

void HtmlOut::list(const QStringList &items)
{
    m_html += QStringLiteral("<ul>\n");
    for (const QString &i : items)
        m_html += QStringLiteral("<li>") + esc(i) + QStringLiteral("</li>\n");
    m_html += QStringLiteral("</ul>\n");
}

} // namespace netcase
