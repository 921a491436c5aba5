#include "settingsstore.h"

#include "sqlite.h"

namespace netcase {

std::optional<std::string> SettingsStore::get(const Database &db, const QString &key)
{
    Statement st = db.prepare("SELECT value FROM settings WHERE key = ?");
    st.bind(1, key);
    if (!st.step())
        return std::nullopt;
    return std::string(st.textView(0));
}

Status SettingsStore::put(Database &db, const QString &key, const std::string &value)
{
    Statement st = db.prepare("INSERT INTO settings(key, value) VALUES(?, ?) "
                              "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, key).bind(2, value);
    return st.exec();
}

std::vector<std::pair<QString, std::string>> SettingsStore::withPrefix(const Database &db,
                                                                       const QString &prefix)
{
    std::vector<std::pair<QString, std::string>> out;
    // A range on the key uses the primary key's index: [prefix, prefix with its last character
    // incremented).
    QString end = prefix;
    if (!end.isEmpty())
        end.back() = QChar(char16_t(end.back().unicode() + 1));
    Statement st = db.prepare("SELECT key, value FROM settings WHERE key >= ? AND key < ? "
                              "ORDER BY key");
    st.bind(1, prefix).bind(2, end);
    while (st.valid() && st.step())
        out.emplace_back(st.text(0).mid(int(prefix.size())), std::string(st.textView(1)));
    return out;
}

} // namespace netcase
