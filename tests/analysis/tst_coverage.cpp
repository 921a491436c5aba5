// Coverage of issue 21, each on a small log imported as an analyst would, with the enrichment
// each address would get: cloud credentials used outside their environment (CloudTrail), access
// at an hour unusual for the account, and their look-alikes. Every finding also passes the claims
// checker.

#include "analysis/claimscheck.h"
#include "common/analysis_fixtures.h"
#include "common/testutil.h"

#include "analysis/analyzer.h"
#include "analysis/findingstore.h"
#include "case/casefile.h"
#include "core/timeutil.h"
#include "ingest/importjob.h"

#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

#include <map>

using namespace netcase;

namespace {

const std::int64_t kStart = toEpochUs(2026, 10, 5, 0, 0, 0);
constexpr std::int64_t kS = 1000000;

std::string iso(std::int64_t s)
{
    return QDateTime::fromMSecsSinceEpoch((kStart + s * kS) / 1000, Qt::UTC)
            .toString(Qt::ISODate)
            .toStdString();
}

/// One CloudTrail record of an assumed role's session.
nlohmann::json trail(std::int64_t s,
                     const std::string &name,
                     const std::string &from,
                     const std::string &agent,
                     const std::string &key,
                     const std::string &sessionName,
                     const std::string &role = "web-app-role")
{
    return {{"eventVersion", "1.08"},
            {"userIdentity",
             {{"type", "AssumedRole"},
              {"arn", "arn:aws:sts::123456789012:assumed-role/" + role + "/" + sessionName},
              {"accountId", "123456789012"},
              {"accessKeyId", key},
              {"sessionContext", {{"sessionIssuer", {{"type", "Role"}, {"userName", role}}}}}}},
            {"eventTime", iso(s)},
            {"eventSource", name == "CreateAccessKey" ? "iam.amazonaws.com" : "s3.amazonaws.com"},
            {"eventName", name},
            {"awsRegion", "eu-central-1"},
            {"sourceIPAddress", from},
            {"userAgent", agent},
            {"eventID", "e" + std::to_string(s) + name},
            {"eventType", "AwsApiCall"}};
}

/// One Okta System Log sign-in.
std::string
okta(std::int64_t s, const std::string &type, const std::string &user, const std::string &ip)
{
    const nlohmann::json j
            = {{"uuid", "u" + std::to_string(s) + user},
               {"published", iso(s)},
               {"eventType", type},
               {"version", "0"},
               {"severity", "INFO"},
               {"displayMessage", type},
               {"actor", {{"id", "00u1"}, {"type", "User"}, {"alternateId", user}}},
               {"client", {{"ipAddress", ip}, {"userAgent", {{"rawUserAgent", "Mozilla/5.0"}}}}},
               {"outcome", {{"result", "SUCCESS"}}}};
    return j.dump() + "\n";
}

/// Sign-ins of an account from days first to last (relative to the start), hours from..to.
std::string
workdays(const std::string &user, const std::string &ip, int first, int last, int from, int to)
{
    std::string out;
    for (int d = first; d <= last; ++d)
        for (int h = from; h <= to; h += 2)
            out += okta(std::int64_t(d) * 86400 + h * 3600 + 600, "user.session.start", user, ip);
    return out;
}

const test::IpFacts kAws{"DE",         50.11,     8.68,  100,   16509,
                         "Amazon.com", "hosting", false, false, true};
const test::IpFacts kHome{"RU", 55.75, 37.62, 50, 31213, "PJSC MegaFon"};

class Case
{
public:
    explicit Case(const QString &name)
        : m_name(name)
    {}
    /// Imports the text as one file, enriches the addresses given and analyses the case.
    std::vector<StoredFinding> analyse(const std::string &text,
                                       const char *ext,
                                       const std::map<std::string, test::IpFacts> &ips)
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
        for (const auto &[ip, facts] : ips)
            test::writeIpInfo(m_case->db(), ip, facts);
        if (!Analyzer::run(m_case->db(), QStringLiteral("test")))
            return {};
        unchecked = test::uncheckedClaims(m_case->db());
        return FindingStore::read(m_case->db());
    }
    Database &db() { return m_case->db(); }
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

const char *kSdk = "aws-sdk-java/2.25.16 Linux/6.1.79-99.167.amzn2023.x86_64";
const char *kCli = "aws-cli/2.15.30 Python/3.11.8 Linux/6.6.9-amd64 exe/x86_64.kali.2024";

} // namespace

