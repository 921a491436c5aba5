#include "jsonlimporter.h"

#include "cloud/jsonrecordimport.h"
#include "tabular/peekstream.h"
#include "tabular/recordmapper.h"
#include "tabular/tabularmapping.h"

#include <algorithm>

namespace netcase {

namespace {

/// Collects a record's scalars, then applies the mapping to them.
class MappedJsonMapper final : public JsonEventMapper
{
public:
    explicit MappedJsonMapper(const RecordMapper &mapper)
        : m_mapper(mapper)
    {}

    void begin() override { m_count = 0; }

    void field(std::string_view path, const JsonScalar &value) override
    {
        if (value.kind == JsonScalar::Kind::Null)
            return;
        if (m_count == m_store.size())
            m_store.emplace_back();
        m_store[m_count].first.assign(path);
        m_store[m_count].second.assign(value.text);
        ++m_count;
    }

    RejectReason finish(Event &e) override
    {
        m_record.clear();
        for (size_t i = 0; i < m_count; ++i)
            m_record.emplace_back(m_store[i].first, m_store[i].second);
        return m_mapper.map(m_record, e);
    }

private:
    const RecordMapper &m_mapper;
    std::vector<std::pair<std::string, std::string>> m_store; // reused between records
    size_t m_count = 0;
    SourceFields m_record;
};

} // namespace

int JsonlImporter::detect(std::string_view sample) const
{
    // Generic: any file of JSON objects, just above the threshold so specific importers win.
    const JsonSample s = sampleJson(sample, 5);
    if (s.records.empty())
        return 0;
    return 31;
}

Status JsonlImporter::parse(InputStream &in, ParseContext &ctx) const
{
    PeekStream peek(in);
    auto given = mappingFromOptions(ctx.options);
    if (!given)
        return given.error();
    FieldMapping mapping;
    bool guessed = false;
    if (*given) {
        mapping = **given;
    } else {
        const JsonSample s = sampleJson(peek.peek(64 * 1024), 1);
        std::vector<std::string> paths;
        if (!s.records.empty()) {
            for (const std::string &p : s.records.front()) {
                if (p.find('=') == std::string::npos)
                    paths.push_back(p);
            }
        }
        std::sort(paths.begin(), paths.end());
        mapping = FieldMapping::guess(paths);
        if (!mapping.fields.count("@timestamp"))
            return makeError(QStringLiteral("no --mapping given and no time field recognised "
                                            "among: %1")
                                     .arg(QString::fromStdString(joinNames(paths))),
                             ErrorCode::Usage);
        guessed = true;
    }
    if (guessed)
        ctx.sink.note("no --mapping given: fields chosen " + mapping.describe());
    auto mapper = RecordMapper::create(mapping, ctx.options.timezone);
    if (!mapper)
        return mapper.error();
    MappedJsonMapper adapter(*mapper);
    Status status = importJsonRecords(peek, ctx, adapter);
    if (const std::string note = mapper->zoneNote(); status.ok() && !note.empty())
        ctx.sink.note(note);
    return status;
}

} // namespace netcase
