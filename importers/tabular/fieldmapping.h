#pragma once

// A field mapping for the generic CSV and JSON-lines importers: which column (or JSON path)
// feeds which ECS field, how to read the timestamp, and in which zone. It is JSON, so the
// command line (--mapping TEXT or FILE) and the mapping dialog share one format, and it is saved
// in the case (settings "mapping:<name>") to be reused for the next file:
//
//   {"name": "vpn", "fields": {"@timestamp": "when", "source.ip": "client", "user.name": "who"},
//    "timestamp_format": "%d/%m/%Y %H:%M:%S", "timezone": "Europe/Berlin", "delimiter": ";",
//    "outcome": {"success": ["ok"], "failure": ["denied"]}, "category": "authentication",
//    "unmapped": "labels"}

#include "core/result.h"

#include <QString>
#include <QStringList>

#include <map>
#include <string>
#include <vector>

namespace netcase {

struct FieldMapping
{
    QString name;
    /// ECS field name → source column name (CSV) or path such as "net.src" (JSON lines).
    std::map<std::string, std::string> fields;
    /// "auto" (ISO 8601 or epoch), "iso8601", "epoch", "epoch_ms", "epoch_us", or a pattern
    /// with %Y %y %m %d %e %H %I %M %S %f %p %b %z %T.
    std::string timestampFormat = "auto";
    /// IANA zone for timestamps without an offset; empty = the import's --timezone.
    std::string timezone;
    char delimiter = 0; ///< CSV only; 0 = detect
    bool header = true; ///< CSV only; without a header, columns are named "1", "2", ...
    std::vector<std::string> successValues; ///< extra event.outcome values meaning success
    std::vector<std::string> failureValues;
    std::string category;         ///< event.category when no column gives it
    bool unmappedToLabels = true; ///< other columns go to labels (they stay in the raw text anyway)

    /// The ECS fields a mapping can fill, in display order.
    static const std::vector<std::string> &targets();

    /// Reads a mapping from JSON text, or from a .json file when text names one.
    static Result<FieldMapping> fromText(const QString &textOrPath);
    static Result<FieldMapping> fromJson(const std::string &json);
    std::string toJson() const;

    /// A first guess from column names or JSON paths ("timestamp", "src_ip", "user", ...).
    static FieldMapping guess(const std::vector<std::string> &sourceNames);
    /// The same, then from the values of the first records (rows[i][c] is column c of
    /// sourceNames): when no column's name says source.ip, the first column whose non-empty
    /// values are nearly all IP addresses ("client", "remote", "peer") becomes it.
    static FieldMapping guess(const std::vector<std::string> &sourceNames,
                              const std::vector<std::vector<std::string>> &rows);

    /// The fields mapped, "@timestamp = TimeGenerated, source.ip = ClientIP", for the notes
    /// of an import whose mapping was guessed.
    std::string describe() const;

    /// Why this mapping cannot import anything (no @timestamp, unknown field), or empty.
    QString problem() const;
};

} // namespace netcase
