// Quality of the analysis on labelled scenarios (scripts/gen_scenarios.py, fixed seed): every
// malicious episode must be found at medium severity or above, and no benign look-alike may
// reach high severity. Precision and recall per kind are printed and written to
// <build>/analysis-scenarios.json (docs/ANALYSIS.md quotes them).

#include "common/analysis_fixtures.h"
#include "common/testutil.h"

#include "analysis/analyzer.h"
#include "analysis/egress.h"
#include "analysis/findingstore.h"
#include "case/casefile.h"
#include "ingest/importjob.h"

#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>

using namespace netcase;

namespace {

bool overlaps(const StoredFinding &f, const nlohmann::json &ep)
{
    for (const auto &ip : ep["ips"])
        if (f.ips.contains(QString::fromStdString(ip.get<std::string>())))
            return true;
    for (const auto &a : ep["accounts"])
        if (f.accounts.contains(QString::fromStdString(a.get<std::string>())))
            return true;
    return false;
}

} // namespace

class TestScenarios : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void maliciousEpisodesAreFound();
    void benignLookAlikesStayBelowHigh();
    void precisionAndRecall();
    void rerunKeepsFindingIds();

private:
    QString m_dir;
    std::optional<CaseFile> m_case;
    nlohmann::json m_labels;
    std::set<std::string> m_importedFiles;
    std::vector<StoredFinding> m_findings;
    int m_medium = 40;
    int m_high = 60;
    int m_scale = 1;
};

void TestScenarios::initTestCase()
{
    m_dir = test::tempPath(QStringLiteral("scenarios"));
    // NETCASE_SCENARIO_SCALE=3: the ordinary users' traffic three times over (the episodes stay).
    m_scale = std::max(1, qEnvironmentVariableIntValue("NETCASE_SCENARIO_SCALE"));
    if (!test::generateScenarios(m_dir, 20261005, m_scale))
        QSKIP("python3 is not available to generate the scenarios");
    QFile lf(m_dir + QStringLiteral("/labels.json"));
    QVERIFY(lf.open(QIODevice::ReadOnly));
    m_labels = nlohmann::json::parse(lf.readAll().toStdString());
    m_medium = m_labels.value("medium", 40);
    m_high = m_labels.value("high", 60);

    CaseInfo info;
    info.title = QStringLiteral("scenarios");
    info.authorization = QStringLiteral("TEST");
    auto c = CaseFile::create(test::tempPath(QStringLiteral("scenarios.netcase")), info);
    QVERIFY2(c, qPrintable(c ? QString() : c.error().message));
    m_case.emplace(std::move(*c));

    ImportOptions opts;
    opts.year = m_labels.value("year", 2026);
    std::atomic<bool> cancel{false};
    for (const char *file :
         {"web-access.log", "auth.log", "okta.jsonl", "conn.log", "cloudtrail.json"}) {
        ImportJob job({m_dir + QLatin1Char('/') + QLatin1String(file)}, opts);
        auto report = job.run(*m_case, {}, cancel);
        if (report && !report->sources.empty() && report->sources.front().error.isEmpty()
            && report->sources.front().events > 0) {
            m_importedFiles.insert(file);
            qInfo("imported %s as %s: %lld events", file,
                  qPrintable(report->sources.front().format),
                  static_cast<long long>(report->sources.front().events));
        } else {
            qWarning("%s was not imported (its importer is not registered yet): %s", file,
                     report && !report->sources.empty() ? qPrintable(report->sources.front().error)
                                                        : "no report");
        }
    }
    QVERIFY(m_importedFiles.count("web-access.log"));
    QVERIFY(test::writeIpInfoJson(m_case->db(), m_dir + QStringLiteral("/ipinfo.json")) > 0);
    // The organisation's known egress ranges, as `netcase analyze --egress-file` stores them.
    if (QFile ef(m_dir + QStringLiteral("/egress.txt")); ef.open(QIODevice::ReadOnly)) {
        auto ranges = Egress::parse(ef.readAll().toStdString());
        QVERIFY(ranges);
        QVERIFY(Egress::store(m_case->db(), *ranges, QStringLiteral("test")));
    }
    auto sum = Analyzer::run(m_case->db(), QStringLiteral("test"));
    QVERIFY2(sum, qPrintable(sum ? QString() : sum.error().message));
    qInfo("%s", qPrintable(sum->text()));
    m_findings = FindingStore::read(m_case->db());
    QVERIFY(!m_findings.empty());
    // NETCASE_SCENARIO_DUMP=FILE writes the stored findings with their evidence, one JSON line
    // each in a stable order, to compare two builds' results (bench/analysis.sh --dump does the
    // same for the benchmark data).
    if (const QString dump = qEnvironmentVariable("NETCASE_SCENARIO_DUMP"); !dump.isEmpty()) {
        QFile out(dump);
        QVERIFY(out.open(QIODevice::WriteOnly));
        std::vector<std::string> lines;
        for (const StoredFinding &f : m_findings) {
            nlohmann::json j = f.toJson();
            j.erase("id");
            j["evidence"] = FindingStore::evidence(m_case->db(), f.id);
            lines.push_back(j.dump());
        }
        std::sort(lines.begin(), lines.end());
        for (const std::string &l : lines)
            out.write(QByteArray::fromStdString(l + '\n'));
    }
    std::map<QString, std::array<int, 3>> bands; // kind -> low, medium, high
    for (const StoredFinding &f : m_findings)
        ++bands[f.kind][f.severity >= m_high ? 2 : f.severity >= m_medium ? 1 : 0];
    for (const auto &[kind, n] : bands)
        qInfo("%-30s low %3d  medium %3d  high %3d", qPrintable(kind), n[0], n[1], n[2]);
}

