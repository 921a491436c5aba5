// Report section about the analyst's notes (at the end of section 5): starred, tagged and
// commented events with their raw lines, and the analyst's own timeline entries, in time order.

#include "htmlout.h"

#include "core/shownzone.h"
#include "core/timeutil.h"
#include "report/reportdata.h"

namespace netcase {

namespace {

QString noteText(const Note &n)
{
    switch (n.kind) {
    case Note::Kind::Star:
        return QStringLiteral("★ starred");
    case Note::Kind::Tag:
        return QStringLiteral("tag: %1").arg(n.text);
    case Note::Kind::Comment:
        return QStringLiteral("comment: %1").arg(n.text);
    case Note::Kind::Entry:
        return QStringLiteral("timeline entry: %1").arg(n.text);
    }
    return n.text;
}

} // namespace

void htmlNotesSection(HtmlOut &out, const ReportData &d)
{
    out.heading(3, QStringLiteral("Notes on events"), QStringLiteral("notes"));
    if (d.noted.empty()) {
        out.paragraph(QStringLiteral("No event was starred, tagged or commented on, and no "
                                     "timeline entry was written."));
        return;
    }
    out.paragraph(QStringLiteral("Stars, tags and comments the analysts put on events, with the "
                                 "events' lines, and their own timeline entries; each was "
                                 "recorded in the audit trail (note.add, note.remove)."),
                  "note");
    out.tableStart({QStringLiteral("Time (%1)").arg(ShownZone::name()), QStringLiteral("Notes"),
                    QStringLiteral("Source:line and raw line")},
                   "evidence", {21, 29, 50});
    for (const ReportNoted &n : d.noted) {
        QStringList notes;
        for (const Note &note : n.notes)
            notes << esc(noteText(note) + QStringLiteral(" (") + note.analyst + QLatin1Char(')'));
        QString line;
        if (n.event)
            line = esc(QStringLiteral("%1:%2 ").arg(n.event->source).arg(n.event->line))
                   + (d.redacted            ? esc(QStringLiteral("(left out: redacted report)"))
                      : n.event->rawMissing ? esc(QStringLiteral("(raw record not kept)"))
                                            : out.rawLine(n.event->raw));
        out.rowHtml({esc(shownSecond(n.atUs)), notes.join(QStringLiteral("<br>")), line});
    }
    out.tableEnd();
}

} // namespace netcase
