// The claims defects of issue 21, each on a small log imported as an analyst would: MFA fatigue
// needs an explicit approval and counts one denial per prompt; an SSH success after failures is
// an attempted account's, after its failures (and says when the login was habitual); distributed
// stuffing lists failing sources only; an SSH attempt logged on several lines counts once; sshd's
// PAM lines are SSH attempts, not generic failed sign-ins. Every finding also passes the claims
// checker.

#include "analysis/claimscheck.h"
#include "common/testutil.h"

#include "analysis/analyzer.h"
#include "analysis/findingstore.h"
#include "case/casefile.h"
#include "core/timeutil.h"
#include "ingest/importjob.h"

#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace netcase;

namespace {

const std::int64_t kStart = toEpochUs(2026, 10, 5, 8, 0, 0);
constexpr std::int64_t kS = 1000000;

/// "Oct  5 08:00:00" for an offset in seconds from kStart.
std::string stamp(std::int64_t s)
{
    static const char *months[]
            = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime t = QDateTime::fromMSecsSinceEpoch((kStart + s * kS) / 1000, Qt::UTC);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s %2d %02d:%02d:%02d", months[t.date().month() - 1],
                  t.date().day(), t.time().hour(), t.time().minute(), t.time().second());
    return buf;
}

std::string sshd(std::int64_t s, int pid, const std::string &msg)
{
    return stamp(s) + " bastion sshd[" + std::to_string(pid) + "]: " + msg + "\n";
}

std::string okta(std::int64_t s,
                 const std::string &type,
                 const std::string &result,
                 const std::string &user,
                 const std::string &ip)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch((kStart + s * kS) / 1000, Qt::UTC);
    const nlohmann::json j
            = {{"uuid", "u" + std::to_string(s) + type},
               {"published", t.toString(Qt::ISODateWithMs).toStdString()},
               {"eventType", type},
               {"version", "0"},
               {"severity", result == "SUCCESS" ? "INFO" : "WARN"},
               {"displayMessage", type},
               {"actor", {{"id", "00u1"}, {"type", "User"}, {"alternateId", user}}},
               {"client", {{"ipAddress", ip}, {"userAgent", {{"rawUserAgent", "Mozilla/5.0"}}}}},
               {"outcome", {{"result", result}}},
               {"authenticationContext", {{"authenticationProvider", "FACTOR_PROVIDER"}}},
               {"debugContext", {{"debugData", {{"factor", "OKTA_VERIFY_PUSH"}}}}}};
    return j.dump() + "\n";
}

std::string web(std::int64_t s, const std::string &ip, const std::string &user, int status)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch((kStart + s * kS) / 1000, Qt::UTC);
    return ip + " - " + user + " ["
           + QLocale::c().toString(t, QStringLiteral("dd/MMM/yyyy:HH:mm:ss")).toStdString()
           + " +0000] \"POST /login HTTP/1.1\" " + std::to_string(status)
           + " 230 \"-\" \"Mozilla/5.0\"\n";
}

class Case
{
public:
    explicit Case(const QString &name)
        : m_name(name)
    {}
    /// Imports the text as one file and analyses the case; the findings, checked.
    std::vector<StoredFinding> analyse(const std::string &text, const char *ext)
    {
        const QString path = test::tempPath(m_name + QLatin1String(ext));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(text.data(), qint64(text.size()));
        f.close();
        CaseInfo info;
        info.title = m_name;
        info.authorization = QStringLiteral("TEST");
        auto c = CaseFile::create(test::tempPath(m_name + QStringLiteral(".netcase")), info);
        if (!c)
            return {};
        m_case.emplace(std::move(*c));
        ImportOptions opts;
        opts.year = 2026;
        std::atomic<bool> cancel{false};
        ImportJob job({path}, opts);
        if (!job.run(*m_case, {}, cancel))
            return {};
        if (!Analyzer::run(m_case->db(), QStringLiteral("test")))
            return {};
        unchecked = test::uncheckedClaims(m_case->db());
        return FindingStore::read(m_case->db());
    }
    QStringList unchecked;

private:
    QString m_name;
    std::optional<CaseFile> m_case;
};

std::vector<StoredFinding> ofKind(const std::vector<StoredFinding> &all, const char *kind)
{
    std::vector<StoredFinding> out;
    for (const StoredFinding &f : all)
        if (f.kind == QLatin1String(kind))
            out.push_back(f);
    return out;
}

bool hasSignal(const StoredFinding &f, const char *name)
{
    for (const auto &s : f.signalList)
        if (s.value("name", "") == name)
            return true;
    return false;
}

} // namespace

