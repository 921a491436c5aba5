#include "csvimporter.h"

#include "api/recordloop.h"
#include "core/csv.h"
#include "core/utf8.h"
#include "tabular/csvreader.h"
#include "tabular/peekstream.h"
#include "tabular/recordmapper.h"
#include "tabular/tabularmapping.h"

namespace netcase {

int CsvImporter::detect(std::string_view sample) const
{
    // Generic, so only just above the threshold: any specific importer that recognises the
    // file wins. The sample's records (quotes respected, so a quoted line break is no new row)
    // must have the same number (> 1) of columns, bar a few.
    if (sample.empty() || sample.front() == '{' || sample.front() == '[')
        return 0; // JSON, which has commas too
    const size_t lastNewline = sample.rfind('\n');
    if (lastNewline == std::string_view::npos)
        return 0;
    const char d = CsvReader::detectDelimiter(sample);
    auto in = memoryStream(std::string(sample.substr(0, lastNewline + 1)));
    CsvReader reader(*in, d);
    std::vector<std::string_view> fields;
    int records = 0, same = 0;
    size_t columns = 0;
    while (records < 50 && reader.next(fields)) {
        if (records++ == 0)
            columns = fields.size();
        same += fields.size() == columns && reader.problem().empty();
    }
    if (columns < 2 || records < 2 || same * 10 < records * 9)
        return 0;
    return 32;
}

Status CsvImporter::parse(InputStream &in, ParseContext &ctx) const
{
    PeekStream peek(in);
    const std::string &head = peek.peek(64 * 1024);
    auto given = mappingFromOptions(ctx.options);
    if (!given)
        return given.error();
    const char delim = *given && (*given)->delimiter ? (*given)->delimiter
                                                     : CsvReader::detectDelimiter(head);
    const bool header = !*given || (*given)->header;

    CsvReader reader(peek, delim);
    std::vector<std::string_view> fields;
    std::vector<std::string> names;
    if (header) {
        if (!reader.next(fields))
            return reader.failed()
                           ? makeError(QStringLiteral("read error: %1").arg(in.errorString()))
                           : Status();
        names = uniqueColumnNames(fields);
    }
    FieldMapping mapping;
    bool guessed = false;
    if (*given) {
        mapping = **given;
    } else {
        // The values of the first records too: an address column named "client" or "peer".
        std::vector<std::vector<std::string>> sample = csv::records(head, delim);
        if (!sample.empty())
            sample.erase(sample.begin()); // the header
        if (sample.size() > 50)
            sample.resize(50);
        if (!sample.empty())
            sample.pop_back(); // the sample may end in a cut record
        mapping = FieldMapping::guess(names, sample);
        if (!mapping.fields.count("@timestamp"))
            return makeError(QStringLiteral("no --mapping given and no time column recognised "
                                            "among: %1")
                                     .arg(QString::fromStdString(joinNames(names))),
                             ErrorCode::Usage);
        guessed = true;
    }
    if (guessed)
        ctx.sink.note("no --mapping given: columns chosen " + mapping.describe());
    auto mapper = RecordMapper::create(mapping, ctx.options.timezone);
    if (!mapper)
        return mapper.error();

    SourceFields record;
    std::vector<std::string> fixed;
    const Status read = forEachRecord(reader, fields, in, ctx, [&](const auto &) {
        while (names.size() < fields.size()) // headerless files, or rows longer than the header
            names.push_back(std::to_string(names.size() + 1));
        record.clear();
        fixed.clear();
        fixed.reserve(fields.size()); // views into it stay valid
        for (size_t i = 0; i < fields.size(); ++i) {
            std::string_view v = fields[i];
            if (!utf8::isValid(v)) // e.g. a Latin-1 export: keep the text, never break JSON
                v = fixed.emplace_back(utf8::repaired(v));
            record.emplace_back(names[i], v);
        }
        Event e;
        e.line = reader.line();
        if (const RejectReason why = mapper->map(record, e); why.empty())
            ctx.sink.event(std::move(e), reader.raw());
        else
            ctx.sink.reject(e.line, why, reader.raw());
    });
    if (!read)
        return read;
    if (const std::string note = mapper->zoneNote(); !note.empty())
        ctx.sink.note(note);
    return {};
}

} // namespace netcase
