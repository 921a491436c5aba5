#pragma once

// One SSH attempt, one count. sshd logs one password guess on several lines: "Invalid user X
// from A", PAM's "authentication failure ... rhost=A" and "Failed password for invalid user X
// from A port P" all belong to one try, and "PAM N more authentication failures" repeats tries
// already logged. The lines of one connection share sshd's pid: a connection with "Failed ..."
// lines made that many tries, one with only other failure lines made one. Lines without a pid
// are paired by address, account and time instead.

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace netcase {

class Database;
class Dataset;
struct Ev;

/// Reads the pid (into Dataset::sshPid) and origin (Ev::sshd: sshd, PAM service, PAM summary)
/// of the case's SSH and PAM lines from their labels. Other events are not touched.
void loadSshdLabels(const Database &db, Dataset &d);
/// Marks the SSH failure lines that repeat an attempt counted by another line (kSshEcho).
/// Events must be classified and in time order; pids by event id.
void markSshEchoes(std::vector<Ev> &events,
                   const std::unordered_map<std::int64_t, std::int32_t> &pids);

} // namespace netcase
