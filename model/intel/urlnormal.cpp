#include "urlnormal.h"

namespace netcase::intel {

namespace {

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'a' && u <= 'f')
        return u - 'a' + 10;
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1;
}

bool unreserved(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
           || c == '.' || c == '_' || c == '~';
}

/// RFC 3986 section 5.2.4.
QString removeDotSegments(QString in)
{
    QString out;
    const auto dropLastSegment = [&out] {
        const qsizetype slash = out.lastIndexOf(QLatin1Char('/'));
        out.truncate(slash < 0 ? 0 : slash);
    };
    while (!in.isEmpty()) {
        if (in.startsWith(QLatin1String("../"))) {
            in.remove(0, 3);
        } else if (in.startsWith(QLatin1String("./"))) {
            in.remove(0, 2);
        } else if (in.startsWith(QLatin1String("/./"))) {
            in.remove(0, 2);
        } else if (in == QLatin1String("/.")) {
            in = QStringLiteral("/");
        } else if (in.startsWith(QLatin1String("/../"))) {
            in.remove(0, 3);
            dropLastSegment();
        } else if (in == QLatin1String("/..")) {
            in = QStringLiteral("/");
            dropLastSegment();
        } else if (in == QLatin1String(".") || in == QLatin1String("..")) {
            in.clear();
        } else {
            qsizetype end = in.indexOf(QLatin1Char('/'), in.startsWith(QLatin1Char('/')) ? 1 : 0);
            if (end < 0)
                end = in.size();
            out += in.left(end);
            in.remove(0, end);
        }
    }
    return out;
}

} // namespace

QString normaliseUrlRest(const QString &rest)
{
    QString text;
    text.reserve(rest.size());
    for (qsizetype i = 0; i < rest.size(); ++i) {
        const int hi
                = rest[i] == QLatin1Char('%') && i + 2 < rest.size() ? hexValue(rest[i + 1]) : -1;
        const int lo = hi >= 0 ? hexValue(rest[i + 2]) : -1;
        if (lo < 0) {
            text += rest[i];
            continue;
        }
        const int byte = hi * 16 + lo;
        if (unreserved(byte)) {
            text += QChar(byte);
        } else {
            text += QLatin1Char('%');
            text += rest[i + 1].toUpper();
            text += rest[i + 2].toUpper();
        }
        i += 2;
    }
    qsizetype end = 0;
    while (end < text.size() && text[end] != QLatin1Char('?') && text[end] != QLatin1Char('#'))
        ++end;
    QString path = removeDotSegments(text.left(end));
    if (path.isEmpty())
        path = QStringLiteral("/");
    return path + text.mid(end);
}

} // namespace netcase::intel
