// `netcase intel` and `netcase intel-export` end to end: import a bundle into a case and see
// the matches; record block decisions, export them as STIX 2.1 and as MISP, import each export
// into a new case and find the same indicators, each citing its decision.

#include "common/intelfixtures.h"
#include "common/testutil.h"

#include "case/casefile.h"
#include "intel/intelstore.h"

#include <QFile>
#include <QTest>

#include <set>

using namespace netcase;
using namespace Qt::StringLiterals;

namespace {

std::set<std::pair<QString, QString>> indicatorSet(const QString &casePath)
{
    std::set<std::pair<QString, QString>> out;
    auto c = CaseFile::open(casePath, CaseFile::OpenOptions{true, false, false});
    if (!c)
        return out;
    for (const auto &s : intel::IntelStore::indicators(c->db()))
        out.insert({QLatin1String(intel::kindName(s.ind.kind)), s.ind.value});
    return out;
}

nlohmann::json parseOut(const test::Run &r)
{
    return nlohmann::json::parse(r.out.toStdString(), nullptr, false);
}

} // namespace

class TestCliIntel : public QObject
{
    Q_OBJECT

    QString m_log;

    QString newCase(const QString &name)
    {
        const QString path = test::tempPath(name);
        QFile::remove(path);
        if (test::netcase({QStringLiteral("new"), path, QStringLiteral("--authorization"),
                           QStringLiteral("TEST-1")})
                    .exitCode
            != 0)
            return {};
        if (test::netcase({QStringLiteral("import"), path, m_log}).exitCode != 0)
            return {};
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", test::tempPath(QStringLiteral("config")).toUtf8());
        qputenv("XDG_DATA_HOME", test::tempPath(QStringLiteral("data")).toUtf8());
        m_log = test::accessLogFrom(QStringLiteral("a.log"),
                                    {u"203.0.113.7"_s, u"198.51.100.20"_s, u"192.0.2.44"_s});
    }

    void importAndMatch()
    {
        const QString c = newCase(QStringLiteral("one.netcase"));
        QVERIFY(!c.isEmpty());
        const QString bundle = test::writeJson(
                QStringLiteral("b.json"),
                test::stixBundle({{u"[ipv4-addr:value = '203.0.113.7']"_s,
                                   u"2024-01-01T00:00:00Z"_s, QString(), 70},
                                  {u"[ipv4-addr:value = '192.0.2.1'] WITHIN 60 SECONDS"_s}}));
        auto r = test::netcase({QStringLiteral("intel"), c, bundle});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("stix  b.json  1 indicators  producer Example CERT"),
                 r.out.constData());
        QVERIFY2(r.out.contains("not used: indicator--"), r.out.constData());
        QVERIFY2(r.out.contains("1 intelligence match(es)"), r.out.constData());
        QVERIFY2(r.out.contains("Address 203.0.113.7 is named by threat intelligence"),
                 r.out.constData());

        // --json, a refused file (the same one again) and a missing one: exit 2.
        r = test::netcase({QStringLiteral("intel"), c, bundle,
                           test::tempPath(QStringLiteral("missing.json")),
                           QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 2);
        const auto j = parseOut(r);
        QVERIFY2(j.is_object(), r.out.constData());
        QCOMPARE(j["files"].size(), std::size_t(2));
        QVERIFY(j["files"][0]["imported"] == false);
        QVERIFY(j["files"][0]["error"].get<std::string>().find("already in the case")
                != std::string::npos);
        QCOMPARE(j["matches"].size(), std::size_t(1));
        QVERIFY(j["matches"][0]["kind"] == "intel");

        // Usage errors.
        QCOMPARE(test::netcase({QStringLiteral("intel"), c}).exitCode, 1);
        QCOMPARE(test::netcase({QStringLiteral("intel-export"), c, QStringLiteral("--format"),
                                QStringLiteral("xml"), QStringLiteral("--out"),
                                test::tempPath(QStringLiteral("x"))})
                         .exitCode,
                 1);
        // Audited like an import; verify still passes.
        r = test::netcase({QStringLiteral("verify"), c});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
    }

    void exportRoundTrip()
    {
        const QString c = newCase(QStringLiteral("decided.netcase"));
        QVERIFY(!c.isEmpty());
        auto decide = [&](const QString &subject, const QString &verdict, const QString &why) {
            return test::netcase({QStringLiteral("decide"), c, QStringLiteral("--subject"), subject,
                                  QStringLiteral("--verdict"), verdict, QStringLiteral("--reason"),
                                  why, QStringLiteral("--analyst"), QStringLiteral("alice")});
        };
        auto r = decide(QStringLiteral("ip:203.0.113.7"), QStringLiteral("block"),
                        QStringLiteral("beacons to a known C2"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = decide(QStringLiteral("host:evil.example"), QStringLiteral("block"),
                   QStringLiteral("phishing landing page"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = decide(QStringLiteral("ip:198.51.100.20"), QStringLiteral("escalate"),
                   QStringLiteral("unsure"));
        QVERIFY2(r.exitCode == 0, r.err.constData());

        const std::set<std::pair<QString, QString>> expected
                = {{u"ip"_s, u"203.0.113.7"_s}, {u"domain"_s, u"evil.example"_s}};
        for (const QString &format : {QStringLiteral("stix"), QStringLiteral("misp")}) {
            const QString out = test::tempPath(QStringLiteral("export.%1.json").arg(format));
            r = test::netcase({QStringLiteral("intel-export"), c, QStringLiteral("--format"),
                               format, QStringLiteral("--out"), out});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QVERIFY2(r.out.startsWith("2 indicator(s)"), r.out.constData());
            QFile f(out);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray text = f.readAll();
            // Each indicator cites its decision: id, analyst and reasoning.
            QVERIFY(text.contains("Netcase decision 1 "));
            QVERIFY(text.contains("by alice"));
            QVERIFY(text.contains("beacons to a known C2"));
            QVERIFY(text.contains("phishing landing page"));
            QVERIFY(!text.contains("198.51.100.20"));

            const QString other = newCase(QStringLiteral("other.%1.netcase").arg(format));
            QVERIFY(!other.isEmpty());
            r = test::netcase({QStringLiteral("intel"), other, out, QStringLiteral("--json")});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            const auto j = parseOut(r);
            QCOMPARE(j["files"][0]["format"].get<std::string>(), format.toStdString());
            QCOMPARE(j["files"][0]["producer"].get<std::string>(), std::string("Netcase"));
            QCOMPARE(indicatorSet(other), expected);
            // The blocked address is in the log: it matches in the new case.
            QCOMPARE(j["matches"].size(), std::size_t(1));
            QVERIFY(j["matches"][0]["entities"]["ips"][0] == "203.0.113.7");
        }
    }
};

QTEST_GUILESS_MAIN(TestCliIntel)
#include "tst_cli_intel.moc"
