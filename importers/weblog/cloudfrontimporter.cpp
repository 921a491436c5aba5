#include "cloudfrontimporter.h"

#include "api/recordloop.h"
#include "core/timeutil.h"
#include "weblog/cloudfrontrecord.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace netcase {

namespace {

// The fields of a standard log file (docs.aws.amazon.com, CloudFront developer guide,
// "Standard logging reference", "Log file fields"); any other name is kept in labels.
const std::unordered_map<std::string_view, CfField> &fieldTable()
{
    static const std::unordered_map<std::string_view, CfField> t = {
            {"date", CfField::Date},
            {"time", CfField::Time},
            {"c-ip", CfField::ClientIp},
            {"c-port", CfField::ClientPort},
            {"cs-method", CfField::Method},
            {"cs-uri-stem", CfField::UriStem},
            {"cs-uri-query", CfField::UriQuery},
            {"sc-status", CfField::Status},
            {"cs(Referer)", CfField::Referer},
            {"cs(User-Agent)", CfField::UserAgent},
            {"x-host-header", CfField::HostHeader},
            {"cs(Host)", CfField::DistributionHost},
            {"sc-bytes", CfField::ScBytes},
            {"cs-bytes", CfField::CsBytes},
            {"time-taken", CfField::TimeTaken},
            {"x-forwarded-for", CfField::ForwardedFor},
    };
    return t;
}

// The 33 fields of the legacy standard log, for a file whose header lines were cut off.
constexpr std::string_view kDefaultFields
        = "date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status "
          "cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type "
          "x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for "
          "ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status "
          "fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type "
          "sc-content-type sc-content-len sc-range-start sc-range-end";

bool isFieldsLine(std::string_view line)
{
    return line.starts_with("#Fields:");
}

} // namespace

int CloudFrontImporter::detect(std::string_view sample) const
{
    const size_t f = sample.find("#Fields:");
    if (f != std::string_view::npos && (f == 0 || sample[f - 1] == '\n')) {
        const std::string_view line = sample.substr(f, sample.find('\n', f) - f);
        if (line.find("x-edge-location") != std::string_view::npos
            || line.find("x-edge-request-id") != std::string_view::npos)
            return 95;
        return 0; // another W3C log (IIS): not read here
    }
    // Without headers: date, time and an edge location ("FRA56-P1") separated by tabs.
    const std::string_view first = sample.substr(0, sample.find('\n'));
    const auto t = cfSplit(first, '\t');
    if (t.size() >= 20 && t[0].size() == 10
        && parseIso(std::string(t[0]) + "T" + std::string(t[1]) + "Z")
        && t[2].find('-') != std::string_view::npos)
        return 70;
    return 0;
}

Status CloudFrontImporter::parse(InputStream &in, ParseContext &ctx) const
{
    CfLayout layout;
    bool haveFields = false;
    return forEachLine(in, ctx, [&](std::string_view line, std::int64_t lineNo) {
        if (line.front() == '#') {
            if (isFieldsLine(line)) {
                layout.use(cfWords(line.substr(8)), fieldTable());
                haveFields = true;
            }
            return; // #Version and other directives
        }
        if (!haveFields) {
            layout.use(cfWords(kDefaultFields), fieldTable());
            haveFields = true;
            ctx.sink.note("no #Fields line: read as the 33 fields of the standard log");
        }
        readCloudFrontLine(ctx, layout, line, lineNo);
    });
}

} // namespace netcase
