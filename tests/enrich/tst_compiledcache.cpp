// ASN range CSV files are compiled once into a cached table keyed by their SHA-256
// (enrich/compiledcache.h): a valid cache is used instead of parsing, and one that is corrupt,
// truncated, of another version or for other bytes is never trusted: the CSV is parsed again
// and the cache rewritten. Lookups are the same either way.

#include "common/enrichfixtures.h"
#include "common/testutil.h"

#include "enrich/asnranges.h"
#include "enrich/compiledcache.h"
#include "enrich/ipkey.h"
#include "enrich/sourceset.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace netcase;
using netcase::test::writeTextFile;

namespace {

IpKey key(const char *ip)
{
    IpKey k;
    if (!parseIpKey(ip, k))
        qFatal("bad test address %s", ip);
    return k;
}

const QByteArray kCsv = "start,end,asn,organisation\n"
                        "1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"\n"
                        "1.0.4.0,1.0.7.255,38803,Gtelecom Pty Ltd\n"
                        "garbage line\n"
                        "2001::,2001::ffff:ffff:ffff:ffff:ffff:ffff,6939,Hurricane Electric LLC\n";

SourceSet loadAsn(const QString &path)
{
    return SourceSet::load({SourceSpec{SourceSpec::Kind::AsnCsv, path, {}}});
}

/// A forged table (another organisation) with a correct payload checksum.
std::string forgedTable()
{
    AsnRanges t;
    if (!t.parse("1.0.0.0,1.0.0.255,64512,Forged Org\n", QStringLiteral("forged")).ok())
        qFatal("forged table did not parse");
    t.finish();
    return t.compiled();
}

} // namespace

class TestCompiledCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QDir(compiledcache::folder()).removeRecursively(); }

    void firstLoadParsesAndCachesThenTheCacheIsUsed()
    {
        const QString csv = writeTextFile(QStringLiteral("asn-a.csv"), kCsv);
        const QString sha = fileSha256(csv);
        const SourceSet first = loadAsn(csv);
        QCOMPARE(first.sources().size(), qsizetype(1));
        QCOMPARE(first.sources()[0].sha256, sha);
        QCOMPARE(first.sources()[0].entries, qint64(3));
        QVERIFY(first.sources()[0].note.contains(QLatin1String("1 unreadable lines skipped")));
        QVERIFY(QFile::exists(compiledcache::pathFor("asn", csv, sha)));
        // The cache holds the table as parsed: loading from it gives the same description.
        const SourceSet second = loadAsn(csv);
        QCOMPARE(second.sources()[0].entries, first.sources()[0].entries);
        QCOMPARE(second.sources()[0].note, first.sources()[0].note);
        for (const char *ip : {"1.0.0.77", "1.0.5.5", "2001::1234", "1.0.1.0", "9.9.9.9"}) {
            const IpRecord a = first.lookup(key(ip)), b = second.lookup(key(ip));
            QCOMPARE(a.asn, b.asn);
            QCOMPARE(a.asOrg, b.asOrg);
        }
        QCOMPARE(second.lookup(key("1.0.0.77")).asOrg, std::string("Cloudflare, Inc."));

        // Proof that the second load read the cache: a valid cache with other content wins.
        QVERIFY(compiledcache::write("asn", csv, sha, forgedTable()));
        QCOMPARE(loadAsn(csv).lookup(key("1.0.0.77")).asOrg, std::string("Forged Org"));
    }

    void corruptOrForeignCacheIsNeverTrusted()
    {
        const QString csv = writeTextFile(QStringLiteral("asn-b.csv"), kCsv);
        const QString sha = fileSha256(csv);
        const QString cache = compiledcache::pathFor("asn", csv, sha);
        const auto plant = [&](const std::function<void(QByteArray &)> &damage) {
            QVERIFY(compiledcache::write("asn", csv, sha, forgedTable()));
            QFile f(cache);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QByteArray bytes = f.readAll();
            f.close();
            damage(bytes);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(bytes);
        };
        const std::vector<std::function<void(QByteArray &)>> damages = {
                [](QByteArray &b) { b[b.size() - 3] = char(b[b.size() - 3] ^ 0x20); }, // payload
                [](QByteArray &b) { b.chop(5); },                                      // truncated
                [](QByteArray &b) { b[8] = char(b[8] + 1); },                          // version
                [](QByteArray &b) { b[12] = 'x'; },                                    // kind
                [](QByteArray &b) { b[30] = b[30] == 'a' ? 'b' : 'a'; }, // source SHA-256
                [](QByteArray &b) { b = "short"; },
        };
        for (const auto &damage : damages) {
            plant(damage);
            const SourceSet set = loadAsn(csv);
            QCOMPARE(set.lookup(key("1.0.0.77")).asOrg, std::string("Cloudflare, Inc."));
            // Rewritten from the CSV: valid again, and the real table.
            AsnRanges t;
            QVERIFY(compiledcache::read("asn", csv, sha,
                                        [&](std::string_view p) { return t.fromCompiled(p); }));
            QCOMPARE(t.size(), size_t(3));
        }
    }

    void changedFileGetsItsOwnCache()
    {
        const QString csv = writeTextFile(QStringLiteral("asn-c.csv"), kCsv);
        const QString before = fileSha256(csv);
        QCOMPARE(loadAsn(csv).lookup(key("1.0.5.5")).asn, std::int64_t(38803));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("1.0.4.0,1.0.7.255,64500,Renumbered Ltd\n");
        f.close();
        const QString after = fileSha256(csv);
        QVERIFY(after != before);
        const SourceSet set = loadAsn(csv);
        QCOMPARE(set.sources()[0].sha256, after);
        QCOMPARE(set.lookup(key("1.0.5.5")).asn, std::int64_t(64500));
        QCOMPARE(set.lookup(key("1.0.0.77")).asn, std::int64_t(-1));
        QVERIFY(QFile::exists(compiledcache::pathFor("asn", csv, after)));
        // The cache of the file's earlier bytes is removed, so the folder does not grow.
        QVERIFY(!QFile::exists(compiledcache::pathFor("asn", csv, before)));
    }

    void indexedFindEqualsAScanOfAllRanges()
    {
        // IPv4 ranges of every size (some spanning many /16s, some inside one, gaps between),
        // and find() (searching one /16's share of the table) must answer as a scan of every
        // range does, for keys inside, between and at the edges of ranges.
        struct Plain
        {
            std::uint64_t first, last;
            std::int64_t asn;
        };
        std::vector<Plain> plain;
        QByteArray csv;
        std::uint64_t seed = 27;
        const auto next = [&seed] {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            return seed >> 33;
        };
        for (std::uint64_t at = 1; at < 0xff000000ULL;) {
            const std::uint64_t len = 1 + (next() % 4 == 0 ? next() % 0x200000 : next() % 600);
            const std::uint64_t gap = next() % 3 == 0 ? next() % 5000 : 0;
            const std::int64_t asn = std::int64_t(next() % 70000);
            plain.push_back({at, at + len - 1, asn});
            csv += QByteArray::number(qulonglong(at)) + ','
                   + QByteArray::number(qulonglong(at + len - 1)) + ','
                   + QByteArray::number(qlonglong(asn)) + ",Org\n";
            at += len + gap;
        }
        AsnRanges t;
        QVERIFY(t.parse(std::string_view(csv.constData(), size_t(csv.size())), QStringLiteral("x"))
                        .ok());
        t.finish();
        QCOMPARE(t.size(), plain.size());
        AsnRanges u;
        QVERIFY(u.fromCompiled(t.compiled())); // the index is built on this path too
        const auto scan = [&](std::uint64_t v) -> const Plain * {
            for (const Plain &p : plain)
                if (p.first <= v && v <= p.last)
                    return &p;
            return nullptr;
        };
        std::vector<std::uint64_t> keys;
        for (int i = 0; i < 400; ++i) {
            const Plain &p = plain[next() % plain.size()];
            for (std::uint64_t v : {p.first, p.last, p.last + 1, p.first - 1})
                keys.push_back(v & 0xffffffffULL);
            keys.push_back(next() & 0xffffffffULL);
            keys.push_back((next() % 0x10000) << 16); // a /16's first address
        }
        keys.push_back(0);
        keys.push_back(0xffffffffULL);
        for (std::uint64_t v : keys) {
            const IpKey k{0, 0xffff00000000ULL | v};
            const Plain *want = scan(v);
            for (const AsnRanges *table : {&t, &u}) {
                const AsnRanges::Range *got = table->find(k);
                QCOMPARE(bool(got), bool(want));
                if (got)
                    QCOMPARE(got->asn, want->asn);
            }
        }
        QVERIFY(!t.find(key("2001:db8::1")));
    }

    void malformedCompiledBytesAreRefused()
    {
        AsnRanges t;
        QVERIFY(!t.fromCompiled(""));
        QVERIFY(!t.fromCompiled("ASN1"));
        std::string ok = forgedTable();
        QVERIFY(t.fromCompiled(ok));
        std::string extra = ok + "x";
        AsnRanges u;
        QVERIFY(!u.fromCompiled(extra));
        QCOMPARE(u.size(), size_t(0));
        std::string shortened = ok.substr(0, ok.size() - 1);
        QVERIFY(!u.fromCompiled(shortened));
    }
};

QTEST_GUILESS_MAIN(TestCompiledCache)
#include "tst_compiledcache.moc"
