#include "m365importer.h"

#include "api/jsonflattener.h"
#include "api/recordloop.h"
#include "cloud/m365record.h"
#include "core/utf8.h"
#include "tabular/csvreader.h"
#include "tabular/peekstream.h"
#include "tabular/tabularmapping.h"

namespace netcase {

int M365Importer::detect(std::string_view sample) const
{
    return detectM365Json(sample);
}

Status M365Importer::parse(InputStream &in, ParseContext &ctx) const
{
    M365Mapper mapper;
    return importJsonRecords(in, ctx, mapper);
}

namespace {

// Columns of the export besides AuditData (learn.microsoft.com, "Export, configure, and view
// audit log records": CreationDate, UserIds, Operations, AuditData; the newer Purview export
// names them RecordId, CreationDate, RecordType, Operation, UserId, AuditData).
enum Col { Other = -1, AuditData, CreationDate, UserIds, Operations, RecordType };

Col column(const std::string &name)
{
    const std::string n = lowerAscii(name);
    if (n == "auditdata")
        return AuditData;
    if (n == "creationdate")
        return CreationDate;
    if (n == "userids" || n == "userid")
        return UserIds;
    if (n == "operations" || n == "operation")
        return Operations;
    if (n == "recordtype")
        return RecordType;
    return Other;
}

} // namespace

int M365CsvImporter::detect(std::string_view sample) const
{
    const std::string header = lowerAscii(sample.substr(0, sample.find('\n')));
    const bool auditData = header.find("auditdata") != std::string::npos;
    const bool date = header.find("creationdate") != std::string::npos;
    const bool op = header.find("operation") != std::string::npos;
    return auditData && date && op ? 95 : auditData && (date || op) ? 80 : 0;
}

Status M365CsvImporter::parse(InputStream &in, ParseContext &ctx) const
{
    PeekStream peek(in);
    const char delim = CsvReader::detectDelimiter(peek.peek(64 * 1024));
    CsvReader reader(peek, delim);
    std::vector<std::string_view> fields;
    if (!reader.next(fields))
        return reader.failed() ? makeError(QStringLiteral("read error: %1").arg(in.errorString()))
                               : Status();
    std::vector<Col> cols;
    bool haveAuditData = false;
    for (const std::string &name : uniqueColumnNames(fields)) {
        cols.push_back(column(name));
        haveAuditData = haveAuditData || cols.back() == AuditData;
    }
    if (!haveAuditData)
        return makeError(QStringLiteral("no \"AuditData\" column in the header"));

    M365Mapper mapper;
    JsonFlattener flattener;
    const JsonFlattener::Visitor visit = [&mapper](std::string_view path, const JsonScalar &v) {
        mapper.field(path, v);
    };
    std::string text;
    return forEachRecord(reader, fields, in, ctx, [&](const auto &) {
        if (fields.size() != cols.size()) {
            ctx.sink.reject(reader.line(), columnCountMismatch(cols.size(), fields.size()),
                            reader.raw());
            return;
        }
        mapper.begin();
        std::string bad;
        for (size_t i = 0; i < fields.size() && bad.empty(); ++i) {
            if (cols[i] != AuditData)
                continue;
            text = utf8::isValid(fields[i]) ? std::string(fields[i]) : utf8::repaired(fields[i]);
            bad = flattener.flattenCopy(text, visit);
        }
        if (!bad.empty()) {
            ctx.sink.reject(reader.line(), RejectKind::Syntax, "invalid AuditData JSON: " + bad,
                            reader.raw());
            return;
        }
        for (size_t i = 0; i < fields.size(); ++i) {
            const std::string v
                    = utf8::isValid(fields[i]) ? std::string(fields[i]) : utf8::repaired(fields[i]);
            switch (cols[i]) {
            case CreationDate:
                mapper.fallback(M365Mapper::F::CreationTime, v);
                break;
            case UserIds:
                mapper.fallback(M365Mapper::F::UserId, v);
                break;
            case Operations:
                mapper.fallback(M365Mapper::F::Operation, v);
                break;
            case RecordType:
                mapper.fallback(M365Mapper::F::RecordType, v);
                break;
            default:
                break;
            }
        }
        Event e;
        e.line = reader.line();
        if (const RejectReason why = mapper.finish(e); why.empty())
            ctx.sink.event(std::move(e), reader.raw());
        else
            ctx.sink.reject(e.line, why, reader.raw());
    });
}

} // namespace netcase