class TestClaimDefects : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mfaPushSentIsNotAnApproval()
    {
        // Six pushes, each denied (logged twice: deny_push and the failed verification), then
        // a seventh push sent that nobody approved.
        std::string log;
        const std::string u = "frank@corp.example", ip = "5.188.206.14";
        for (int i = 0; i < 6; ++i) {
            const int t = i * 90;
            log += okta(t, "system.push.send_factor_verify_push", "SUCCESS", u, ip);
            log += okta(t + 20, "user.mfa.okta_verify.deny_push", "FAILURE", u, ip);
            log += okta(t + 20, "user.authentication.auth_via_mfa", "FAILURE", u, ip);
        }
        log += okta(600, "system.push.send_factor_verify_push", "SUCCESS", u, ip);
        Case c(QStringLiteral("mfa-sent"));
        const auto found = ofKind(c.analyse(log, ".jsonl"), "mfa_fatigue");
        QCOMPARE(found.size(), std::size_t(1));
        QCOMPARE(found[0].title, QStringLiteral("frank@corp.example: 6 MFA prompts denied"));
        QVERIFY(!hasSignal(found[0], "accepted_after_denials"));
        QVERIFY2(c.unchecked.isEmpty(), qPrintable(c.unchecked.join(u'\n')));
    }

    void mfaApprovalAfterDenials()
    {
        std::string log;
        const std::string u = "frank@corp.example", ip = "5.188.206.14";
        for (int i = 0; i < 6; ++i) {
            log += okta(i * 90, "system.push.send_factor_verify_push", "SUCCESS", u, ip);
            log += okta(i * 90 + 20, "user.authentication.auth_via_mfa", "FAILURE", u, ip);
        }
        log += okta(600, "system.push.send_factor_verify_push", "SUCCESS", u, ip);
        log += okta(615, "user.authentication.auth_via_mfa", "SUCCESS", u, ip);
        Case c(QStringLiteral("mfa-approved"));
        const auto found = ofKind(c.analyse(log, ".jsonl"), "mfa_fatigue");
        QCOMPARE(found.size(), std::size_t(1));
        QCOMPARE(found[0].title,
                 QStringLiteral("frank@corp.example: 6 MFA prompts denied, then one accepted"));
        QVERIFY(found[0].severity >= 80);
        QVERIFY2(c.unchecked.isEmpty(), qPrintable(c.unchecked.join(u'\n')));
    }

    void sshSuccessIsAnAttemptedAccountAfterItsFailures()
    {
        // "ops" logs in from the address (an hour before), then 30 failures for root: the ops
        // login is no success of the burst. A later accepted root login is.
        const std::string ip = "218.92.0.112";
        std::string log = sshd(0, 100, "Accepted password for ops from " + ip + " port 40000 ssh2");
        for (int i = 0; i < 30; ++i)
            log += sshd(1800 + i * 5, 200 + i,
                        "Failed password for root from " + ip + " port " + std::to_string(41000 + i)
                                + " ssh2");
        Case before(QStringLiteral("ssh-other-account"));
        auto found = ofKind(before.analyse(log, ".log"), "ssh_bruteforce");
        QCOMPARE(found.size(), std::size_t(1));
        QVERIFY2(!hasSignal(found[0], "success_after_failures"), qPrintable(found[0].title));
        QVERIFY2(before.unchecked.isEmpty(), qPrintable(before.unchecked.join(u'\n')));

        log += sshd(2100, 300, "Accepted password for root from " + ip + " port 42000 ssh2");
        Case after(QStringLiteral("ssh-own-account"));
        found = ofKind(after.analyse(log, ".log"), "ssh_bruteforce");
        QCOMPARE(found.size(), std::size_t(1));
        QVERIFY(hasSignal(found[0], "success_after_failures"));
        QVERIFY(!hasSignal(found[0], "habitual_login"));
        QVERIFY2(found[0].title.endsWith(QLatin1String("then accepted login for root)")),
                 qPrintable(found[0].title));
        QVERIFY2(after.unchecked.isEmpty(), qPrintable(after.unchecked.join(u'\n')));
    }

    void sshHabitualLoginIsSaid()
    {
        // The operator's own address: daily logins, then a mistyped password retried by a script.
        const std::string ip = "62.154.10.5";
        std::string log;
        for (int d = 0; d < 3; ++d)
            log += sshd(d * 3600, 100 + d,
                        "Accepted password for ops from " + ip + " port 40000 ssh2");
        for (int i = 0; i < 12; ++i)
            log += sshd(4 * 3600 + i * 20, 200 + i,
                        "Failed password for ops from " + ip + " port 41000 ssh2");
        log += sshd(4 * 3600 + 300, 300, "Accepted password for ops from " + ip + " port 4 ssh2");
        Case c(QStringLiteral("ssh-habitual"));
        const auto found = ofKind(c.analyse(log, ".log"), "ssh_bruteforce");
        QCOMPARE(found.size(), std::size_t(1));
        QVERIFY(hasSignal(found[0], "habitual_login"));
        QVERIFY2(found[0].severity < 60, qPrintable(found[0].title));
        QVERIFY2(c.unchecked.isEmpty(), qPrintable(c.unchecked.join(u'\n')));
    }

    void sshAttemptCountsOnce()
    {
        // Twelve tries, each logged as "Invalid user", PAM's failure and "Failed password".
        const std::string ip = "173.234.31.186";
        std::string log;
        for (int i = 0; i < 12; ++i) {
            const int t = i * 30, pid = 24200 + i;
            const std::string user = "web" + std::to_string(i);
            log += sshd(t, pid, "Invalid user " + user + " from " + ip);
            log += sshd(t, pid, "input_userauth_request: invalid user " + user + " [preauth]");
            log += sshd(t, pid, "pam_unix(sshd:auth): check pass; user unknown");
            log += sshd(t, pid,
                        "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 "
                        "tty=ssh ruser= rhost="
                                + ip);
            log += sshd(t + 2, pid,
                        "Failed password for invalid user " + user + " from " + ip + " port "
                                + std::to_string(38000 + i) + " ssh2");
        }
        Case c(QStringLiteral("ssh-once"));
        const auto all = c.analyse(log, ".log");
        const auto found = ofKind(all, "ssh_bruteforce");
        QCOMPARE(found.size(), std::size_t(1));
        QCOMPARE(found[0].title,
                 QStringLiteral("SSH brute force from 173.234.31.186 (12 failed attempts)"));
        QVERIFY2(c.unchecked.isEmpty(), qPrintable(c.unchecked.join(u'\n')));
    }

    void sshdPamLinesAreNotGenericFailures()
    {
        // Nine accounts' PAM failures from one address over a day and a burst of 25 PAM lines:
        // SSH attempts, not a failed-login burst or password spraying.
        const std::string ip = "203.0.113.50";
        std::string log;
        for (int i = 0; i < 9; ++i)
            log += sshd(i * 7200, 500 + i,
                        "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 "
                        "tty=ssh ruser= rhost="
                                + ip + "  user=user" + std::to_string(i));
        for (int i = 0; i < 25; ++i)
            log += sshd(86400 + i * 5, 900 + i,
                        "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 "
                        "tty=ssh ruser= rhost="
                                + ip + "  user=root");
        Case c(QStringLiteral("ssh-pam"));
        const auto all = c.analyse(log, ".log");
        QVERIFY(ofKind(all, "failed_login_burst").empty());
        QVERIFY(ofKind(all, "password_spraying").empty());
        QVERIFY(ofKind(all, "credential_stuffing").empty());
        QCOMPARE(ofKind(all, "ssh_bruteforce").size(), std::size_t(1));
        QVERIFY2(c.unchecked.isEmpty(), qPrintable(c.unchecked.join(u'\n')));
    }

    void smallScannersFail2banWouldBanAreOneFinding()
    {
        // Six sources with three tries each (an "Invalid user" and a "Failed password" line per
        // try: six lines in five minutes, which fail2ban's sshd jail bans), and one with two.
        std::string log;
        int pid = 1000;
        for (int s = 0; s < 7; ++s) {
            const std::string ip = "45.61." + std::to_string(s) + ".9";
            for (int k = 0; k < (s < 6 ? 3 : 2); ++k, ++pid) {
                const int t = s * 3600 + k * 90;
                log += sshd(t, pid, "Invalid user admin from " + ip + " port 5000");
                log += sshd(t + 1, pid,
                            "Failed password for invalid user admin from " + ip
                                    + " port 5000 ssh2");
            }
        }
        Case c(QStringLiteral("scanners"));
        const auto found = ofKind(c.analyse(log, ".log"), "ssh_bruteforce");
        QCOMPARE(found.size(), std::size_t(1));
        QCOMPARE(found[0].title, QStringLiteral("SSH password guessing from 6 sources: 18 failed "
                                                "attempts"));
        QVERIFY(found[0].severity > 0 && found[0].severity < 40);
        QCOMPARE(found[0].details["members"].size(), std::size_t(6));
        QVERIFY(!found[0].ips.contains(QStringLiteral("45.61.6.9")));
        QVERIFY2(c.unchecked.isEmpty(), qPrintable(c.unchecked.join(u'\n')));
    }

    void distributedStuffingListsFailingSourcesOnly()
    {
        // Twenty bots try four accounts each in one hour; five employees sign in successfully.
        std::string log;
        for (int b = 0; b < 20; ++b)
            for (int k = 0; k < 4; ++k)
                log += web(b * 150 + k * 30, "81.2." + std::to_string(b) + ".7",
                           "user" + std::to_string(b * 4 + k), 401);
        for (int p = 0; p < 5; ++p)
            log += web(600 + p * 400, "90.84.1." + std::to_string(p + 1),
                       "staff" + std::to_string(p), 302);
        Case c(QStringLiteral("distributed"));
        const auto found = ofKind(c.analyse(log, ".log"), "credential_stuffing");
        QCOMPARE(found.size(), std::size_t(1));
        for (const QString &ip : found[0].ips)
            QVERIFY2(!ip.startsWith(QLatin1String("90.84.1.")), qPrintable(ip));
        QCOMPARE(found[0].ips.size(), qsizetype(20));
        QVERIFY2(c.unchecked.isEmpty(), qPrintable(c.unchecked.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestClaimDefects)
#include "tst_claimdefects.moc"
