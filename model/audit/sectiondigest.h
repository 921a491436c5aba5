#pragma once

// Everything a case asserts, under the audit chain. Each covered table is a section; its rows
// are hashed in chunks (a row, an event block, the raw records of a source, 4,096 dictionary
// entries...) and the chunk hashes are kept in `audit_rows`. The root of a section (SHA-256 over
// its chunk keys and hashes) goes into the payload of the audit record that wrote the section
// (AuditLog::append adds it from the action's name), so the chain covers the roots, the roots
// cover `audit_rows`, and `audit_rows` covers the tables.
//
// Append-only sections (event blocks, raw records, rejects, dictionaries, decisions, reviews)
// keep the hash a chunk had when it was first written: a later write does not absorb an edit of
// an older chunk. Mutable sections (case details, sources, findings, enrichment...) are hashed
// again as a whole by each write that changes them.

#include "core/result.h"

#include <QString>
#include <QStringList>

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <vector>

namespace netcase {

class Database;

namespace digest {

/// The sections an audit action writes (empty for actions that change no covered table).
std::vector<const char *> sectionsWrittenBy(const QString &action);

struct KnownChunks;

/// Rehashes the named sections and returns {section: {"root", "chunks"}} for the audit payload.
/// Call inside the writer's transaction, after its change. `known` holds chunk hashes their
/// writer computed as it wrote them (an import's event blocks and raw records): those chunks are
/// not read back. The caller vouches that they are the rows as written in this transaction.
Result<nlohmann::json> refresh(Database &db,
                               const std::vector<const char *> &sections,
                               const KnownChunks *known = nullptr);

/// Drops the stored chunk hashes of the named sections, so that the next refresh() hashes them
/// afresh from their rows. Only for a write that removes the rows of append-only sections on
/// purpose (case/retention: a purge) and records their new digests in the same transaction.
Status forget(Database &db, const std::vector<const char *> &sections);

struct Coverage
{
    QStringList problems;   ///< the first difference of each damaged section
    QStringList notCovered; ///< sections written before digests existed (older cases)
    int sectionsChecked = 0;
};

/// Recomputes every section (or only the named ones) and compares it with its rows in
/// `audit_rows` and the root the chain recorded last. Read-only.
Coverage check(const Database &db, const std::vector<const char *> &only = {});

} // namespace digest
} // namespace netcase
