#include "notestore.h"

#include "audit/auditlog.h"
#include "case/sqlite.h"
#include "core/timeutil.h"

#include <QCryptographicHash>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace netcase {

namespace {

constexpr const char *kColumns
        = "SELECT id, event_id, kind, text, color, at_us, analyst, created_at FROM notes ";
constexpr int kMaxText = 4000;
constexpr int kMaxTag = 64;

Note readNote(const Statement &st)
{
    Note n;
    n.id = st.int64(0);
    n.eventId = st.isNull(1) ? 0 : st.int64(1);
    notes::parseKind(st.text(2), &n.kind);
    n.text = st.text(3);
    n.color = st.text(4);
    n.atUs = st.isNull(5) ? 0 : st.int64(5);
    n.analyst = st.text(6);
    n.createdAt = st.text(7);
    return n;
}

nlohmann::json toJson(const Note &n)
{
    nlohmann::json j
            = {{"id", n.id}, {"kind", notes::kindName(n.kind)}, {"text", n.text.toStdString()}};
    if (n.eventId)
        j["event"] = n.eventId;
    if (n.kind == Note::Kind::Tag)
        j["color"] = n.color.toStdString();
    if (n.kind == Note::Kind::Entry)
        j["at"] = formatIsoUs(n.atUs);
    return j;
}

Status writable(const Database &db, const QString &analyst)
{
    if (db.readOnly())
        return makeError(QStringLiteral("the case is read-only; notes cannot be changed"),
                         ErrorCode::Locked);
    if (!db.hasTable("notes"))
        return makeError(QStringLiteral("this case predates notes: run netcase upgrade on it"),
                         ErrorCode::Locked);
    if (analyst.trimmed().isEmpty())
        return makeError(QStringLiteral("a note needs the analyst's name"), ErrorCode::Usage);
    return {};
}

/// Tag and comment text: trimmed, not empty, one line for a tag, bounded.
Result<QString> checkText(Note::Kind kind, const QString &raw)
{
    if (kind == Note::Kind::Star)
        return QString();
    const QString text = raw.trimmed();
    if (text.isEmpty())
        return makeError(
                QStringLiteral("a %1 needs its text").arg(QLatin1String(notes::kindName(kind))),
                ErrorCode::Usage);
    if (kind == Note::Kind::Tag
        && (text.size() > kMaxTag || text.contains(QLatin1Char('\n'))
            || text.contains(QLatin1Char('\r'))))
        return makeError(QStringLiteral("a tag is one line of at most %1 characters").arg(kMaxTag),
                         ErrorCode::Usage);
    if (text.size() > kMaxText)
        return makeError(QStringLiteral("a note holds at most %1 characters").arg(kMaxText),
                         ErrorCode::Usage);
    return text;
}

Result<std::vector<Note>>
insertAll(Database &db, const std::vector<Note> &wanted, const QString &analyst, const char *action)
{
    Transaction tx(db);
    if (!tx.active())
        return makeError(QStringLiteral("cannot change notes: %1").arg(db.lastError()));
    Statement ins = db.prepare("INSERT OR IGNORE INTO notes(event_id, kind, text, color, at_us, "
                               "analyst, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    std::vector<Note> added;
    nlohmann::json list = nlohmann::json::array();
    const QString now = nowIso();
    for (Note n : wanted) {
        n.analyst = analyst;
        n.createdAt = now;
        if (n.eventId)
            ins.bind(1, n.eventId);
        else
            ins.bindNull(1);
        ins.bind(2, notes::kindName(n.kind)).bind(3, n.text).bind(4, n.color);
        if (n.kind == Note::Kind::Entry)
            ins.bind(5, n.atUs);
        else
            ins.bindNull(5);
        ins.bind(6, n.analyst).bind(7, n.createdAt);
        if (Status s = ins.exec(); !s.ok())
            return s.error();
        ins.reset();
        if (db.changes() == 0)
            continue; // the event already had this star or tag
        n.id = db.lastInsertId();
        list.push_back(toJson(n));
        added.push_back(std::move(n));
    }
    if (!added.empty()) {
        if (Status s
            = AuditLog::append(db, analyst, QString::fromLatin1(action), {{"notes", list}});
            !s.ok())
            return s.error();
    }
    if (Status s = tx.commit(); !s.ok())
        return s.error();
    return added;
}

const std::pair<const char *, const char *> kNames[]
        = {{"red", "#d9534f"},  {"orange", "#e67e22"}, {"yellow", "#f1c40f"}, {"green", "#5cb85c"},
           {"blue", "#337ab7"}, {"cyan", "#5bc0de"},   {"purple", "#9b59b6"}, {"pink", "#e91e63"},
           {"grey", "#7f8c8d"}, {"gray", "#7f8c8d"},   {"black", "#000000"},  {"brown", "#8d6e63"}};

/// "#rrggbb" from #rgb, #rrggbb or a colour name; empty when it is none of these.
QString normalColor(const QString &raw)
{
    const QString c = raw.trimmed().toLower();
    for (const auto &[name, hex] : kNames)
        if (c == QLatin1String(name))
            return QString::fromLatin1(hex);
    const bool hex
            = c.size() > 1 && c[0] == QLatin1Char('#')
              && std::all_of(c.begin() + 1, c.end(), [](QChar ch) {
                     return ch.isDigit() || (ch >= QLatin1Char('a') && ch <= QLatin1Char('f'));
                 });
    if (hex && c.size() == 7)
        return c;
    if (hex && c.size() == 4)
        return QStringLiteral("#%1%1%2%2%3%3").arg(c[1]).arg(c[2]).arg(c[3]);
    return {};
}

std::vector<Note> select(const Database &db, const std::string &where)
{
    std::vector<Note> out;
    if (!db.hasTable("notes"))
        return out;
    Statement st = db.prepare(kColumns + where);
    while (st.valid() && st.step())
        out.push_back(readNote(st));
    return out;
}

std::string idList(const std::vector<std::int64_t> &ids)
{
    std::string out;
    for (std::int64_t id : ids)
        out += (out.empty() ? "" : ",") + std::to_string(id);
    return out;
}

} // namespace

namespace notes {

const char *kindName(Note::Kind kind)
{
    switch (kind) {
    case Note::Kind::Star:
        return "star";
    case Note::Kind::Tag:
        return "tag";
    case Note::Kind::Comment:
        return "comment";
    case Note::Kind::Entry:
        return "entry";
    }
    return "comment";
}

bool parseKind(const QString &name, Note::Kind *out)
{
    for (Note::Kind k : {Note::Kind::Star, Note::Kind::Tag, Note::Kind::Comment, Note::Kind::Entry})
        if (name == QLatin1String(kindName(k))) {
            *out = k;
            return true;
        }
    return false;
}

QString defaultColor(const Database &db, const QString &tag)
{
    if (db.hasTable("notes")) {
        Statement st = db.prepare(
                "SELECT color FROM notes WHERE kind = 'tag' AND text = ? ORDER BY id DESC LIMIT 1");
        st.bind(1, tag);
        if (st.valid() && st.step())
            return st.text(0);
    }
    static const char *const kPalette[] = {"#d9534f", "#f0ad4e", "#5cb85c", "#5bc0de",
                                           "#337ab7", "#9b59b6", "#e67e22", "#7f8c8d"};
    const QByteArray h = QCryptographicHash::hash(tag.toUtf8(), QCryptographicHash::Sha256);
    return QString::fromLatin1(kPalette[static_cast<unsigned char>(h[0]) % std::size(kPalette)]);
}

QStringList colorNames()
{
    QStringList out;
    for (const auto &[name, hex] : kNames)
        if (QLatin1String(name) != QLatin1String("gray"))
            out << QString::fromLatin1(name);
    return out;
}

} // namespace notes

Result<std::vector<Note>> NoteStore::addToEvents(Database &db,
                                                 const std::vector<std::int64_t> &events,
                                                 Note::Kind kind,
                                                 const QString &rawText,
                                                 const QString &rawColor,
                                                 const QString &analyst)
{
    if (Status s = writable(db, analyst); !s.ok())
        return s.error();
    if (kind == Note::Kind::Entry)
        return makeError(QStringLiteral("a timeline entry has a time, not an event"),
                         ErrorCode::Usage);
    if (events.empty())
        return makeError(QStringLiteral("no events to note"), ErrorCode::Usage);
    auto text = checkText(kind, rawText);
    if (!text)
        return text.error();
    QString color;
    if (kind == Note::Kind::Tag) {
        color = rawColor.trimmed();
        if (color.isEmpty())
            color = notes::defaultColor(db, *text);
        const QString normal = normalColor(color);
        if (normal.isEmpty())
            return makeError(QStringLiteral("'%1' is not a colour (use #rrggbb or one of red, "
                                            "orange, yellow, green, blue, cyan, purple, pink, "
                                            "grey, black, brown)")
                                     .arg(color),
                             ErrorCode::Usage);
        color = normal;
    }
    std::vector<Note> wanted;
    Statement exists = db.prepare("SELECT 1 FROM events WHERE id = ?");
    for (std::int64_t id : std::set<std::int64_t>(events.begin(), events.end())) {
        exists.bind(1, id);
        const bool found = exists.step();
        exists.reset();
        if (!found)
            return makeError(QStringLiteral("there is no event %1 in the case").arg(id),
                             ErrorCode::Usage);
        Note n;
        n.eventId = id;
        n.kind = kind;
        n.text = *text;
        n.color = color;
        wanted.push_back(std::move(n));
    }
    return insertAll(db, wanted, analyst, "note.add");
}

Result<Note>
NoteStore::addEntry(Database &db, std::int64_t atUs, const QString &rawText, const QString &analyst)
{
    if (Status s = writable(db, analyst); !s.ok())
        return s.error();
    auto text = checkText(Note::Kind::Entry, rawText);
    if (!text)
        return text.error();
    Note n;
    n.kind = Note::Kind::Entry;
    n.text = *text;
    n.atUs = atUs;
    auto added = insertAll(db, {n}, analyst, "note.add");
    if (!added)
        return added.error();
    return added->front();
}

Result<std::vector<Note>>
NoteStore::remove(Database &db, const std::vector<std::int64_t> &ids, const QString &analyst)
{
    if (Status s = writable(db, analyst); !s.ok())
        return s.error();
    const std::vector<Note> found = select(db, "WHERE id IN (" + idList(ids) + ") ORDER BY id");
    if (found.empty())
        return found;
    Transaction tx(db);
    if (!tx.active())
        return makeError(QStringLiteral("cannot change notes: %1").arg(db.lastError()));
    nlohmann::json list = nlohmann::json::array();
    Statement del = db.prepare("DELETE FROM notes WHERE id = ?");
    for (const Note &n : found) {
        del.bind(1, n.id);
        if (Status s = del.exec(); !s.ok())
            return s.error();
        del.reset();
        list.push_back(toJson(n));
    }
    if (Status s = AuditLog::append(db, analyst, QStringLiteral("note.remove"), {{"notes", list}});
        !s.ok())
        return s.error();
    if (Status s = tx.commit(); !s.ok())
        return s.error();
    return found;
}

Result<std::vector<Note>> NoteStore::removeFromEvents(Database &db,
                                                      const std::vector<std::int64_t> &events,
                                                      Note::Kind kind,
                                                      const QString &text,
                                                      const QString &analyst)
{
    std::vector<std::int64_t> ids;
    const QString wantText = kind == Note::Kind::Star ? QString() : text.trimmed();
    for (const Note &n : forEvents(db, events))
        if (n.kind == kind && n.text == wantText)
            ids.push_back(n.id);
    if (ids.empty())
        return std::vector<Note>{};
    return remove(db, ids, analyst);
}

Result<std::vector<Note>>
NoteStore::restore(Database &db, const std::vector<Note> &notes, const QString &analyst)
{
    if (Status s = writable(db, analyst); !s.ok())
        return s.error();
    return insertAll(db, notes, analyst, "note.add");
}

std::vector<Note> NoteStore::all(const Database &db)
{
    return select(db, "ORDER BY event_id IS NOT NULL, at_us, event_id, id");
}

std::vector<Note> NoteStore::forEvents(const Database &db, const std::vector<std::int64_t> &ids)
{
    if (ids.empty())
        return {};
    return select(db, "WHERE event_id IN (" + idList(ids) + ") ORDER BY event_id, id");
}

std::map<std::int64_t, EventMarks> NoteStore::marks(const Database &db)
{
    std::map<std::int64_t, EventMarks> out;
    for (const Note &n : select(db, "WHERE event_id IS NOT NULL ORDER BY event_id, id")) {
        EventMarks &m = out[n.eventId];
        if (n.kind == Note::Kind::Star)
            m.starred = true;
        else if (n.kind == Note::Kind::Tag)
            m.tags.emplace_back(n.text, n.color);
        else
            m.comments << n.text;
    }
    return out;
}

std::vector<std::int64_t>
NoteStore::eventsWith(const Database &db, Note::Kind kind, const QString &text)
{
    std::vector<std::int64_t> out;
    if (!db.hasTable("notes"))
        return out;
    Statement st = db.prepare("SELECT DISTINCT event_id FROM notes WHERE kind = ? AND text = ? "
                              "AND event_id IS NOT NULL ORDER BY event_id");
    st.bind(1, notes::kindName(kind))
            .bind(2, kind == Note::Kind::Star ? QString() : text.trimmed());
    while (st.valid() && st.step())
        out.push_back(st.int64(0));
    return out;
}

std::vector<std::int64_t> NoteStore::markedEvents(const Database &db)
{
    std::vector<std::int64_t> out;
    if (!db.hasTable("notes"))
        return out;
    Statement st = db.prepare("SELECT DISTINCT event_id FROM notes WHERE kind IN ('star', 'tag') "
                              "ORDER BY event_id");
    while (st.valid() && st.step())
        out.push_back(st.int64(0));
    return out;
}

QStringList NoteStore::tags(const Database &db)
{
    QStringList out;
    if (!db.hasTable("notes"))
        return out;
    Statement st = db.prepare("SELECT DISTINCT text FROM notes WHERE kind = 'tag' ORDER BY text");
    while (st.valid() && st.step())
        out << st.text(0);
    return out;
}

} // namespace netcase
