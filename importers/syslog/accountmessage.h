#pragma once

// Account changes and the remaining sshd PAM failures in syslog messages, for
// classifyAuthMessage() (authmessage.h):
//   useradd[pid]: new user: name=bob, UID=1001, GID=1001, home=/home/bob, shell=/bin/bash
//   useradd: failed adding user 'bob', data deleted (a failed user_created)
//   useradd / groupadd: new group: name=devs, GID=1002; group added to /etc/group: name=devs
//   userdel: delete user 'bob'; usermod: add 'bob' to group 'sudo'
//   sshd: PAM: User not known to the underlying authentication module for illegal user X from H
//   sshd: PAM: Authentication failure for [illegal user ]X from H

#include "core/event.h"

#include <string_view>

namespace netcase {

class LabelBuilder;

/// True when message of program is one of the above; e and labels are then filled.
bool classifyAccountMessage(std::string_view program,
                            std::string_view message,
                            Event &e,
                            LabelBuilder &labels);

} // namespace netcase
