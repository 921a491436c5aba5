#include "intelfixtures.h"

#include "testutil.h"

#include <QCryptographicHash>
#include <QFile>

namespace netcase::test {

namespace {

QString uuidFrom(const QString &seed)
{
    const QByteArray h = QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Md5).toHex();
    return QString::fromLatin1(QByteArray(h.left(8) + '-' + h.mid(8, 4) + '-' + h.mid(12, 4) + '-'
                                          + h.mid(16, 4) + '-' + h.mid(20, 12)));
}

} // namespace

nlohmann::json stixBundle(const std::vector<StixSpec> &specs)
{
    const std::string identity = "identity--" + uuidFrom(QStringLiteral("cert")).toStdString();
    auto objects = nlohmann::json::array();
    objects.push_back({{"type", "identity"},
                       {"spec_version", "2.1"},
                       {"id", identity},
                       {"created", "2023-01-01T00:00:00.000Z"},
                       {"modified", "2023-01-01T00:00:00.000Z"},
                       {"name", "Example CERT"},
                       {"identity_class", "organization"}});
    for (const StixSpec &s : specs) {
        nlohmann::json o
                = {{"type", "indicator"},
                   {"spec_version", "2.1"},
                   {"id",
                    (s.id.isEmpty() ? QString(QStringLiteral("indicator--") + uuidFrom(s.pattern))
                                    : s.id)
                            .toStdString()},
                   {"created", "2023-12-01T00:00:00.000Z"},
                   {"modified", "2023-12-01T00:00:00.000Z"},
                   {"created_by_ref", identity},
                   {"name", "test indicator"},
                   {"indicator_types", {"malicious-activity"}},
                   {"pattern", s.pattern.toStdString()},
                   {"pattern_type", "stix"},
                   {"valid_from", s.validFrom.toStdString()}};
        if (!s.validUntil.isEmpty())
            o["valid_until"] = s.validUntil.toStdString();
        if (s.confidence >= 0)
            o["confidence"] = s.confidence;
        if (!s.labels.isEmpty()) {
            o["labels"] = nlohmann::json::array();
            for (const QString &l : s.labels)
                o["labels"].push_back(l.toStdString());
        }
        objects.push_back(o);
    }
    objects.push_back({{"type", "malware"},
                       {"spec_version", "2.1"},
                       {"id", "malware--" + uuidFrom(QStringLiteral("m")).toStdString()},
                       {"created", "2023-01-01T00:00:00.000Z"},
                       {"modified", "2023-01-01T00:00:00.000Z"},
                       {"name", "ExampleBot"},
                       {"is_family", true}});
    return {{"type", "bundle"},
            {"id", "bundle--" + uuidFrom(QStringLiteral("bundle")).toStdString()},
            {"objects", objects}};
}

nlohmann::json mispEvent(const QString &uuid,
                         const QString &info,
                         int threatLevel,
                         const std::vector<MispAttr> &attrs,
                         const QString &org)
{
    auto list = nlohmann::json::array();
    int n = 0;
    for (const MispAttr &a : attrs) {
        nlohmann::json j = {{"uuid", uuidFrom(uuid + QString::number(n++)).toStdString()},
                            {"type", a.type.toStdString()},
                            {"category", "Network activity"},
                            {"value", a.value.toStdString()},
                            {"to_ids", a.toIds},
                            {"timestamp", "1701388800"},
                            {"comment", "seen in the test"}};
        if (!a.tags.isEmpty()) {
            j["Tag"] = nlohmann::json::array();
            for (const QString &t : a.tags)
                j["Tag"].push_back({{"name", t.toStdString()}});
        }
        list.push_back(j);
    }
    return {{"Event",
             {{"uuid", uuid.toStdString()},
              {"info", info.toStdString()},
              {"date", "2023-12-01"},
              {"threat_level_id", std::to_string(threatLevel)},
              {"analysis", "2"},
              {"timestamp", "1701388800"},
              {"Orgc", {{"name", org.toStdString()}, {"uuid", uuidFrom(org).toStdString()}}},
              {"Tag", {{{"name", "tlp:green"}}}},
              {"Attribute", list}}}};
}

QString writeText(const QString &name, const QByteArray &text)
{
    const QString path = tempPath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(text);
    return path;
}

QString writeJson(const QString &name, const nlohmann::json &j)
{
    return writeText(name, QByteArray::fromStdString(j.dump(2)));
}

QString accessLogFrom(const QString &name, const QStringList &ips)
{
    QByteArray text;
    int minute = 0;
    for (const QString &ip : ips) {
        text += QStringLiteral("%1 - - [10/Mar/2024:%2:%3:00 +0000] \"GET /index.html HTTP/1.1\" "
                               "200 512 \"-\" \"Mozilla/5.0\"\n")
                        .arg(ip)
                        .arg(12 + minute / 60, 2, 10, QLatin1Char('0'))
                        .arg(minute % 60, 2, 10, QLatin1Char('0'))
                        .toUtf8();
        ++minute;
    }
    return writeText(name, text);
}

QString zeekHttpLog(const QString &name, const QList<QPair<QString, QString>> &requests)
{
    QByteArray text = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n"
                      "#unset_field\t-\n#path\thttp\n"
                      "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tmethod\t"
                      "host\turi\tstatus_code\n"
                      "#types\ttime\tstring\taddr\tport\taddr\tport\tstring\tstring\tstring\t"
                      "count\n";
    qint64 ts = 1710072000; // 2024-03-10 12:00:00 UTC
    int n = 0;
    for (const auto &[host, uri] : requests) {
        text += QStringLiteral(
                        "%1.000000\tC%2\t10.1.1.1\t50000\t192.0.2.80\t80\tGET\t%3\t%4\t200\n")
                        .arg(ts + 60 * n)
                        .arg(n)
                        .arg(host, uri)
                        .toUtf8();
        ++n;
    }
    return writeText(name, text);
}

} // namespace netcase::test