class TestCoverage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void instanceKeysUsedOutside()
    {
        // An instance's role keys: used from the instance, then from a home broadband address
        // with the AWS CLI, creating an access key.
        const std::string key = "ASIA5EXAMPLEKEY00001";
        nlohmann::json records = nlohmann::json::array();
        for (int i = 0; i < 6; ++i)
            records.push_back(
                    trail(600 * i, "ListBuckets", "3.121.12.40", kSdk, key, "i-0a1b2c3d4e5f67890"));
        records.push_back(
                trail(4000, "GetCallerIdentity", "176.59.41.12", kCli, key, "i-0a1b2c3d4e5f67890"));
        records.push_back(
                trail(4100, "CreateAccessKey", "176.59.41.12", kCli, key, "i-0a1b2c3d4e5f67890"));
        Case c(QStringLiteral("cloudkeys"));
        const auto all = c.analyse(nlohmann::json{{"Records", records}}.dump(), ".json",
                                   {{"3.121.12.40", kAws}, {"176.59.41.12", kHome}});
        const auto found = ofKind(all, "cloud_credentials_outside");
        QCOMPARE(found.size(), std::size_t(1));
        const StoredFinding &f = found.front();
        QCOMPARE(f.title, QStringLiteral("Temporary keys of web-app-role used outside the cloud: "
                                         "first from 3.121.12.40, then from 176.59.41.12 (2 "
                                         "calls, another user agent)"));
        QVERIFY(f.severity >= 60);
        QVERIFY(hasSignal(f, "instance_credentials"));
        QVERIFY(hasSignal(f, "sensitive_action"));
        QCOMPARE(f.evidenceCount, std::int64_t(3));
        QVERIFY2(c.unchecked.isEmpty(), qPrintable(c.unchecked.join(u'\n')));
    }

    void serviceThenOutside()
    {
        // The first call made by an AWS service in the session's name ("ec2.amazonaws.com"),
        // then the keys from outside with the same agent: found, without the agent signal.
        const std::string key = "ASIA5EXAMPLEKEY00002";
        nlohmann::json records = nlohmann::json::array();
        records.push_back(trail(0, "ListBuckets", "ec2.amazonaws.com", "ec2.amazonaws.com", key,
                                "i-0a1b2c3d4e5f67891"));
        records.push_back(trail(900, "ListBuckets", "176.59.41.12", "ec2.amazonaws.com", key,
                                "i-0a1b2c3d4e5f67891"));
        Case c(QStringLiteral("cloudservice"));
        const auto all = c.analyse(nlohmann::json{{"Records", records}}.dump(), ".json",
                                   {{"176.59.41.12", kHome}});
        const auto found = ofKind(all, "cloud_credentials_outside");
        QCOMPARE(found.size(), std::size_t(1));
        QVERIFY(found.front().title.contains(QStringLiteral("first from ec2.amazonaws.com")));
        QVERIFY(!hasSignal(found.front(), "other_user_agent"));
        QVERIFY2(c.unchecked.isEmpty(), qPrintable(c.unchecked.join(u'\n')));
    }

    void lookAlikesAreQuiet()
    {
        // A developer's SSO keys used from the laptop from the start, an instance's keys used
        // only inside, and keys used from an address nobody enriched: no finding.
        nlohmann::json records = nlohmann::json::array();
        for (int i = 0; i < 4; ++i) {
            records.push_back(trail(600 * i, "ListBuckets", "176.59.41.12", kCli,
                                    "ASIA5EXAMPLEKEY00003", "dev@corp.example", "DevRole"));
            records.push_back(trail(600 * i + 1, "ListBuckets", "3.121.12.40", kSdk,
                                    "ASIA5EXAMPLEKEY00004", "i-0a1b2c3d4e5f67892"));
            records.push_back(trail(600 * i + 2, "ListBuckets", i ? "198.51.100.7" : "3.121.12.40",
                                    i ? kCli : kSdk, "ASIA5EXAMPLEKEY00005",
                                    "i-0a1b2c3d4e5f67893"));
        }
        Case c(QStringLiteral("cloudquiet"));
        const auto all = c.analyse(nlohmann::json{{"Records", records}}.dump(), ".json",
                                   {{"3.121.12.40", kAws}, {"176.59.41.12", kHome}});
        QVERIFY(ofKind(all, "cloud_credentials_outside").empty());
    }

    void unusualHourAgainstOwnBaseline()
    {
        // Eight days of office hours, then a sign-in and a new factor at 03:10: one finding,
        // low to medium; the checker reads the account's history to confirm the claim.
        std::string log = workdays("grace@corp.example", "86.44.20.17", 0, 7, 8, 16);
        log += okta(8 * 86400 + 3 * 3600 + 600, "user.session.start", "grace@corp.example",
                    "177.54.148.20");
        log += okta(8 * 86400 + 3 * 3600 + 900, "user.mfa.factor.activate", "grace@corp.example",
                    "177.54.148.20");
        Case c(QStringLiteral("hours"));
        const auto all
                = c.analyse(log, ".jsonl", {{"86.44.20.17", kHome}, {"177.54.148.20", kHome}});
        const auto found = ofKind(all, "unusual_access_hours");
        QCOMPARE(found.size(), std::size_t(1));
        QCOMPARE(found.front().title,
                 QStringLiteral("grace@corp.example active at 03:00-03:59 UTC, "
                                "an hour it never used in 8 active days"));
        QCOMPARE(found.front().evidenceCount, std::int64_t(2));
        QVERIFY(found.front().severity >= 25 && found.front().severity < 60);
        QVERIFY(hasSignal(found.front(), "sensitive_action"));
        QVERIFY2(c.unchecked.isEmpty(), qPrintable(c.unchecked.join(u'\n')));
    }

    void usualOrYoungHoursAreQuiet()
    {
        // An on-call engineer whose history has nights; a new starter with three days of
        // history; a sign-in an hour after the usual last one.
        std::string log = workdays("henry@corp.example", "86.44.20.17", 0, 7, 8, 16);
        log += workdays("henry@corp.example", "86.44.20.17", 1, 3, 2, 2);
        log += okta(8 * 86400 + 3 * 3600, "user.session.start", "henry@corp.example",
                    "86.44.20.17");
        log += workdays("ines@corp.example", "86.44.20.18", 5, 7, 8, 16);
        log += okta(8 * 86400 + 3 * 3600, "user.session.start", "ines@corp.example", "86.44.20.18");
        log += workdays("jack@corp.example", "86.44.20.19", 0, 7, 8, 16);
        log += okta(8 * 86400 + 17 * 3600 + 1200, "user.session.start", "jack@corp.example",
                    "86.44.20.19");
        Case c(QStringLiteral("hoursquiet"));
        const auto all = c.analyse(log, ".jsonl", {});
        QVERIFY(ofKind(all, "unusual_access_hours").empty());
    }
};

QTEST_GUILESS_MAIN(TestCoverage)
#include "tst_coverage.moc"
