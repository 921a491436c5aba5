#pragma once

// The case file schema, split by domain. Migration 1 creates all of them; later migrations are
// appended to migrations.cpp and never edited once released.

namespace netcase::schema {

const char *coreV1();     ///< case_info, settings, sources, dictionaries, events, raw, rejects
const char *enrichV1();   ///< enrichment sources (provenance) and per-IP enrichment rows
const char *analysisV1(); ///< findings, evidence, entities/links, rule tuning
const char *auditV1();    ///< decisions, reviews and the hash-chained audit log
const char *coreV2();     ///< index on events(client_ip)
const char *coreV3();     ///< the block event store (events moved there by migration 3)
const char *coreV4();     ///< raw records rebuilt from their events (no table changes)
const char *auditV5();    ///< per-row digests of every covered section (audit/sectiondigest)
const char *notesV6();    ///< notes on events, manual timeline entries, saved searches
const char *intelV6();    ///< threat intelligence: imported files and their indicators

} // namespace netcase::schema
