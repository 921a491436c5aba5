#include "notecitation.h"

#include "core/timeutil.h"

#include <algorithm>

namespace netcase::citation {

QString factorText(Note::Kind kind, const QString &tag)
{
    return kind == Note::Kind::Tag ? QStringLiteral("events tagged %1").arg(tag.trimmed())
                                   : QStringLiteral("starred events");
}

Factor citing(Note::Kind kind, const QString &tag, std::vector<std::int64_t> events)
{
    std::sort(events.begin(), events.end());
    events.erase(std::unique(events.begin(), events.end()), events.end());
    Factor f;
    f.text = factorText(kind, tag);
    f.evidence = std::move(events);
    return f;
}

Result<Factor> citeAll(const Database &db, Note::Kind kind, const QString &tag)
{
    std::vector<std::int64_t> events = NoteStore::eventsWith(db, kind, tag.trimmed());
    if (events.empty())
        return makeError(QStringLiteral("%1: no such events in the case (netcase notes)")
                                 .arg(factorText(kind, tag)),
                         ErrorCode::Usage);
    return citing(kind, tag, std::move(events));
}

std::vector<NotedGroup> notedGroups(const Database &db)
{
    std::vector<NotedGroup> out;
    if (auto starred = NoteStore::eventsWith(db, Note::Kind::Star); !starred.empty())
        out.push_back({Note::Kind::Star, {}, {}, std::move(starred)});
    for (const QString &tag : NoteStore::tags(db))
        if (auto tagged = NoteStore::eventsWith(db, Note::Kind::Tag, tag); !tagged.empty())
            out.push_back({Note::Kind::Tag, tag, notes::defaultColor(db, tag), std::move(tagged)});
    return out;
}

std::vector<Note> timelineEntries(const Database &db)
{
    std::vector<Note> out;
    for (Note &n : NoteStore::all(db))
        if (n.kind == Note::Kind::Entry)
            out.push_back(std::move(n));
    std::stable_sort(out.begin(), out.end(),
                     [](const Note &a, const Note &b) { return a.atUs < b.atUs; });
    return out;
}

Factor entryFactor(const Note &entry)
{
    Factor f;
    f.text = QStringLiteral("timeline entry %1: %2").arg(utcStamp(entry.atUs), entry.text);
    return f;
}

} // namespace netcase::citation
