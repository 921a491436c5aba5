#include "cloudfrontrealtime.h"

#include "api/recordloop.h"
#include "core/ipaddr.h"
#include "weblog/cloudfrontrecord.h"

#include <QFile>
#include <QRegularExpression>

#include <nlohmann/json.hpp>

#include <string>
#include <unordered_map>
#include <vector>

namespace netcase {

namespace {

// Real-time log field names that are read into event fields; the others are kept in labels.
// Unlike the standard log, cs-host is the viewer's Host header and x-host-header the
// distribution's domain name, and cs-uri-stem holds the query string too.
const std::unordered_map<std::string_view, CfField> &fieldTable()
{
    static const std::unordered_map<std::string_view, CfField> t = {
            {"timestamp", CfField::Timestamp},
            {"c-ip", CfField::ClientIp},
            {"c-port", CfField::ClientPort},
            {"cs-method", CfField::Method},
            {"cs-uri-stem", CfField::UriStem},
            {"cs-uri-query", CfField::UriQuery},
            {"sc-status", CfField::Status},
            {"cs-referer", CfField::Referer},
            {"cs-user-agent", CfField::UserAgent},
            {"cs-host", CfField::HostHeader},
            {"x-host-header", CfField::DistributionHost},
            {"sc-bytes", CfField::ScBytes},
            {"cs-bytes", CfField::CsBytes},
            {"time-taken", CfField::TimeTaken},
            {"x-forwarded-for", CfField::ForwardedFor},
    };
    return t;
}

constexpr std::string_view kAllFields
        = "timestamp c-ip time-to-first-byte sc-status sc-bytes cs-method cs-protocol cs-host "
          "cs-uri-stem cs-bytes x-edge-location x-edge-request-id x-host-header time-taken "
          "cs-protocol-version c-ip-version cs-user-agent cs-referer cs-cookie cs-uri-query "
          "x-edge-response-result-type x-forwarded-for ssl-protocol ssl-cipher "
          "x-edge-result-type fle-encrypted-fields fle-status sc-content-type sc-content-len "
          "sc-range-start sc-range-end c-port x-edge-detailed-result-type c-country "
          "cs-accept-encoding cs-accept cache-behavior-path-pattern cs-headers cs-header-names "
          "cs-headers-count";

/// "1605051545.123"
bool looksEpochMs(std::string_view s)
{
    const size_t dot = s.find('.');
    if (dot < 9 || dot > 10 || s.size() != dot + 4)
        return false;
    for (size_t i = 0; i < s.size(); ++i)
        if (i != dot && (s[i] < '0' || s[i] > '9'))
            return false;
    return true;
}

/// The field list of --mapping: the configuration's JSON ({"RealtimeLogConfig": {"Fields":
/// [...]}}, {"Fields": [...]} or {"fields": [...]}), a JSON array, or names separated by spaces,
/// commas or new lines; the text itself or a file holding it.
Result<std::vector<std::string>> fieldsFromMapping(const QString &mapping)
{
    QString text = mapping.trimmed();
    if (!text.startsWith(QLatin1Char('{')) && !text.startsWith(QLatin1Char('['))
        && QFile::exists(text)) {
        QFile f(text);
        if (!f.open(QIODevice::ReadOnly) || f.size() > (1 << 20))
            return makeError(QStringLiteral("--mapping: cannot read %1").arg(text),
                             ErrorCode::Usage);
        text = QString::fromUtf8(f.readAll()).trimmed();
    }
    std::vector<std::string> out;
    if (text.startsWith(QLatin1Char('{')) || text.startsWith(QLatin1Char('['))) {
        nlohmann::json j = nlohmann::json::parse(text.toStdString(), nullptr, false);
        if (j.is_object() && j.contains("RealtimeLogConfig"))
            j = j["RealtimeLogConfig"];
        if (j.is_object())
            j = j.contains("Fields") ? j["Fields"] : j.value("fields", nlohmann::json());
        if (!j.is_array())
            return makeError(QStringLiteral("--mapping for cloudfront-realtime: expected the "
                                            "real-time log configuration's \"Fields\" list"),
                             ErrorCode::Usage);
        for (const auto &f : j)
            if (f.is_string())
                out.push_back(f.get<std::string>());
    } else {
        for (QString w :
             text.split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts))
            out.push_back(w.toStdString());
    }
    if (out.empty())
        return makeError(QStringLiteral("--mapping for cloudfront-realtime names no field"),
                         ErrorCode::Usage);
    return out;
}

} // namespace

std::string_view cloudFrontRealtimeFields()
{
    return kAllFields;
}

int CloudFrontRealtimeImporter::detect(std::string_view sample) const
{
    // Every documented field (the console's default): an epoch timestamp with milliseconds,
    // the viewer's address, the time to first byte and a status, 40 tab-separated values.
    // Fewer fields are not recognised by content (their positions depend on the
    // configuration): --format cloudfront-realtime with --mapping reads them.
    const std::string_view first = sample.substr(0, sample.find('\n'));
    const auto t = cfSplit(first, '\t');
    std::string ip;
    if (t.size() == cfWords(kAllFields).size() && looksEpochMs(t[0]) && normaliseIp(t[1], ip)
        && t[3].size() == 3)
        return 90;
    return 0;
}

Status CloudFrontRealtimeImporter::parse(InputStream &in, ParseContext &ctx) const
{
    CfLayout layout;
    if (ctx.options.mapping.trimmed().isEmpty()) {
        layout.use(cfWords(kAllFields), fieldTable());
    } else {
        auto fields = fieldsFromMapping(ctx.options.mapping);
        if (!fields)
            return fields.error();
        layout.use(std::vector<std::string_view>(fields->begin(), fields->end()), fieldTable());
    }
    const bool given = !ctx.options.mapping.trimmed().isEmpty();
    return forEachLine(in, ctx, [&](std::string_view line, std::int64_t lineNo) {
        readCloudFrontLine(ctx, layout, line, lineNo,
                           given ? " (the --mapping field list)"
                                 : " (every documented field; give the configuration's with "
                                   "--mapping)");
    });
}

} // namespace netcase
