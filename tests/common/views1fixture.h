#pragma once

// A small case for the view tests (timeline, map, IP details, linking): events from four
// addresses over two days, enrichment for all four (one private, so without a location) and
// two findings, one of them impossible travel. Values are fixed so tests can assert exact counts.

#include <QString>

#include <cstdint>

namespace netcase::test::views {

/// 2026-03-01T00:00:00Z in microseconds: the first event.
constexpr std::int64_t kBaseUs = 1772323200LL * 1000000;
constexpr std::int64_t kMinuteUs = 60'000'000;

// Addresses and their event counts.
inline const char *const kParis = "203.0.113.7";   // 100 events, alice, 80 success 20 failure
inline const char *const kSydney = "198.51.100.9"; // 30 events, alice, success
inline const char *const kNewYork = "192.0.2.44";  // 20 events, 6 accounts, unknown outcome
inline const char *const kPrivate = "10.0.0.5";    // 10 events, no location
constexpr int kEvents = 160;

/// Writes the case; false (with a qWarning) on failure.
bool makeViewsCase(const QString &path);

} // namespace netcase::test::views
