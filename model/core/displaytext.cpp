#include "displaytext.h"

namespace netcase {

namespace {

bool isBidiControl(char32_t c)
{
    return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e)
           || (c >= 0x2066 && c <= 0x2069);
}

// Zero-width and other invisible format characters that can hide or join text.
bool isInvisibleFormat(char32_t c)
{
    return (c >= 0x200b && c <= 0x200d) || c == 0x2060 || c == 0xfeff || c == 0x00ad
           || (c >= 0xfff9 && c <= 0xfffb);
}

void appendCodePoint(QString &out, char32_t c)
{
    out += QStringLiteral("<U+%1>").arg(uint(c), 4, 16, QLatin1Char('0')).toUpper();
}

} // namespace

bool isUnsafeForDisplay(char32_t c, LineBreaks breaks)
{
    if (c == U'\t' || c == U'\n')
        return breaks == LineBreaks::Show;
    return c < 0x20 || (c >= 0x7f && c < 0xa0) || isBidiControl(c) || isInvisibleFormat(c)
           || c == 0x2028 || c == 0x2029;
}

QString displaySafe(const QString &text, LineBreaks breaks)
{
    // Fast path: most text has nothing to replace.
    bool clean = true;
    for (const QChar ch : text) {
        if (isUnsafeForDisplay(ch.unicode(), breaks)) {
            clean = false;
            break;
        }
    }
    if (clean)
        return text;
    QString out;
    out.reserve(text.size() + 16);
    for (const QChar ch : text) {
        const char32_t c = ch.unicode();
        if (!isUnsafeForDisplay(c, breaks))
            out += ch;
        else if (c < 0x20)
            out += QChar(char16_t(0x2400 + c)); // ␀ … ␟ (␉ tab, ␊ line feed, ␛ escape)
        else if (c == 0x7f)
            out += QChar(char16_t(0x2421)); // ␡
        else
            appendCodePoint(out, c);
    }
    return out;
}

QString htmlSafe(const QString &text, LineBreaks breaks)
{
    return displaySafe(text, breaks).toHtmlEscaped();
}

} // namespace netcase
