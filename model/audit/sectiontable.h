#pragma once

// What is under the audit chain: every section (a table, or a part of one) with the SQL that
// reads it in a fixed order, and which audited action writes which sections. The digests
// (sectiondigest.cpp) are computed over these; a new table is added here, once.

#include <span>
#include <string_view>

namespace netcase::digest {

struct SectionDef
{
    const char *name;
    const char *label; ///< "%1" is the chunk key (or its id range)
    const char *sql;   ///< k, then the row's columns; append-only ones take "k >= ?1"
    bool appendOnly;   ///< a chunk's first hash is kept (only the newest may still grow)
    bool content;      ///< one row per chunk, kept as JSON so verify can name the column
    int chunkSize = 1; ///< ids per chunk, for the label
    /// For sections whose writers hash what they write (KnownChunks): the chunk keys from ?1
    /// on, and one chunk's rows (key ?1), so only the chunks not known are read.
    const char *keysSql = nullptr;
    const char *chunkSql = nullptr;
};

/// Every section, in the order verify checks them.
std::span<const SectionDef> sections();
/// The section of that name, or nullptr.
const SectionDef *findSection(std::string_view name);

} // namespace netcase::digest
