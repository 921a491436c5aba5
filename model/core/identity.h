#pragma once

#include <QString>

namespace netcase {

/// The analyst's name: the configured one if set (QSettings "analyst/name"), else the OS user.
QString currentUserName();
/// The operating-system account the process runs as (from the password database, not the
/// environment), recorded in every audit record besides the name typed.
QString osAccountName();

} // namespace netcase
