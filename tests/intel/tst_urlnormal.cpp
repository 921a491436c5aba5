// URL indicators match the case's URLs after RFC 3986 section 6.2.2 normalisation
// (model/intel/urlnormal.h): unreserved characters' percent-encodings decoded, the others' hex
// digits in upper case, dot segments removed, an empty path made "/", host in lower case, port
// and user not compared; and what normalisation must not equate (a reserved character and its
// encoding, a different path, a trailing slash). The last test matches a case's Zeek HTTP
// requests against a STIX bundle.

#include "common/intelfixtures.h"
#include "common/testutil.h"

#include "case/casefile.h"
#include "intel/indicator.h"
#include "intel/intelmatch.h"
#include "intel/urlnormal.h"
#include "jobs/intelimport.h"

#include <QTest>

using namespace netcase;
using namespace netcase::intel;
using namespace Qt::StringLiterals;

namespace {

QString key(const QString &url)
{
    QString host, rest;
    return splitUrl(url, &host, &rest) ? host + rest : QString();
}

} // namespace

class TestUrlNormal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rest_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("empty path") << QString() << u"/"_s;
        QTest::newRow("query only") << u"?a=1"_s << u"/?a=1"_s;
        QTest::newRow("unreserved decoded") << u"/%7Euser/%41%62%2d%2E%5f"_s << u"/~user/Ab-._"_s;
        QTest::newRow("reserved upper-cased") << u"/a%2fb?q=%3d%3D"_s << u"/a%2Fb?q=%3D%3D"_s;
        QTest::newRow("non-ASCII upper-cased") << u"/caf%c3%a9"_s << u"/caf%C3%A9"_s;
        QTest::newRow("not an encoding") << u"/100%/%zz/%4"_s << u"/100%/%zz/%4"_s;
        QTest::newRow("dot segments") << u"/a/./b/../c/"_s << u"/a/c/"_s;
        QTest::newRow("above the root") << u"/../../x"_s << u"/x"_s;
        QTest::newRow("final dots") << u"/a/b/.."_s << u"/a/"_s;
        QTest::newRow("encoded dots") << u"/a/%2e%2E/b"_s << u"/b"_s;
        QTest::newRow("dots in the query kept") << u"/a?x=../b"_s << u"/a?x=../b"_s;
        QTest::newRow("dots in a name kept") << u"/a..b/.c"_s << u"/a..b/.c"_s;
    }
    void rest()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(normaliseUrlRest(in), out);
    }

    void sameAndDifferentUrls()
    {
        const QString base = key(u"http://evil.example/gate.php?id=1"_s);
        QCOMPARE(base, u"evil.example/gate.php?id=1"_s);
        for (const QString &same :
             {u"HTTP://Evil.Example/gate.php?id=1"_s, u"http://evil.example:80/gate.php?id=1"_s,
              u"https://evil.example:443/gate.php?id=1"_s,
              u"http://user@evil.example./gate.php?id=1"_s,
              u"http://evil.example/%67ate.php?id=%31"_s,
              u"http://evil.example/x/../gate.php?id=1"_s,
              u"http://evil.example/./gate.php?id=1"_s})
            QVERIFY2(key(same) == base, qPrintable(same + u" -> "_s + key(same)));
        for (const QString &other :
             {u"http://evil.example/Gate.php?id=1"_s, u"http://evil.example/gate.php/?id=1"_s,
              u"http://evil.example/gate.php?ID=1"_s, u"http://evil.example/gate%2Ephp%3Fid=1"_s,
              u"http://evil.example/gate.php"_s})
            QVERIFY2(key(other) != base, qPrintable(other));
        QCOMPARE(key(u"http://evil.example"_s), key(u"http://EVIL.example/"_s));
    }

    void caseRequestsMatchNormalised()
    {
        const QString path = test::tempPath(u"urls.netcase"_s);
        QCOMPARE(test::netcase({u"new"_s, path, u"--authorization"_s, u"TEST-1"_s}).exitCode, 0);
        const QString http
                = test::zeekHttpLog(u"http.log"_s, {{u"evil.example"_s, u"/a/%7Eb/../gate.php"_s},
                                                    {u"evil.example"_s, u"/gate%2Ephp"_s},
                                                    {u"evil.example"_s, u"/other"_s}});
        QCOMPARE(test::netcase({u"import"_s, path, http}).exitCode, 0);
        const QString bundle = test::writeJson(
                u"urls.json"_s, test::stixBundle({test::StixSpec{
                                        u"[url:value = 'http://EVIL.example:80/a/gate.php']"_s}}));
        auto c = CaseFile::open(path);
        QVERIFY(c.ok());
        auto sum = importIntelligence(c->db(), {bundle}, u"tester"_s);
        QVERIFY(sum.ok());
        auto m = matchCase(c->db());
        QVERIFY(m.ok());
        QStringList urls;
        for (const IntelHit &h : m->hits)
            if (h.field == u"url.original"_s)
                urls << h.value;
        // The first request is the indicator's URL once normalised; "%2E" is the unreserved "."
        // too, but "/gate.php" is not "/a/gate.php"; the third is another path.
        QCOMPARE(urls, QStringList{u"evil.example/a/%7Eb/../gate.php"_s});
    }
};

QTEST_MAIN(TestUrlNormal)
#include "tst_urlnormal.moc"
