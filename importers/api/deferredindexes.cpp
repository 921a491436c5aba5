#include "deferredindexes.h"

#include "case/sqlite.h"

namespace netcase {

Status DeferredIndexes::dropIfEmpty(Database &db)
{
    m_sql.clear();
    if (db.scalar("SELECT EXISTS (SELECT 1 FROM events)", 1) != 0)
        return {};
    // Read the definitions from the schema itself, so indexes added later by other domains are
    // deferred (and restored) too.
    std::vector<std::string> names;
    Statement q = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                             "tbl_name = 'events' AND sql IS NOT NULL ORDER BY name");
    while (q.step()) {
        names.emplace_back(q.textView(0));
        m_sql.emplace_back(q.textView(1));
    }
    for (const std::string &name : names) {
        std::string quoted = "\"";
        for (char c : name)
            quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        quoted += '"';
        if (Status s = db.exec("DROP INDEX " + quoted); !s.ok()) {
            m_sql.clear();
            return s;
        }
    }
    return {};
}

Status DeferredIndexes::rebuild(Database &db)
{
    for (const std::string &sql : m_sql) {
        if (Status s = db.exec(sql); !s.ok())
            return s;
    }
    m_sql.clear();
    return {};
}

} // namespace netcase
