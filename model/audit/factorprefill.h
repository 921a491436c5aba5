#pragma once

// Proposes the factors of a decision from what the analysis found: each signal of each finding
// about the subject becomes a factor, tied to the finding's evidence events and to the
// enrichment values (with their sources) of the addresses involved. Reads the findings and
// enrichment tables defensively: they are written by other parts of Netcase and may be empty.

#include "audit/decision.h"

#include <vector>

namespace netcase {

class Database;

class FactorPrefill
{
public:
    /// Factors from the signals of every finding about the subject (at most maxEvidence event
    /// ids per factor).
    static std::vector<Factor>
    forSubject(const Database &db, const Subject &subject, int maxEvidence = 200);
    /// What enrichment showed about one address, each value with its source.
    static std::vector<EnrichmentValue> enrichmentFor(const Database &db, const QString &ip);
    /// Ids of the findings that involve the subject (the finding itself for finding:ID).
    static std::vector<std::int64_t> findingsFor(const Database &db, const Subject &subject);
};

} // namespace netcase
