#include "schema.h"

namespace netcase::schema {

// Notes on events (a star, a tag with its colour, a comment), the analyst's own timeline entries
// (event_id NULL, at_us the time it happened) and named saved searches. Both tables are under
// the audit chain (audit/sectiondigest: sections notes and saved_searches); each change is an
// audit record (note.add, note.remove, search.save, search.delete).
const char *notesV6()
{
    return R"SQL(
CREATE TABLE IF NOT EXISTS notes(
    id INTEGER PRIMARY KEY,
    event_id INTEGER,
    kind TEXT NOT NULL CHECK (kind IN ('star', 'tag', 'comment', 'entry')),
    text TEXT NOT NULL DEFAULT '',
    color TEXT NOT NULL DEFAULT '',
    at_us INTEGER,
    analyst TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK ((kind = 'entry') = (event_id IS NULL))
);
CREATE UNIQUE INDEX IF NOT EXISTS notes_once ON notes(event_id, kind, text)
    WHERE kind IN ('star', 'tag');
CREATE INDEX IF NOT EXISTS notes_event ON notes(event_id);
CREATE TABLE IF NOT EXISTS saved_searches(
    name TEXT PRIMARY KEY,
    query TEXT NOT NULL,
    analyst TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
)SQL";
}

} // namespace netcase::schema
