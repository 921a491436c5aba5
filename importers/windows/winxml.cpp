#include "winxml.h"

#include "cloud/jsonrecordimport.h"
#include "core/utf8.h"

#include <QXmlStreamReader>

#include <charconv>

namespace netcase {

namespace {

std::string utf8Of(QStringView s)
{
    return s.toUtf8().toStdString();
}

} // namespace

RejectReason winXmlEvent(std::string_view xml, WinEventRecord &r, Event &e)
{
    r.clear();
    std::string time, eventId;
    QXmlStreamReader x(QByteArray::fromRawData(xml.data(), qsizetype(xml.size())));
    bool inEventData = false;
    int unnamed = 0;
    while (!x.atEnd()) {
        const auto token = x.readNext();
        if (token == QXmlStreamReader::EndElement && x.name() == u"EventData") {
            inEventData = false;
            continue;
        }
        if (token != QXmlStreamReader::StartElement)
            continue;
        const QStringView name = x.name();
        if (name == u"EventData") {
            inEventData = true;
        } else if (inEventData && name == u"Data") {
            const QStringView n = x.attributes().value(QStringLiteral("Name"));
            // Unnamed <Data> (classic events) keep their position.
            std::string key = n.isEmpty() ? "param" + std::to_string(++unnamed) : utf8Of(n);
            r.data.emplace_back(std::move(key),
                                utf8Of(x.readElementText(QXmlStreamReader::SkipChildElements)));
        } else if (name == u"EventID") {
            eventId = utf8Of(x.readElementText(QXmlStreamReader::SkipChildElements));
        } else if (name == u"TimeCreated") {
            time = utf8Of(x.attributes().value(QStringLiteral("SystemTime")));
        } else if (name == u"Computer") {
            r.computer = utf8Of(x.readElementText(QXmlStreamReader::SkipChildElements));
        } else if (name == u"Channel") {
            r.channel = utf8Of(x.readElementText(QXmlStreamReader::SkipChildElements));
        }
    }
    if (x.hasError())
        return {RejectKind::Syntax, "XML: " + x.errorString().toStdString()};
    if (time.empty())
        return {RejectKind::NoTime, "no TimeCreated SystemTime"};
    if (!setIsoTimestamp(e, time))
        return {RejectKind::BadTime, "unreadable TimeCreated: " + utf8::repaired(time)};
    int id = 0;
    const auto [end, ec] = std::from_chars(eventId.data(), eventId.data() + eventId.size(), id);
    if (ec != std::errc() || end != eventId.data() + eventId.size() || id <= 0)
        return {RejectKind::MissingField, "no EventID"};
    r.eventId = id;
    mapWinEvent(r, e);
    return {};
}

} // namespace netcase
