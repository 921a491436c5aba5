#pragma once

#include <QString>

namespace netcase {

/// The analyst's name: the configured one if set (QSettings "analyst/name"), else the OS user.
QString currentUserName();

} // namespace netcase
