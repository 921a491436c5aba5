#pragma once

// Recognises authentication messages of OpenSSH, PAM, sudo and su in a syslog message and maps
// them to ECS fields. Shared by the syslog and journal importers.
//
// Every message becomes an event: a recognised one gets event.category "authentication" (or
// "session") and a specific event.action (ssh_login, ssh_invalid_user, ssh_disconnect,
// ssh_too_many_failures, pam_auth_failure, session_open, sudo, ...); anything else (cron,
// kernel, systemd, unrecognised sshd chatter) gets category "host", action "syslog" and the
// message in labels.message, with source.ip when the text names an address. Nothing is dropped.

#include "core/event.h"

#include <string_view>

namespace netcase {

class LabelBuilder;

/// Fills e's event.* fields, user, addresses and labels from one message of program.
void classifyAuthMessage(std::string_view program,
                         std::string_view message,
                         Event &e,
                         LabelBuilder &labels);

} // namespace netcase