void TestScenarios::maliciousEpisodesAreFound()
{
    QStringList missed;
    for (const auto &ep : m_labels["episodes"]) {
        if (!ep["malicious"].get<bool>() || !m_importedFiles.count(ep["file"].get<std::string>()))
            continue;
        int best = -1;
        for (const StoredFinding &f : m_findings) {
            const bool kindOk
                    = std::find(ep["kinds"].begin(), ep["kinds"].end(), f.kind.toStdString())
                      != ep["kinds"].end();
            if (kindOk && overlaps(f, ep))
                best = std::max(best, f.severity);
        }
        qInfo("%-28s best severity %d", ep["id"].get<std::string>().c_str(), best);
        if (best < m_medium)
            missed << QString::fromStdString(ep["id"].get<std::string>());
    }
    QVERIFY2(missed.isEmpty(), qPrintable(QStringLiteral("missed: ") + missed.join(u',')));
}

void TestScenarios::benignLookAlikesStayBelowHigh()
{
    QStringList loud;
    for (const auto &ep : m_labels["episodes"]) {
        if (ep["malicious"].get<bool>() || !m_importedFiles.count(ep["file"].get<std::string>()))
            continue;
        int worst = 0;
        QString what;
        for (const StoredFinding &f : m_findings) {
            if (overlaps(f, ep) && f.severity > worst) {
                worst = f.severity;
                what = QString(f.kind + QStringLiteral(": ") + f.title);
            }
        }
        qInfo("%-28s worst severity %d %s", ep["id"].get<std::string>().c_str(), worst,
              qPrintable(what));
        if (worst >= m_high)
            loud << QString(QString::fromStdString(ep["id"].get<std::string>())
                            + QStringLiteral(" (") + what + QLatin1Char(')'));
    }
    QVERIFY2(loud.isEmpty(), qPrintable(QStringLiteral("too severe: ") + loud.join(u',')));
}

