#pragma once

// What "netcase info", the status bar and reports show about a case: its description, sources
// and totals, read with a few indexed queries.

#include "case/caseinfo.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <utility>
#include <vector>

namespace netcase {

class CaseFile;

struct SourceSummary
{
    std::int64_t id = 0;
    QString name;
    QString path;
    QString member;
    QString sha256;
    QString format;
    QString timezone;
    QString importedAt;
    QString importedBy;
    std::int64_t size = 0;
    std::int64_t events = 0;
    std::int64_t rejects = 0;
    std::int64_t firstTs = 0;
    std::int64_t lastTs = 0;
    std::vector<std::pair<QString, std::int64_t>> rejectReasons; ///< reason, count (most first)
};

struct CaseSummary
{
    CaseInfo info;
    QString path;
    std::vector<SourceSummary> sources;
    std::int64_t events = 0;
    std::int64_t rejects = 0;
    std::int64_t firstTs = 0;
    std::int64_t lastTs = 0;
    std::int64_t distinctIps = 0;
    std::int64_t distinctUsers = 0;
    QString auditHead;

    static CaseSummary read(const CaseFile &caseFile);
    nlohmann::json toJson() const;
};

} // namespace netcase
