#pragma once

// ECS names for the fields of Zeek's dns.log, ssl.log, x509.log, files.log and notice.log that
// have an ECS home but no column in the event table (dns.question.name, tls.client.server_name,
// file.hash.sha256, rule.name, ...): they are kept in labels under the ECS name with '_' for '.',
// so "query" becomes labels.dns_question_name.

#include "syslog/labelbuilder.h"

#include <string_view>

namespace netcase {

/// Adds field of the Zeek log named log ("dns", "ssl", "files", "notice") to labels under its ECS
/// name; false when it has none (the caller keeps it under its Zeek name).
bool addZeekEcsLabel(std::string_view log,
                     std::string_view field,
                     std::string_view value,
                     LabelBuilder &labels);

/// The ECS name under x509 (ECS "x509 Certificate Fields") of a field of Zeek's x509.log
/// ("certificate.subject" -> "subject_distinguished_name", "san.dns" -> "alternative_names";
/// also with '_' for '.' as JSON logs written with Log::default_scope_sep = "_" name them), or
/// empty. The caller puts it under tls_server_x509_, tls_client_x509_ or file_x509_, which
/// host_cert and client_cert, logged last, decide.
std::string_view zeekX509Ecs(std::string_view field);

/// True when the x509.log field holds a time (certificate.not_valid_before/_after).
bool isZeekX509Time(std::string_view field);

/// The first member of a Zeek set or vector value, as TSV ("a,b") or JSON (["a","b"]) writes
/// it; many is set when it has more than one.
std::string_view firstOfZeekSet(std::string_view value, bool &many);

} // namespace netcase
