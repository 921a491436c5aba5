#include "entracsvimporter.h"

#include "api/recordloop.h"
#include "cloud/entrasignin.h"
#include "cloud/jsonrecordimport.h"
#include "core/utf8.h"
#include "tabular/csvreader.h"
#include "tabular/peekstream.h"
#include "tabular/tabularmapping.h"

#include <unordered_map>

namespace netcase {

namespace {

using S = EntraSignIn::Field;

// Column headers of the portal's download, lower-cased. Columns not listed stay in the raw text.
const std::unordered_map<std::string, S> &columns()
{
    static const std::unordered_map<std::string, S> c = {
            {"date (utc)", S::Time},
            {"date", S::Time},
            {"request id", S::RequestId},
            {"user agent", S::UserAgent},
            {"correlation id", S::CorrelationId},
            {"user id", S::UserId},
            {"user", S::UserDisplayName},
            {"username", S::User},
            {"application", S::App},
            {"application id", S::AppId},
            {"resource", S::Resource},
            {"ip address", S::Ip},
            {"location", S::LocationText},
            {"status", S::StatusText},
            {"sign-in error code", S::ErrorCode},
            {"failure reason", S::FailureReason},
            {"client app", S::ClientApp},
            {"device id", S::DeviceId},
            {"browser", S::Browser},
            {"operating system", S::Os},
            {"compliant", S::Compliant},
            {"managed", S::Managed},
            {"multifactor authentication result", S::MfaResult},
            {"multifactor authentication auth method", S::MfaMethod},
            {"multifactor authentication auth detail", S::MfaDetail},
            {"authentication requirement", S::AuthRequirement},
            {"conditional access", S::ConditionalAccess},
            {"session id", S::SessionId},
    };
    return c;
}

} // namespace

int EntraCsvImporter::detect(std::string_view sample) const
{
    const size_t nl = sample.find('\n');
    const std::string header = lowerAscii(sample.substr(0, nl));
    int hits = 0;
    for (const char *col : {"date (utc)", "request id", "ip address", "username",
                            "sign-in error code", "correlation id"})
        hits += header.find(col) != std::string::npos;
    return hits >= 4 ? 95 : 0;
}

Status EntraCsvImporter::parse(InputStream &in, ParseContext &ctx) const
{
    PeekStream peek(in);
    const char delim = CsvReader::detectDelimiter(peek.peek(64 * 1024));
    CsvReader reader(peek, delim);
    std::vector<std::string_view> fields;
    if (!reader.next(fields))
        return reader.failed() ? makeError(QStringLiteral("read error: %1").arg(in.errorString()))
                               : Status();
    std::vector<int> slot; // column → EntraSignIn field, -1 when not read
    bool haveTime = false;
    for (const std::string &name : uniqueColumnNames(fields)) {
        const auto it = columns().find(lowerAscii(name));
        slot.push_back(it == columns().end() ? -1 : int(it->second));
        haveTime = haveTime || (it != columns().end() && it->second == S::Time);
    }
    if (!haveTime)
        return makeError(QStringLiteral("no \"Date (UTC)\" column in the header"));

    EntraSignIn signIn;
    return forEachRecord(reader, fields, in, ctx, [&](const auto &) {
        if (fields.size() != slot.size()) {
            ctx.sink.reject(reader.line(), columnCountMismatch(slot.size(), fields.size()),
                            reader.raw());
            return;
        }
        signIn.clear();
        for (size_t i = 0; i < fields.size(); ++i) {
            if (slot[i] >= 0 && !fields[i].empty())
                signIn.set(S(slot[i]), utf8::isValid(fields[i]) ? std::string(fields[i])
                                                                : utf8::repaired(fields[i]));
        }
        Event e;
        e.line = reader.line();
        if (const RejectReason why = signIn.toEvent(e); why.empty())
            ctx.sink.event(std::move(e), reader.raw());
        else
            ctx.sink.reject(e.line, why, reader.raw());
    });
}

} // namespace netcase
