#pragma once

// ECS names for the fields of Zeek's dns.log and ssl.log that have an ECS home but no column in
// the event table (dns.question.name, tls.client.server_name, ...): they are kept in labels under
// the ECS name with '_' for '.', so "query" becomes labels.dns_question_name.

#include "syslog/labelbuilder.h"

#include <string_view>

namespace netcase {

/// Adds field of the Zeek log named log ("dns", "ssl") to labels under its ECS name; false
/// when it has none (the caller keeps it under its Zeek name).
bool addZeekEcsLabel(std::string_view log,
                     std::string_view field,
                     std::string_view value,
                     LabelBuilder &labels);

} // namespace netcase
