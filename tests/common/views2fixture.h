#pragma once

// The views fixture (views1fixture.h) plus what the graph, accounts and findings views need:
// a second source with carol's sign-ins (user agent, host, MFA results, a password reset and
// an MFA factor removal) and evidence rows for finding 1.

#include "views1fixture.h"

#include <QString>

namespace netcase::test::views2 {

inline const char *const kCarol = "carol";
inline const char *const kAgent = "Mozilla/5.0 (X11; Linux x86_64) NetcaseTest/1.0";
inline const char *const kHost = "vpn-gw-1";
constexpr int kCarolEvents = 12;
constexpr int kFinding1Evidence = 10; ///< event ids 1..5 and 101..105

bool makeCase(const QString &path);

} // namespace netcase::test::views2
