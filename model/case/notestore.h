#pragma once

// Notes on events and the analyst's own timeline entries (`notes` table, schema 6): a star, a
// tag (free text with a colour) or a comment on one or many events, and entries such as "user
// reports phone stolen" at a time the analyst gives. The only code that reads or writes the
// table. Every change runs in one transaction with its audit record (note.add, note.remove),
// whose payload names the notes; the table is a section of the audit chain.

#include "core/result.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <vector>

namespace netcase {

class Database;

struct Note
{
    enum class Kind { Star, Tag, Comment, Entry };
    std::int64_t id = 0;
    std::int64_t eventId = 0; ///< 0 for an entry
    Kind kind = Kind::Comment;
    QString text;          ///< the tag, the comment, the entry ("" for a star)
    QString color;         ///< a tag's colour, "#rrggbb"
    std::int64_t atUs = 0; ///< an entry's time (UTC microseconds); an event note: 0
    QString analyst;
    QString createdAt;
};

/// What the notes say about one event, for the event table.
struct EventMarks
{
    bool starred = false;
    std::vector<std::pair<QString, QString>> tags; ///< (tag, colour)
    QStringList comments;
};

namespace notes {
const char *kindName(Note::Kind kind); ///< star, tag, comment, entry
bool parseKind(const QString &name, Note::Kind *out);
/// The colour a tag gets when none is given: the one it had last, else one of a fixed palette
/// picked from the tag's text.
QString defaultColor(const Database &db, const QString &tag);
/// The colour names a tag may be given (besides #rrggbb).
QStringList colorNames();
} // namespace notes

class NoteStore
{
public:
    /// Stars, tags or comments each event (a star or tag an event already has is left as it
    /// is). Returns the notes added. Refuses unknown events, empty tags and comments, and a
    /// read-only case.
    static Result<std::vector<Note>> addToEvents(Database &db,
                                                 const std::vector<std::int64_t> &events,
                                                 Note::Kind kind,
                                                 const QString &text,
                                                 const QString &color,
                                                 const QString &analyst);
    /// A timeline entry of the analyst's own, at atUs.
    static Result<Note>
    addEntry(Database &db, std::int64_t atUs, const QString &text, const QString &analyst);
    /// Removes notes by id (audited with their content). Returns those removed.
    static Result<std::vector<Note>>
    remove(Database &db, const std::vector<std::int64_t> &ids, const QString &analyst);
    /// Removes the star (kind Star) or the tag `text` (kind Tag) from each event.
    static Result<std::vector<Note>> removeFromEvents(Database &db,
                                                      const std::vector<std::int64_t> &events,
                                                      Note::Kind kind,
                                                      const QString &text,
                                                      const QString &analyst);
    /// Adds back notes removed before (an undo), as new notes with the same content.
    static Result<std::vector<Note>>
    restore(Database &db, const std::vector<Note> &notes, const QString &analyst);

    /// Every note, entries by time and event notes by event, then id. Empty on a case older
    /// than schema 6.
    static std::vector<Note> all(const Database &db);
    static std::vector<Note> forEvents(const Database &db, const std::vector<std::int64_t> &ids);
    /// Marks of every noted event.
    static std::map<std::int64_t, EventMarks> marks(const Database &db);
    /// Events with a star (kind Star) or with the tag text (kind Tag), ascending.
    static std::vector<std::int64_t>
    eventsWith(const Database &db, Note::Kind kind, const QString &text = {});
    /// Events that are starred or carry a tag, ascending.
    static std::vector<std::int64_t> markedEvents(const Database &db);
    /// Every tag in use, sorted.
    static QStringList tags(const Database &db);
};

} // namespace netcase
