#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/output.h"

#include "case/notestore.h"
#include "core/identity.h"
#include "core/timeutil.h"

#include <nlohmann/json.hpp>

namespace netcase::cli {

namespace {

Result<std::vector<std::int64_t>> eventIds(const Args &args)
{
    std::vector<std::int64_t> out;
    for (const QString &v : args.values(QStringLiteral("event"))) {
        for (const QString &part : v.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            bool ok = false;
            const qlonglong id = part.trimmed().toLongLong(&ok);
            if (!ok || id <= 0)
                return makeError(QStringLiteral("--event takes event ids (netcase events shows "
                                                "them), found '%1'")
                                         .arg(part),
                                 ErrorCode::Usage);
            out.push_back(id);
        }
    }
    return out;
}

void report(const std::vector<Note> &notes, const char *verb, bool json)
{
    for (const Note &n : notes) {
        if (json)
            outJson({{"id", n.id},
                     {"kind", notes::kindName(n.kind)},
                     {"event", n.eventId},
                     {"text", n.text.toStdString()},
                     {"action", verb}});
        else
            outLine(QStringLiteral("%1 note %2 (%3%4)")
                            .arg(QLatin1String(verb))
                            .arg(n.id)
                            .arg(QLatin1String(notes::kindName(n.kind)))
                            .arg(n.eventId ? QStringLiteral(" on event %1").arg(n.eventId)
                                           : QString()));
    }
}

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("note", argv,
                                   {{"event", true},
                                    {"tag", true},
                                    {"color", true},
                                    {"star", false},
                                    {"comment", true},
                                    {"remove", false},
                                    {"delete", true},
                                    {"at", true},
                                    {"text", true},
                                    {"analyst", true},
                                    {"json", false}});
    if (!args)
        return fail(args.error());
    const bool json = args->has(QStringLiteral("json"));
    const QString analyst = args->value(QStringLiteral("analyst"), currentUserName());
    const bool entry = args->has(QStringLiteral("at")) || args->has(QStringLiteral("text"));
    const bool onEvents = args->has(QStringLiteral("event"));
    const bool remove = args->has(QStringLiteral("remove"));
    const QString usage = QStringLiteral(
            "give --event ID with --star, --tag T or --comment TEXT; --at TIME --text TEXT for a "
            "timeline entry; or --delete NOTE_ID");
    if (int(entry) + int(onEvents) + int(args->has(QStringLiteral("delete"))) != 1)
        return fail(makeError(usage, ErrorCode::Usage));

    auto c = openCase(args->positional().first(), true);
    if (!c)
        return fail(c.error());
    Database &db = c->db();

    if (args->has(QStringLiteral("delete"))) {
        std::vector<std::int64_t> ids;
        for (const QString &v : args->values(QStringLiteral("delete")))
            for (const QString &part : v.split(QLatin1Char(','), Qt::SkipEmptyParts))
                ids.push_back(part.trimmed().toLongLong());
        auto removed = NoteStore::remove(db, ids, analyst);
        if (!removed)
            return fail(removed.error());
        if (removed->empty())
            return fail(makeError(QStringLiteral("no such note (netcase notes lists them)"),
                                  ErrorCode::Usage));
        report(*removed, "removed", json);
        return 0;
    }
    if (entry) {
        if (!args->has(QStringLiteral("at")) || !args->has(QStringLiteral("text")))
            return fail(makeError(QStringLiteral("a timeline entry needs --at TIME and --text "
                                                 "TEXT"),
                                  ErrorCode::Usage));
        auto at = args->time(QStringLiteral("at"));
        if (!at)
            return fail(at.error());
        auto added = NoteStore::addEntry(db, **at, args->value(QStringLiteral("text")), analyst);
        if (!added)
            return fail(added.error());
        report({*added}, "added", json);
        return 0;
    }
    auto events = eventIds(*args);
    if (!events)
        return fail(events.error());
    struct Want
    {
        Note::Kind kind;
        QString text;
    };
    std::vector<Want> wants;
    if (args->has(QStringLiteral("star")))
        wants.push_back({Note::Kind::Star, {}});
    for (const QString &t : args->values(QStringLiteral("tag")))
        wants.push_back({Note::Kind::Tag, t});
    for (const QString &t : args->values(QStringLiteral("comment")))
        wants.push_back({Note::Kind::Comment, t});
    if (wants.empty())
        return fail(makeError(usage, ErrorCode::Usage));
    if (remove && args->has(QStringLiteral("comment")))
        return fail(makeError(QStringLiteral("--remove takes --star or --tag; remove a comment "
                                             "with --delete NOTE_ID"),
                              ErrorCode::Usage));
    for (const Want &w : wants) {
        auto done = remove ? NoteStore::removeFromEvents(db, *events, w.kind, w.text, analyst)
                           : NoteStore::addToEvents(db, *events, w.kind, w.text,
                                                    args->value(QStringLiteral("color")), analyst);
        if (!done)
            return fail(done.error());
        report(*done, remove ? "removed" : "added", json);
    }
    return 0;
}

} // namespace

extern const Command kNoteCommand
        = {"note",
           "note CASE --event ID[,ID...] [--star] [--tag T [--color C]] [--comment TEXT] "
           "[--remove] | --at TIME --text TEXT | --delete NOTE_ID",
           "star, tag or comment events; add a timeline entry",
           "Writes the analyst's notes into the case. With --event (repeatable, or ids separated\n"
           "by commas; netcase events shows ids): --star stars the events, --tag T tags them\n"
           "(free text, one line; --color #rrggbb or a name such as red; by default the tag's\n"
           "earlier colour), --comment TEXT comments on them. --remove takes the star or the tag\n"
           "off instead. --at TIME --text TEXT adds a timeline entry of the analyst's own (\"user\n"
           "reports phone stolen\"), TIME as in --from (ISO 8601, UTC unless an offset is given).\n"
           "--delete NOTE_ID removes any note (netcase notes lists ids). Each change is an audit\n"
           "record (note.add, note.remove) signed with --analyst NAME (default: the configured\n"
           "analyst, else the OS user). Prints what was added or removed (--json: one object per\n"
           "note). Query the notes with tag:T and is:starred (netcase help query).",
           AppKind::Core,
           &run};

} // namespace netcase::cli
