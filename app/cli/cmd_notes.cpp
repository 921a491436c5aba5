#include "cli/args.h"
#include "cli/caseaccess.h"
#include "cli/command.h"
#include "cli/output.h"

#include "case/eventquery.h"
#include "case/notestore.h"
#include "core/displaytext.h"
#include "core/shownzone.h"
#include "core/timeutil.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace netcase::cli {

namespace {

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("notes", argv, {{"json", false}});
    if (!args)
        return fail(args.error());
    auto c = openCase(args->positional().first(), false);
    if (!c)
        return fail(c.error());
    std::vector<Note> all = NoteStore::all(c->db());
    // The time of each noted event, so every note reads on the case's timeline.
    std::vector<std::int64_t> ids;
    for (const Note &n : all)
        if (n.eventId)
            ids.push_back(n.eventId);
    std::map<std::int64_t, std::int64_t> timeOf;
    for (const EventRow &r : EventQuery(c->db()).rows(ids))
        timeOf[r.id] = r.event.timestampUs;
    // In time order (of the event, or the entry's own), each event's notes together.
    std::stable_sort(all.begin(), all.end(), [&](const Note &a, const Note &b) {
        const std::int64_t ta = a.eventId ? timeOf[a.eventId] : a.atUs;
        const std::int64_t tb = b.eventId ? timeOf[b.eventId] : b.atUs;
        return ta != tb ? ta < tb : a.eventId < b.eventId;
    });
    const bool json = args->has(QStringLiteral("json"));
    if (!json && all.empty())
        outLine(QStringLiteral("no notes"));
    for (const Note &n : all) {
        const std::int64_t at = n.eventId ? timeOf[n.eventId] : n.atUs;
        if (json) {
            nlohmann::json j = {{"id", n.id},
                                {"kind", notes::kindName(n.kind)},
                                {"text", n.text.toStdString()},
                                {"@timestamp", formatIsoUs(at)},
                                {"analyst", n.analyst.toStdString()},
                                {"created_at", n.createdAt.toStdString()}};
            j["event"] = n.eventId ? nlohmann::json(n.eventId) : nlohmann::json(nullptr);
            if (n.kind == Note::Kind::Tag)
                j["color"] = n.color.toStdString();
            outJson(j);
            continue;
        }
        QString what
                = n.kind == Note::Kind::Entry ? QString() : QLatin1String(notes::kindName(n.kind));
        if (!n.text.isEmpty())
            what += (what.isEmpty() ? QString() : QStringLiteral(" ")) + displaySafe(n.text);
        if (n.kind == Note::Kind::Tag)
            what += QStringLiteral(" (%1)").arg(n.color);
        outLine(QStringLiteral("#%1  %2  %3  %4  by %5")
                        .arg(n.id)
                        .arg(shownMillis(at))
                        .arg(n.eventId ? QStringLiteral("event %1").arg(n.eventId)
                                       : QStringLiteral("entry"))
                        .arg(what)
                        .arg(displaySafe(n.analyst)));
    }
    return 0;
}

} // namespace

extern const Command kNotesCommand
        = {"notes",
           "notes CASE [--json]",
           "list stars, tags, comments and timeline entries",
           "Lists the analyst's notes in time order (of the event, or the entry's own time):\n"
           "note id, the time (of the event, or the entry's), the event id or \"entry\", the\n"
           "kind with its text (and a tag's colour) and who wrote it. With --json, one object\n"
           "per line: id, kind (star, tag, comment, entry), text, color (tags), @timestamp,\n"
           "event (null for an entry), analyst, created_at. Read-only.",
           AppKind::Core,
           &run};

} // namespace netcase::cli
