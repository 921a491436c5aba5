#include "accountmessage.h"

#include "core/ipaddr.h"
#include "core/utf8.h"
#include "syslog/labelbuilder.h"

namespace netcase {

namespace {

bool eat(std::string_view &s, std::string_view prefix)
{
    if (!s.starts_with(prefix))
        return false;
    s.remove_prefix(prefix.size());
    return true;
}

/// "name=bob, UID=1001, GID=1001, home=/home/bob": name to user.name (or group), the rest to
/// labels in lower case.
bool pairs(std::string_view s, Event &e, LabelBuilder &l, bool group)
{
    bool named = false;
    while (!s.empty()) {
        const size_t comma = s.find(", ");
        std::string_view item = s.substr(0, comma);
        s = comma == std::string_view::npos ? std::string_view() : s.substr(comma + 2);
        const size_t eq = item.find('=');
        if (eq == std::string_view::npos || eq == 0)
            continue;
        const std::string_view key = item.substr(0, eq), value = item.substr(eq + 1);
        if (key == "name") {
            named = !value.empty();
            if (group)
                l.add("group_name", value);
            else
                e.userName = utf8::repaired(value);
        } else if (key == "UID") {
            l.add("user_id", value);
        } else if (key == "GID") {
            l.add("group_id", value);
        } else if (key == "home" || key == "shell" || key == "from") {
            l.add(key, value);
        }
    }
    return named;
}

/// 'bob' -> bob.
std::string_view unquote(std::string_view s)
{
    if (s.size() >= 2 && s.front() == '\'' && s.back() == '\'')
        return s.substr(1, s.size() - 2);
    return s;
}

bool iam(Event &e, const char *action)
{
    e.category = "iam";
    e.action = action;
    e.outcome = Outcome::Success;
    return true;
}

bool accountChange(std::string_view m, Event &e, LabelBuilder &l)
{
    if (eat(m, "new user: "))
        return pairs(m, e, l, false) && iam(e, "user_created");
    if (eat(m, "new group: ") || eat(m, "group added to /etc/group: ")
        || eat(m, "group added to /etc/gshadow: "))
        return pairs(m, e, l, true) && iam(e, "group_created");
    if (eat(m, "failed adding user ")) { // useradd: failed adding user 'bob', data deleted
        e.userName = utf8::repaired(unquote(m.substr(0, m.find(", "))));
        iam(e, "user_created");
        e.outcome = Outcome::Failure;
        return true;
    }
    if (eat(m, "delete user ")) {
        e.userName = utf8::repaired(unquote(m));
        return iam(e, "user_deleted");
    }
    if (eat(m, "group '")) { // groupdel: group 'devs' removed
        const size_t q = m.find('\'');
        if (q == std::string_view::npos || !m.substr(q).starts_with("' removed"))
            return false;
        l.add("group_name", m.substr(0, q));
        return iam(e, "group_deleted");
    }
    if (eat(m, "add ")) { // usermod -aG: add 'bob' to group 'sudo' / to shadow group 'sudo'
        const size_t to = m.find(" to group ");
        const size_t toShadow = m.find(" to shadow group ");
        const size_t at = to != std::string_view::npos ? to : toShadow;
        if (at == std::string_view::npos)
            return false;
        e.userName = utf8::repaired(unquote(m.substr(0, at)));
        l.add("group_name", unquote(m.substr(m.find("group ", at) + 6)));
        return iam(e, "user_added_to_group");
    }
    return false;
}

/// "PAM: User not known to the underlying authentication module for illegal user X from H" and
/// "PAM: Authentication failure for [illegal user ]X from H" (OpenSSH built with PAM, 3.x-4.x).
bool sshdPam(std::string_view m, Event &e, LabelBuilder &l)
{
    if (!eat(m, "PAM: "))
        return false;
    const size_t forAt = m.find(" for ");
    if (forAt == std::string_view::npos)
        return false;
    const std::string_view reason = m.substr(0, forAt);
    if (reason != "User not known to the underlying authentication module"
        && reason != "Authentication failure")
        return false;
    m.remove_prefix(forAt + 5);
    if (eat(m, "illegal user ") || eat(m, "invalid user "))
        l.addBool("invalid_user", true);
    const size_t from = m.rfind(" from ");
    if (from == std::string_view::npos)
        return false;
    e.userName = utf8::repaired(m.substr(0, from));
    const std::string_view host = m.substr(from + 6);
    if (!host.empty() && !normaliseIp(host, e.sourceIp))
        e.sourceDomain = utf8::repaired(host);
    l.add("pam_error", reason);
    e.category = "authentication";
    e.action = "ssh_login";
    e.outcome = Outcome::Failure;
    return true;
}

} // namespace

bool classifyAccountMessage(std::string_view program,
                            std::string_view message,
                            Event &e,
                            LabelBuilder &labels)
{
    if (program == "useradd" || program == "groupadd" || program == "userdel"
        || program == "groupdel" || program == "usermod")
        return accountChange(message, e, labels);
    if (program == "sshd" || program.starts_with("sshd-"))
        return sshdPam(message, e, labels);
    return false;
}

} // namespace netcase