void TestScenarios::precisionAndRecall()
{
    // Precision: of the findings at medium or above, how many touch a malicious episode.
    // Recall: of the malicious episodes expecting a kind, how many a finding of it found.
    std::map<std::string, std::pair<int, int>> precision; // kind -> (true, all)
    std::map<std::string, std::pair<int, int>> recall;    // kind -> (found, all)
    for (const StoredFinding &f : m_findings) {
        if (f.severity < m_medium)
            continue;
        bool tp = false;
        for (const auto &ep : m_labels["episodes"])
            tp = tp || (ep["malicious"].get<bool>() && overlaps(f, ep));
        auto &p = precision[f.kind.toStdString()];
        p.first += tp ? 1 : 0;
        ++p.second;
    }
    for (const auto &ep : m_labels["episodes"]) {
        if (!ep["malicious"].get<bool>() || !m_importedFiles.count(ep["file"].get<std::string>()))
            continue;
        for (const auto &k : ep["kinds"]) {
            bool found = false;
            for (const StoredFinding &f : m_findings)
                found = found
                        || (f.kind.toStdString() == k && f.severity >= m_medium && overlaps(f, ep));
            auto &r = recall[k.get<std::string>()];
            r.first += found ? 1 : 0;
            ++r.second;
        }
    }
    // Benign look-alikes whose own addresses are in a finding at 70 or above, and the share of
    // medium-or-above findings that explain no malicious episode.
    std::map<std::string, int> loud; // kind -> findings >= 70 naming a benign episode's address
    for (const StoredFinding &f : m_findings) {
        if (f.severity < 70)
            continue;
        for (const auto &ep : m_labels["episodes"])
            if (!ep["malicious"].get<bool>() && overlaps(f, ep))
                ++loud[f.kind.toStdString()];
    }
    int unexplained = 0;
    int mediumOrAbove = 0;
    for (const auto &[k, p] : precision) {
        unexplained += p.second - p.first;
        mediumOrAbove += p.second;
    }
    nlohmann::json out = nlohmann::json::object();
    std::set<std::string> kinds;
    for (const auto &[k, v] : precision)
        kinds.insert(k);
    for (const auto &[k, v] : recall)
        kinds.insert(k);
    for (const std::string &k : kinds) {
        const auto p = precision[k];
        const auto r = recall[k];
        out[k] = {{"findings_medium_or_above", p.second},
                  {"true_positives", p.first},
                  {"precision", p.second ? double(p.first) / p.second : 1.0},
                  {"episodes", r.second},
                  {"found", r.first},
                  {"recall", r.second ? double(r.first) / r.second : 1.0},
                  {"benign_at_70_or_above", loud[k]}};
        qInfo("%-30s precision %d/%d  recall %d/%d", k.c_str(), p.first, p.second, r.first,
              r.second);
    }
    qInfo("scale %d: %d of %d medium-or-above findings explain no malicious episode", m_scale,
          unexplained, mediumOrAbove);
    out["_all"] = {{"scale", m_scale},
                   {"findings_medium_or_above", mediumOrAbove},
                   {"explaining_no_episode", unexplained}};
    QFile f(m_scale == 1 ? QStringLiteral(NETCASE_BINARY_DIR "/analysis-scenarios.json")
                         : QStringLiteral(NETCASE_BINARY_DIR "/analysis-scenarios-%1x.json")
                                   .arg(m_scale));
    if (f.open(QIODevice::WriteOnly))
        f.write(QByteArray::fromStdString(out.dump(1)));
    for (const auto &[k, r] : recall)
        QCOMPARE(r.first, r.second);
    for (const auto &[k, n] : loud)
        QVERIFY2(n == 0, k.c_str());
    QVERIFY2(unexplained * 10 <= mediumOrAbove, "more than 10 % explain no malicious episode");
}

void TestScenarios::rerunKeepsFindingIds()
{
    std::map<QString, std::int64_t> before;
    for (const StoredFinding &f : m_findings)
        before[f.fingerprint] = f.id;
    auto sum = Analyzer::run(m_case->db(), QStringLiteral("test"));
    QVERIFY(sum);
    const auto after = FindingStore::read(m_case->db());
    QCOMPARE(after.size(), m_findings.size());
    for (const StoredFinding &f : after)
        QCOMPARE(f.id, before[f.fingerprint]);
}

QTEST_GUILESS_MAIN(TestScenarios)
#include "tst_scenarios.moc"
