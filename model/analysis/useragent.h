#pragma once

// User-agent parsing with uap-core's shared regexes (/usr/share/uap-core/regexes.yaml, Debian
// package uap-core) through RE2: the same rules every ua-parser port uses, not hand-written
// patterns. All agent patterns go into one RE2::Set so an agent is matched in a single pass.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace netcase {

struct UserAgentInfo
{
    std::string family = "Other"; ///< "Chrome", "Python Requests", "curl", ...
    int major = -1;
    std::string os = "Other";
};

class UserAgentParser
{
public:
    /// The process-wide parser over the installed regexes (loaded once, thread-safe to use).
    static const UserAgentParser &instance();
    explicit UserAgentParser(const std::string &yamlPath);
    ~UserAgentParser();

    bool available() const;
    /// How many uap-core patterns RE2 accepted, out of how many.
    int patterns() const;
    int skipped() const;
    UserAgentInfo parse(std::string_view agent) const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

/// Parses each distinct agent string once per analysis run.
class UserAgentCache
{
public:
    const UserAgentInfo &get(std::int32_t id, const std::string &agent);

private:
    std::unordered_map<std::int32_t, UserAgentInfo> m_cache;
};

} // namespace netcase
