#include "authmessage.h"

#include "core/ipaddr.h"
#include "core/utf8.h"
#include "syslog/accountmessage.h"
#include "syslog/labelbuilder.h"

#include <charconv>

namespace netcase {

namespace {

bool eat(std::string_view &s, std::string_view prefix)
{
    if (s.substr(0, prefix.size()) != prefix)
        return false;
    s.remove_prefix(prefix.size());
    return true;
}

bool eatSuffix(std::string_view &s, std::string_view suffix)
{
    if (s.size() < suffix.size() || s.substr(s.size() - suffix.size()) != suffix)
        return false;
    s.remove_suffix(suffix.size());
    return true;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

int toPort(std::string_view s)
{
    int v = -1;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size() || v < 0 || v > 65535)
        return -1;
    return v;
}

/// An address field: an IP goes to source.ip, a name to source.domain.
void setSource(Event &e, std::string_view addr)
{
    addr = trim(addr);
    if (addr.empty())
        return;
    if (!normaliseIp(addr, e.sourceIp))
        e.sourceDomain = utf8::repaired(addr);
}

void setUser(Event &e, std::string_view user)
{
    e.userName = utf8::repaired(user);
}

/// "ADDR port N[ rest]" or "ADDR[ rest]". Returns the rest after the port (or after ADDR).
std::string_view sourceWithPort(Event &e, std::string_view s)
{
    const size_t sp = s.find(' ');
    setSource(e, s.substr(0, sp));
    if (sp == std::string_view::npos)
        return {};
    std::string_view rest = s.substr(sp + 1);
    if (eat(rest, "port ")) {
        const size_t end = rest.find_first_of(" :");
        e.sourcePort = toPort(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    }
    return rest;
}

/// "[invalid user |authenticating user |user ]NAME ADDR port N" as in OpenSSH >= 7.5 messages.
void userAddrPort(Event &e, LabelBuilder &l, std::string_view s)
{
    if (eat(s, "invalid user "))
        l.addBool("invalid_user", true);
    else if (!eat(s, "authenticating user "))
        eat(s, "user ");
    const size_t portAt = s.rfind(" port ");
    std::string_view head = s;
    if (portAt != std::string_view::npos) {
        e.sourcePort = toPort(trim(s.substr(portAt + 6)));
        head = s.substr(0, portAt);
    }
    const size_t sp = head.rfind(' ');
    if (sp == std::string_view::npos) {
        setSource(e, head);
        return;
    }
    setUser(e, head.substr(0, sp));
    setSource(e, head.substr(sp + 1));
}

/// "Accepted|Failed METHOD for [invalid user ]NAME from ADDR port N ssh2[: KEYTYPE FP]"
bool loginResult(Event &e, LabelBuilder &l, std::string_view s, bool accepted)
{
    const size_t sp = s.find(' ');
    if (sp == std::string_view::npos)
        return false;
    const std::string_view method = s.substr(0, sp);
    s.remove_prefix(sp + 1);
    if (!eat(s, "for "))
        return false;
    const size_t from = s.rfind(" from ");
    if (from == std::string_view::npos)
        return false;
    std::string_view user = s.substr(0, from);
    if (eat(user, "invalid user "))
        l.addBool("invalid_user", true);
    setUser(e, user);
    std::string_view rest = sourceWithPort(e, s.substr(from + 6));
    rest = trim(rest);
    if (!eat(rest, "ssh2"))
        eat(rest, "ssh1");
    if (eat(rest, ": ")) {
        // "RSA SHA256:abc..." or "ED25519 SHA256:..." (older: "RSA 4b:aa:...").
        const size_t ksp = rest.find(' ');
        if (ksp != std::string_view::npos) {
            l.add("key_type", rest.substr(0, ksp));
            l.add("key_fingerprint", trim(rest.substr(ksp + 1)));
        } else {
            l.add("key_fingerprint", rest);
        }
    }
    e.category = "authentication";
    e.action = "ssh_login";
    e.outcome = accepted ? Outcome::Success : Outcome::Failure;
    l.add("auth_method", method);
    return true;
}

bool sshd(Event &e, LabelBuilder &l, std::string_view m)
{
    eat(m, "error: ");
    const bool preauth = eatSuffix(m, " [preauth]");
    if (preauth)
        l.addBool("preauth", true);
    if (eat(m, "Accepted "))
        return loginResult(e, l, m, true);
    if (eat(m, "Failed "))
        return loginResult(e, l, m, false);
    e.category = "authentication";
    if (eat(m, "Invalid user ")) {
        const size_t from = m.rfind(" from ");
        if (from == std::string_view::npos)
            return false;
        setUser(e, m.substr(0, from));
        sourceWithPort(e, m.substr(from + 6));
        e.action = "ssh_invalid_user";
        e.outcome = Outcome::Failure;
        return true;
    }
    if (eat(m, "input_userauth_request: invalid user ")) {
        // The same attempt as the "Invalid user" line: logged apart so counts are not doubled.
        setUser(e, m);
        l.addBool("invalid_user", true);
        e.action = "ssh_userauth_request";
        return true;
    }
    if (eat(m, "Disconnected from ") || eat(m, "Connection closed by ")
        || eat(m, "Connection reset by ")) {
        userAddrPort(e, l, m);
        e.action = "ssh_disconnect";
        return true;
    }
    if (eat(m, "Received disconnect from ")) {
        std::string_view rest;
        const size_t portAt = m.find(" port ");
        if (portAt != std::string_view::npos) {
            rest = sourceWithPort(e, m);
        } else {
            const size_t colon = m.find(": ");
            setSource(e, m.substr(0, colon));
            rest = colon == std::string_view::npos ? std::string_view() : m.substr(colon);
        }
        eat(rest, ":");
        l.add("disconnect_reason", trim(rest));
        e.action = "ssh_disconnect";
        return true;
    }
    if (eat(m, "Disconnecting")) {
        // "Disconnecting: Too many authentication failures" or, since OpenSSH 7.5,
        // "Disconnecting invalid user NAME ADDR port N: Too many authentication failures".
        std::string_view reason = m;
        if (eat(m, " ")) {
            const size_t colon = m.find(": ");
            userAddrPort(e, l, m.substr(0, colon));
            reason = colon == std::string_view::npos ? std::string_view() : m.substr(colon + 2);
        } else {
            eat(reason, ": ");
        }
        if (reason.find("Too many authentication failures") != std::string_view::npos) {
            e.action = "ssh_too_many_failures";
            e.outcome = Outcome::Failure;
        } else {
            e.action = "ssh_disconnect";
            l.add("disconnect_reason", reason);
        }
        return true;
    }
    if (eat(m, "maximum authentication attempts exceeded for ")) {
        const size_t from = m.rfind(" from ");
        if (from == std::string_view::npos)
            return false;
        std::string_view user = m.substr(0, from);
        if (eat(user, "invalid user "))
            l.addBool("invalid_user", true);
        setUser(e, user);
        sourceWithPort(e, m.substr(from + 6));
        e.action = "ssh_too_many_failures";
        e.outcome = Outcome::Failure;
        return true;
    }
    if (eat(m, "Connection from ")) {
        std::string_view rest = trim(sourceWithPort(e, m));
        if (eat(rest, "on ")) {
            const size_t sp = rest.find(' ');
            normaliseIp(rest.substr(0, sp), e.destinationIp);
            const size_t portAt = rest.find("port ");
            if (portAt != std::string_view::npos)
                e.destinationPort = toPort(trim(rest.substr(portAt + 5)));
        }
        e.category = "network";
        e.action = "ssh_connection";
        return true;
    }
    if (eat(m, "Did not receive identification string from ")) {
        sourceWithPort(e, m);
        e.category = "network";
        e.action = "ssh_no_identification";
        return true;
    }
    if (eat(m, "reverse mapping checking getaddrinfo for ")) {
        const size_t open = m.find(" [");
        const size_t close = m.find(']');
        if (open == std::string_view::npos || close == std::string_view::npos || close < open)
            return false;
        e.sourceDomain = utf8::repaired(m.substr(0, open));
        normaliseIp(m.substr(open + 2, close - open - 2), e.sourceIp);
        e.category = "network";
        e.action = "ssh_reverse_mapping_failed";
        return true;
    }
    if (eat(m, "PAM ")) {
        // "PAM 5 more authentication failures; logname= uid=0 ... rhost=ADDR  user=NAME"
        const size_t sp = m.find(' ');
        const std::string_view n = m.substr(0, sp);
        if (sp == std::string_view::npos || m.substr(sp + 1, 4) != "more")
            return false;
        l.addNumber("failures", std::max(0, toPort(n)));
        return false; // the key=value tail is read by the caller's PAM path
    }
    return false;
}

/// Reads "key=value" pairs (values end at a space) of a PAM message tail.
void pamPairs(Event &e, LabelBuilder &l, std::string_view s)
{
    size_t p = 0;
    while (p < s.size()) {
        while (p < s.size() && s[p] == ' ')
            ++p;
        const size_t eq = s.find('=', p);
        if (eq == std::string_view::npos)
            break;
        const std::string_view key = s.substr(p, eq - p);
        size_t end = s.find(' ', eq + 1);
        if (end == std::string_view::npos)
            end = s.size();
        const std::string_view value = s.substr(eq + 1, end - eq - 1);
        if (key == "rhost")
            setSource(e, value);
        else if (key == "user")
            setUser(e, value);
        else if (key == "ruser" || key == "tty" || key == "logname")
            l.add(key, value);
        p = end;
    }
}

/// "pam_unix(sshd:auth): ..." and friends.
bool pam(Event &e, LabelBuilder &l, std::string_view m)
{
    const size_t open = m.find('(');
    const size_t close = m.find("): ");
    if (open == std::string_view::npos || close == std::string_view::npos || close < open)
        return false;
    l.add("pam_module", m.substr(0, open));
    const std::string_view svc = m.substr(open + 1, close - open - 1);
    const size_t colon = svc.find(':');
    l.add("pam_service", svc.substr(0, colon));
    std::string_view rest = m.substr(close + 3);
    if (eat(rest, "authentication failure;")) {
        pamPairs(e, l, rest);
        // sudo and su: the acting user is ruser, user= the account asked for.
        const std::string_view service = svc.substr(0, colon);
        const size_t r = rest.find(" ruser=");
        if ((service == "sudo" || service == "su") && r != std::string_view::npos) {
            std::string_view ruser = rest.substr(r + 7);
            ruser = ruser.substr(0, ruser.find(' '));
            if (!ruser.empty()) {
                l.add("target_user", e.userName);
                e.userName.assign(ruser);
            }
        }
        e.category = "authentication";
        e.action = "pam_auth_failure";
        e.outcome = Outcome::Failure;
        return true;
    }
    if (eat(rest, "check pass; user ")) {
        e.category = "authentication";
        e.action = "pam_check_pass";
        if (rest == "unknown")
            l.addBool("user_unknown", true);
        else
            setUser(e, rest);
        return true;
    }
    const bool opened = eat(rest, "session opened for user ");
    if (opened || eat(rest, "session closed for user ")) {
        // "NAME(uid=0) by OTHER(uid=0)" or "NAME by (uid=0)"
        const size_t by = rest.find(" by ");
        std::string_view user = rest.substr(0, by);
        const size_t paren = user.find('(');
        setUser(e, user.substr(0, paren));
        if (by != std::string_view::npos) {
            std::string_view who = rest.substr(by + 4);
            const size_t p2 = who.find('(');
            l.add("by_user", who.substr(0, p2));
        }
        e.category = "session";
        e.action = opened ? "session_open" : "session_close";
        e.outcome = Outcome::Success;
        return true;
    }
    return false;
}

/// "  alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/ls"
/// "  alice : 3 incorrect password attempts ; TTY=... ; COMMAND=..."
bool sudo(Event &e, LabelBuilder &l, std::string_view m)
{
    m = trim(m);
    const size_t sep = m.find(" : ");
    if (sep == std::string_view::npos)
        return false;
    setUser(e, trim(m.substr(0, sep)));
    std::string_view rest = m.substr(sep + 3);
    e.outcome = Outcome::Success;
    while (!rest.empty()) {
        const size_t semi = rest.find(" ; ");
        // COMMAND is last and may itself contain " ; ".
        std::string_view item = rest.substr(0, semi);
        if (item.substr(0, 8) == "COMMAND=") {
            item = rest;
            rest = {};
        } else {
            rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 3);
        }
        item = trim(item);
        const size_t eq = item.find('=');
        if (eq == std::string_view::npos) {
            l.add("sudo_error", item);
            e.outcome = Outcome::Failure;
            continue;
        }
        const std::string_view key = item.substr(0, eq);
        const std::string_view value = item.substr(eq + 1);
        if (key == "USER")
            l.add("target_user", value);
        else if (key == "TTY")
            l.add("tty", value);
        else if (key == "PWD")
            l.add("pwd", value);
        else if (key == "COMMAND")
            l.add("command", value);
    }
    e.category = "authentication";
    e.action = "sudo";
    return true;
}

/// "Successful su for root by alice" / "FAILED su for root by alice"
bool su(Event &e, LabelBuilder &l, std::string_view m)
{
    const bool ok = eat(m, "Successful su for ");
    if (!ok && !eat(m, "FAILED su for "))
        return false;
    const size_t by = m.find(" by ");
    if (by == std::string_view::npos)
        return false;
    l.add("target_user", m.substr(0, by));
    setUser(e, m.substr(by + 4));
    e.category = "authentication";
    e.action = "su";
    e.outcome = ok ? Outcome::Success : Outcome::Failure;
    return true;
}

/// The first word of the message that is an IP address (trailing ':' ',' ']' ignored).
void findAnyAddress(Event &e, std::string_view m)
{
    size_t p = 0;
    while (p < m.size() && e.sourceIp.empty()) {
        while (p < m.size() && (m[p] == ' ' || m[p] == '['))
            ++p;
        size_t end = m.find(' ', p);
        if (end == std::string_view::npos)
            end = m.size();
        std::string_view w = m.substr(p, end - p);
        while (!w.empty() && (w.back() == ':' || w.back() == ',' || w.back() == ']'))
            w.remove_suffix(1);
        if (w.size() >= 3
            && (w.find('.') != std::string_view::npos || w.find(':') != std::string_view::npos))
            normaliseIp(w, e.sourceIp);
        p = end;
    }
}

bool classifyInner(std::string_view program, std::string_view message, Event &e, LabelBuilder &l)
{
    const bool isSshd = program == "sshd" || program.substr(0, 5) == "sshd-";
    if (isSshd && sshd(e, l, message))
        return true;
    std::string_view pm = message;
    if (isSshd && eat(pm, "PAM ")
        && pm.find(" more authentication failure") != std::string_view::npos) {
        // "PAM 5 more authentication failures; logname= ... rhost=ADDR  user=NAME"
        const size_t semi = pm.find(';');
        if (semi != std::string_view::npos) {
            pamPairs(e, l, pm.substr(semi + 1));
            e.category = "authentication";
            e.action = "pam_auth_failure";
            e.outcome = Outcome::Failure;
            return true;
        }
    }
    if (message.substr(0, 4) == "pam_" && pam(e, l, message))
        return true;
    // Old Linux-PAM tags carry the module: "sshd(pam_unix)[123]: authentication failure; ..."
    if (const size_t paren = program.find("(pam_");
        paren != std::string_view::npos && program.ends_with(")")) {
        const std::string tagged
                = std::string(program.substr(paren + 1, program.size() - paren - 2)) + "("
                  + std::string(program.substr(0, paren)) + "): " + std::string(message);
        if (pam(e, l, tagged))
            return true;
    }
    if (program == "sudo" && sudo(e, l, message))
        return true;
    return (program == "su" && su(e, l, message)) || classifyAccountMessage(program, message, e, l);
}

} // namespace

void classifyAuthMessage(std::string_view program,
                         std::string_view message,
                         Event &e,
                         LabelBuilder &labels)
{
    std::string_view inner = message;
    // rsyslog folds repeats: "message repeated 5 times: [ Failed password for ...]"
    if (eat(inner, "message repeated ")) {
        const size_t sp = inner.find(' ');
        const int n = toPort(inner.substr(0, sp));
        const size_t open = inner.find("[ ");
        if (n > 0 && open != std::string_view::npos) {
            inner = inner.substr(open + 2);
            eatSuffix(inner, "]");
            labels.addNumber("repeated", n);
        } else {
            inner = message;
        }
    }
    const Event before = e;
    LabelBuilder probe = labels;
    if (classifyInner(program, inner, e, probe)) {
        labels = std::move(probe);
        return;
    }
    // Not an authentication message we know: a host event that keeps the text and any address.
    e = before;
    e.category = "host";
    e.action = "syslog";
    e.outcome = Outcome::Unknown;
    findAnyAddress(e, inner);
    labels.add("message", message);
}

} // namespace netcase
