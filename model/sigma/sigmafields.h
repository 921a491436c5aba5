#pragma once

// The one field-mapping table between Sigma and Netcase (documented in docs/SIGMA.md): which
// of the case's sources a rule's `logsource` means, and where each Sigma field of that log
// source is read: an ECS field of the event (core/fields.h), a part of one, a label, or, for
// sources whose records are JSON documents, the path in the original record.

#include "sigmarule.h"

#include "core/fields.h"

#include <optional>
#include <string>

namespace netcase::sigma {

struct FieldSource
{
    enum class Kind : std::uint8_t {
        Ecs,          ///< an event field
        UrlQuery,     ///< url.original after '?'
        UrlPath,      ///< url.original before '?'
        UrlExtension, ///< the extension of the path's last segment
        Label,        ///< labels.<key>
        Document,     ///< the original JSON record at a dotted path, else labels.<key>
    };
    Kind kind = Kind::Ecs;
    const FieldDef *ecs = nullptr;
    std::string key;
};

/// The case's sources for a rule's logsource, or the reason there are none.
std::optional<SourceScope> scopeFor(const std::string &category,
                                    const std::string &product,
                                    const std::string &service,
                                    std::string &reason);

/// Where a Sigma field of a mapping group is read; nullopt when Netcase has no such field for
/// that group (the rule is then listed as unsupported).
std::optional<FieldSource> resolveField(const std::string &group, const std::string &field);

} // namespace netcase::sigma
