// The STIX 2.1 pattern subset, the STIX bundle reader and the MISP event and feed readers, with
// bundles and events the tests write themselves (common/intelfixtures).

#include "common/intelfixtures.h"
#include "common/testutil.h"

#include "core/timeutil.h"
#include "intel/intelfile.h"
#include "intel/stixpattern.h"

#include <QDir>
#include <QTest>

using namespace netcase;
using namespace Qt::StringLiterals;
using namespace netcase::intel;

class TestIntelReaders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void patternSubset_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QStringList>("values");
        QTest::addColumn<int>("unsupported");
        QTest::addRow("ipv4") << u"[ipv4-addr:value = '203.0.113.7']"_s
                              << QStringList{u"203.0.113.7"_s} << 0;
        QTest::addRow("cidr") << u"[ipv4-addr:value = '198.51.100.77/24']"_s
                              << QStringList{u"198.51.100.0/24"_s} << 0;
        QTest::addRow("issubset") << u"[ipv4-addr:value ISSUBSET '198.51.100.0/24']"_s
                                  << QStringList{u"198.51.100.0/24"_s} << 0;
        QTest::addRow("ipv6") << u"[ipv6-addr:value = '2001:DB8:0:0::1']"_s
                              << QStringList{u"2001:db8::1"_s} << 0;
        QTest::addRow("ipv6 cidr") << u"[ipv6-addr:value = '2001:db8:ff::/48']"_s
                                   << QStringList{u"2001:db8:ff::/48"_s} << 0;
        QTest::addRow("or inside")
                << u"[domain-name:value = 'Evil.Example.' OR url:value = 'http://evil.example/x']"_s
                << QStringList{u"evil.example"_s, u"http://evil.example/x"_s} << 0;
        QTest::addRow("or between")
                << u"([ipv4-addr:value = '192.0.2.1']) OR [ipv4-addr:value = '192.0.2.2']"_s
                << QStringList{u"192.0.2.1"_s, u"192.0.2.2"_s} << 0;
        QTest::addRow("escaped quote") << u"[url:value = 'http://a.example/it\\'s']"_s
                                       << QStringList{u"http://a.example/it's"_s} << 0;
        QTest::addRow("other path kept apart")
                << u"[ipv4-addr:value = '192.0.2.1' OR file:hashes.'SHA-256' = 'ab']"_s
                << QStringList{u"192.0.2.1"_s} << 1;
        QTest::addRow("and")
                << u"[ipv4-addr:value = '192.0.2.1' AND network-traffic:dst_port = 443]"_s
                << QStringList{} << 1;
        QTest::addRow("misp traffic form")
                << u"[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '5.6.7.8']"_s
                << QStringList{u"5.6.7.8"_s} << 0;
        QTest::addRow("misp traffic v6")
                << u"[network-traffic:src_ref.type = 'ipv6-addr' AND network-traffic:src_ref.value = '2001:db8::5']"_s
                << QStringList{u"2001:db8::5"_s} << 0;
        QTest::addRow("traffic with a port")
                << u"[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '5.6.7.8' AND network-traffic:dst_port = 443]"_s
                << QStringList{} << 1;
        QTest::addRow("traffic refs differ")
                << u"[network-traffic:src_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '5.6.7.8']"_s
                << QStringList{} << 1;
        QTest::addRow("followedby")
                << u"[ipv4-addr:value = '192.0.2.1'] FOLLOWEDBY [ipv4-addr:value = '192.0.2.2']"_s
                << QStringList{} << 1;
        QTest::addRow("qualifier")
                << u"[ipv4-addr:value = '192.0.2.1'] REPEATS 5 TIMES"_s << QStringList{} << 1;
        QTest::addRow("like") << u"[domain-name:value LIKE '%.example']"_s << QStringList{} << 1;
        QTest::addRow("not equal") << u"[ipv4-addr:value != '192.0.2.1']"_s << QStringList{} << 1;
        QTest::addRow("v6 on v4 path")
                << u"[ipv4-addr:value = '2001:db8::1']"_s << QStringList{} << 1;
        QTest::addRow("bad domain")
                << u"[domain-name:value = 'not a domain']"_s << QStringList{} << 1;
    }
    void patternSubset()
    {
        QFETCH(QString, pattern);
        QFETCH(QStringList, values);
        QFETCH(int, unsupported);
        auto p = parseStixPattern(pattern);
        QVERIFY2(p.ok(), p.ok() ? "" : qPrintable(p.error().message));
        QStringList got;
        for (const PatternTerm &t : p->terms)
            got << t.value;
        QCOMPARE(got, values);
        QCOMPARE(int(p->unsupported.size()), unsupported);
        for (const QString &why : p->unsupported)
            QVERIFY(!why.isEmpty());
    }

    void patternSyntaxErrors_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addRow("no brackets") << u"ipv4-addr:value = '1.2.3.4'"_s;
        QTest::addRow("unterminated string") << u"[ipv4-addr:value = '1.2.3.4]"_s;
        QTest::addRow("missing bracket") << u"[ipv4-addr:value = '1.2.3.4'"_s;
        QTest::addRow("dangling or") << u"[ipv4-addr:value = '1.2.3.4'] OR"_s;
        QTest::addRow("empty") << u"[]"_s;
    }
    void patternSyntaxErrors()
    {
        QFETCH(QString, pattern);
        QVERIFY(!parseStixPattern(pattern).ok());
    }

    void stixBundle()
    {
        using test::StixSpec;
        const auto bundle = test::stixBundle({
                StixSpec{u"[ipv4-addr:value = '203.0.113.7']"_s,
                         u"2024-01-01T00:00:00Z"_s,
                         u"2024-06-30T00:00:00Z"_s,
                         80,
                         {u"c2"_s}},
                StixSpec{u"[domain-name:value = 'evil.example']"_s},
                StixSpec{u"[ipv4-addr:value = '192.0.2.1'] REPEATS 2 TIMES"_s},
        });
        auto f = readIntelFile(test::writeJson(QStringLiteral("b.json"), bundle));
        QVERIFY2(f.ok(), f.ok() ? "" : qPrintable(f.error().message));
        QCOMPARE(f->format, QStringLiteral("stix"));
        QCOMPARE(f->producer, QStringLiteral("Example CERT"));
        QCOMPARE(f->sha256.size(), 64);
        QCOMPARE(int(f->indicators.size()), 2);
        const Indicator &a = f->indicators[0];
        QCOMPARE(a.kind, Kind::Ip);
        QCOMPARE(a.value, QStringLiteral("203.0.113.7"));
        QCOMPARE(a.producer, QStringLiteral("Example CERT"));
        QCOMPARE(a.confidence.value_or(-1), 80);
        QCOMPARE(*a.validFrom, *parseIso("2024-01-01T00:00:00Z"));
        QCOMPARE(*a.validUntil, *parseIso("2024-06-30T00:00:00Z"));
        QVERIFY(a.labels.contains(QStringLiteral("c2")));
        QVERIFY(a.labels.contains(QStringLiteral("malicious-activity")));
        QCOMPARE(f->indicators[1].kind, Kind::Domain);
        QVERIFY(!f->indicators[1].confidence);
        // The qualifier pattern and the malware object are listed, not dropped.
        QCOMPARE(int(f->unsupported.size()), 2);
        QVERIFY(f->unsupported[0].reason.contains(QStringLiteral("REPEATS")));
        QVERIFY(f->unsupported[1].reason.contains(QStringLiteral("malware")));
    }

    void stixRevokedAndOtherLanguages()
    {
        auto bundle = test::stixBundle(
                {{u"[ipv4-addr:value = '192.0.2.9']"_s}, {u"[ipv4-addr:value = '192.0.2.10']"_s}});
        bundle["objects"][1]["revoked"] = true;
        bundle["objects"][2]["pattern_type"] = "sigma";
        auto f = readIntelFile(test::writeJson(QStringLiteral("r.json"), bundle));
        QVERIFY(f.ok());
        QVERIFY(f->indicators.empty());
        QCOMPARE(int(f->unsupported.size()), 3);
        QVERIFY(f->unsupported[0].reason.contains(QStringLiteral("revoked")));
        QVERIFY(f->unsupported[1].reason.contains(QStringLiteral("sigma")));
    }

    void malformedBundles_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::addRow("not json") << QByteArray("{\"type\": \"bundle\", ") << u"not valid JSON"_s;
        QTest::addRow("not a bundle") << QByteArray("{\"type\": \"report\"}") << u"not a STIX"_s;
        QTest::addRow("no objects")
                << QByteArray("{\"type\": \"bundle\", \"id\": \"bundle--1\"}") << u"objects"_s;
        QTest::addRow("no pattern")
                << QByteArray("{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\","
                              "\"id\":\"indicator--1\"}]}")
                << u"has no pattern"_s;
        QTest::addRow("bad pattern")
                << QByteArray("{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\","
                              "\"id\":\"indicator--2\",\"pattern\":\"[ipv4-addr:value = \"}]}")
                << u"indicator--2"_s;
        QTest::addRow("bad time") << QByteArray(
                "{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\","
                "\"id\":\"indicator--3\",\"pattern\":\"[ipv4-addr:value = "
                "'192.0.2.1']\",\"valid_from\":\"yesterday\"}]}")
                                  << u"valid_from"_s;
        QTest::addRow("bad confidence")
                << QByteArray("{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\","
                              "\"id\":\"indicator--4\",\"pattern\":\"[ipv4-addr:value = "
                              "'192.0.2.1']\",\"confidence\":140}]}")
                << u"confidence"_s;
    }
    void malformedBundles()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        auto f = readIntelFile(test::writeText(QStringLiteral("bad.json"), text));
        QVERIFY(!f.ok());
        QVERIFY2(f.error().message.contains(message), qPrintable(f.error().message));
    }

    void mispEvent()
    {
        const auto ev = test::mispEvent(
                QStringLiteral("5f1c0000-0000-4000-8000-000000000001"), QStringLiteral("Phishing"),
                1,
                {{u"ip-dst"_s, u"203.0.113.50"_s},
                 {u"ip-src|port"_s, u"198.51.100.9|8443"_s, false, {u"kill-chain:c2"_s}},
                 {u"ip-src"_s, u"192.0.2.0/25"_s},
                 {u"domain"_s, u"Phish.Example"_s},
                 {u"hostname"_s, u"cdn.phish.example"_s},
                 {u"url"_s, u"phish.example/login"_s},
                 {u"sha256"_s, u"ab"_s},
                 {u"email-src"_s, u"a@b.example"_s},
                 {u"ip-dst"_s, u"not-an-ip"_s}});
        auto f = readIntelFile(test::writeJson(QStringLiteral("e.json"), ev));
        QVERIFY2(f.ok(), f.ok() ? "" : qPrintable(f.error().message));
        QCOMPARE(f->format, QStringLiteral("misp"));
        QCOMPARE(f->producer, QStringLiteral("Example ISAC"));
        QStringList values;
        for (const Indicator &i : f->indicators)
            values << i.value;
        QCOMPARE(values, (QStringList{u"203.0.113.50"_s, u"198.51.100.9"_s, u"192.0.2.0/25"_s,
                                      u"phish.example"_s, u"cdn.phish.example"_s,
                                      u"http://phish.example/login"_s}));
        const Indicator &port = f->indicators[1];
        QCOMPARE(port.toIds, std::optional<bool>(false));
        QVERIFY(port.context.contains(QStringLiteral("8443")));
        QVERIFY(port.labels.contains(QStringLiteral("kill-chain:c2")));
        QVERIFY(port.labels.contains(QStringLiteral("tlp:green")));
        QCOMPARE(port.threatLevel, QStringLiteral("High"));
        QCOMPARE(port.name, QStringLiteral("Phishing"));
        QVERIFY(port.created.has_value());
        QVERIFY(!port.validFrom && !port.validUntil);
        // sha256, email-src (per type) and the bad address are listed.
        QCOMPARE(int(f->unsupported.size()), 3);
    }

    void mispFeed()
    {
        QDir dir(test::tempPath(QStringLiteral("feed")));
        QVERIFY(dir.mkpath(QStringLiteral(".")));
        const QString u1 = QStringLiteral("5f1c0000-0000-4000-8000-00000000000a");
        const QString u2 = QStringLiteral("5f1c0000-0000-4000-8000-00000000000b");
        nlohmann::json manifest = nlohmann::json::object();
        manifest[u1.toStdString()] = {{"info", "one"}, {"threat_level_id", "3"}};
        manifest[u2.toStdString()] = {{"info", "two"}, {"threat_level_id", "2"}};
        test::writeJson(QStringLiteral("feed/manifest.json"), manifest);
        test::writeJson(
                QStringLiteral("feed/%1.json").arg(u1),
                test::mispEvent(u1, QStringLiteral("one"), 3, {{u"ip-dst"_s, u"192.0.2.5"_s}}));
        test::writeJson(QStringLiteral("feed/%1.json").arg(u2),
                        test::mispEvent(u2, QStringLiteral("two"), 2,
                                        {{u"domain"_s, u"b.example"_s}},
                                        QStringLiteral("Other Org")));
        for (const QString &path : {dir.path(), dir.filePath(QStringLiteral("manifest.json"))}) {
            auto f = readIntelFile(path);
            QVERIFY2(f.ok(), f.ok() ? "" : qPrintable(f.error().message));
            QCOMPARE(int(f->indicators.size()), 2);
            QCOMPARE(f->indicators[0].threatLevel, QStringLiteral("Low"));
            QCOMPARE(f->indicators[1].producer, QStringLiteral("Other Org"));
            QCOMPARE(f->producer, QStringLiteral("Example ISAC, Other Org"));
        }
        // A feed missing one of its event files is refused whole.
        QVERIFY(QFile::remove(dir.filePath(u2 + QStringLiteral(".json"))));
        auto f = readIntelFile(dir.path());
        QVERIFY(!f.ok());
        QVERIFY2(f.error().message.contains(u2), qPrintable(f.error().message));
    }

    void mispMalformed()
    {
        auto f = readIntelFile(test::writeText(
                QStringLiteral("m.json"),
                "{\"Event\": {\"info\": \"x\", \"Attribute\": [{\"type\": \"ip-dst\"}]}}"));
        QVERIFY(!f.ok());
        QVERIFY2(f.error().message.contains(QStringLiteral("no type or value")),
                 qPrintable(f.error().message));
    }
};

QTEST_GUILESS_MAIN(TestIntelReaders)
#include "tst_intelreaders.moc"
