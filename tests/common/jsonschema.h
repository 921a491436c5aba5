#pragma once

// A small JSON Schema validator for the subset Netcase's schemas use (docs/report.schema.json):
// type (one or a list), const, enum, required, properties, additionalProperties (false or a
// schema), items, minimum, maximum. Unknown keywords are ignored.

#include <QJsonValue>
#include <QStringList>

namespace netcase::test {

/// Every violation as "path: what", empty when value matches schema.
QStringList validateJsonSchema(const QJsonValue &value, const QJsonValue &schema);

} // namespace netcase::test
