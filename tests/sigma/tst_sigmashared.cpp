// The SigmaHQ rules in ../shared/sigma (third-party, not in the project; skipped when absent):
// every rule file is either loaded or listed as unsupported with a reason, and the counts are
// printed for the record. And the project's demo rules load without exception.

#include "common/testutil.h"

#include "sigma/sigmaload.h"

#include <QDir>
#include <QTest>

#include <map>
#include <set>

using namespace netcase;

class TestSigmaShared : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void demoRulesAllLoad()
    {
        // The project's own demo rules (resources/demo-sigma) use nothing unsupported.
        const sigma::RuleSet set
                = sigma::loadFolders({QStringLiteral(NETCASE_SOURCE_DIR "/resources/demo-sigma")});
        QCOMPARE(set.files.size(), std::size_t(5));
        QCOMPARE(set.rules.size(), std::size_t(5));
        QCOMPARE(set.correlations.size(), std::size_t(1));
        QVERIFY(set.unsupported.empty());
    }

    void everyRuleLoadedOrExplained()
    {
        const QString dir = QStringLiteral(NETCASE_SHARED_DIR "/sigma/rules");
        if (!QDir(dir).exists())
            QSKIP("../shared/sigma is absent");
        const sigma::RuleSet set = sigma::loadFolders({dir});
        QVERIFY(set.files.size() >= 200);
        std::set<std::string> accounted;
        for (const sigma::Rule &r : set.rules)
            accounted.insert(r.meta.path);
        for (const sigma::Correlation &k : set.correlations)
            accounted.insert(k.meta.path);
        std::map<std::string, int> reasons;
        for (const sigma::Unsupported &u : set.unsupported) {
            QVERIFY2(!u.reason.empty(), u.path.c_str());
            accounted.insert(u.path);
            ++reasons[u.reason.substr(0, u.reason.find('\''))];
        }
        for (const std::string &file : set.files)
            QVERIFY2(accounted.count(file) == 1, file.c_str());
        QCOMPARE(set.rules.size() + set.correlations.size() + set.unsupported.size(),
                 set.files.size());
        qInfo("%zu files: %zu rules loaded, %zu correlations, %zu unsupported", set.files.size(),
              set.rules.size(), set.correlations.size(), set.unsupported.size());
        for (const auto &[reason, n] : reasons)
            qInfo("  %4d  %s", n, reason.c_str());
    }
};

QTEST_GUILESS_MAIN(TestSigmaShared)
#include "tst_sigmashared.moc"
