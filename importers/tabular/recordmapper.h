#pragma once

// Applies a FieldMapping to one record given as (source name, value) pairs — CSV columns or
// flattened JSON paths — and fills the normalised event. Shared by the CSV and JSON-lines
// importers and by the mapping dialog's live preview, so the preview shows exactly what an
// import will store.

#include "core/event.h"
#include "core/result.h"
#include "tabular/fieldmapping.h"
#include "tabular/timestampparser.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace netcase {

using SourceFields = std::vector<std::pair<std::string_view, std::string_view>>;

class RecordMapper
{
public:
    /// defaultZone applies when the mapping names no zone. Fails on an unusable mapping.
    static Result<RecordMapper> create(const FieldMapping &mapping, const QString &defaultZone);

    /// Fills e (its line is left alone). Returns a reject reason, or empty.
    RejectReason map(const SourceFields &record, Event &e) const;
    /// After a file: the import's note on how times without an offset were read, or empty
    /// when every time carried its offset (or was epoch time).
    std::string zoneNote() const;

private:
    RecordMapper(const FieldMapping &m, const std::string &zone);
    /// Sets one typed field; a value that does not fit (a port that is not a number) names
    /// the field in unparsed instead.
    void assign(const std::string &target,
                std::string_view value,
                Event &e,
                std::string &unparsed) const;

    FieldMapping m_mapping;
    TimestampParser m_time;
    std::unordered_map<std::string, std::vector<std::string>> m_bySource;
    std::string m_timestampSource;
    std::string m_zone;
};

} // namespace netcase
