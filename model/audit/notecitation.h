#pragma once

// Factors that cite the analyst's notes (case/notestore.h) as their evidence: "starred events"
// and "events tagged T", each with those events as its evidence, and a timeline entry of the
// analyst's own as a free-text factor. The one place both `netcase decide --cite-starred /
// --cite-tag` and the decision editor's "Cite noted events…" build them, so a decision recorded
// either way stores the same factor.

#include "audit/decision.h"
#include "case/notestore.h"
#include "core/result.h"

#include <vector>

namespace netcase {

class Database;

namespace citation {

/// Noted events one factor can cite: the starred ones, or those carrying one tag.
struct NotedGroup
{
    Note::Kind kind = Note::Kind::Star; ///< Star or Tag
    QString tag;                        ///< the tag (kind Tag)
    QString color;                      ///< the tag's colour, "#rrggbb" (kind Tag)
    std::vector<std::int64_t> events;   ///< ascending
};

/// The factor text of a group: "starred events", "events tagged T".
QString factorText(Note::Kind kind, const QString &tag = {});
/// A factor with that text and the events as its evidence (ascending, no duplicates).
Factor citing(Note::Kind kind, const QString &tag, std::vector<std::int64_t> events);
/// The factor citing every starred event (kind Star) or every event tagged tag (kind Tag);
/// an error (ErrorCode::Usage) when there is none.
Result<Factor> citeAll(const Database &db, Note::Kind kind, const QString &tag = {});
/// The groups the case's notes offer: the starred events (when any), then one per tag in use.
std::vector<NotedGroup> notedGroups(const Database &db);
/// The analyst's timeline entries (notes of kind Entry), by time.
std::vector<Note> timelineEntries(const Database &db);
/// A timeline entry as a free-text factor: "timeline entry 2024-01-20 10:05:00 UTC: TEXT".
Factor entryFactor(const Note &entry);

} // namespace citation
} // namespace netcase
