// The real sshd samples in ../shared/samples/sshd (loghub OpenSSH_2k, an Ubuntu auth.log) must
// import with every line an event and no rejects. Skips when ../shared is absent.

#include "common/implogs_case.h"

#include <QTest>

using namespace netcase;
using namespace netcase::test;

class TestSyslogSamples : public QObject
{
    Q_OBJECT

private:
    /// Imports a sample (auto-detected) and returns how many events have each action.
    std::map<std::string, int> importSample(const QString &rel, int wantEvents)
    {
        std::map<std::string, int> actions;
        const QString path = sharedSample(rel);
        if (path.isEmpty())
            return actions;
        const CaseImport r = importIntoNewCase({path}, ImportOptions{}, QFileInfo(path).baseName());
        if (!r.ok || r.report.sources.size() != 1) {
            qWarning("%s: %s", qPrintable(rel), qPrintable(r.error));
            return actions;
        }
        const SourceReport &s = r.report.sources[0];
        qInfo("%s: format %s, %lld events, %lld rejects", qPrintable(rel), qPrintable(s.format),
              qlonglong(s.events), qlonglong(s.rejects));
        if (s.format != QLatin1String("syslog") || s.events != wantEvents || s.rejects != 0)
            return actions;
        for (const QByteArray &line : r.ecs.split('\n')) {
            if (line.isEmpty())
                continue;
            const auto j = nlohmann::json::parse(line.toStdString());
            const std::string action = j["event"].value("action", std::string("?"));
            if (action == "syslog")
                actions["syslog from " + j["labels"].value("process", std::string("?"))]++;
            actions[action]++;
        }
        for (const auto &[a, n] : actions)
            qInfo("  %-28s %d", a.c_str(), n);
        return actions;
    }

private Q_SLOTS:
    void loghubOpenSsh()
    {
        if (sharedSample(QStringLiteral("sshd/loghub_OpenSSH_2k.log")).isEmpty())
            QSKIP("../shared/samples is not available");
        auto a = importSample(QStringLiteral("sshd/loghub_OpenSSH_2k.log"), 2000);
        QVERIFY(!a.empty());
        QVERIFY(a["ssh_login"] > 300);
        QVERIFY(a["pam_auth_failure"] > 300);
        QVERIFY(a["ssh_invalid_user"] > 100);
        QVERIFY(a["ssh_disconnect"] > 100);
        QVERIFY(a["ssh_too_many_failures"] > 0);
        // Unrecognised lines stay events; they must be the exception, not the rule.
        QVERIFY2(a["syslog"] < 200, qPrintable(QString::number(a["syslog"])));
    }

    void ubuntuAuthLog()
    {
        if (sharedSample(QStringLiteral("sshd/elastic-examples_auth.log")).isEmpty())
            QSKIP("../shared/samples is not available");
        auto a = importSample(QStringLiteral("sshd/elastic-examples_auth.log"), 7121);
        QVERIFY(!a.empty());
        QVERIFY(a["ssh_login"] > 300);
        QVERIFY(a["sudo"] > 50);
        QVERIFY(a["session_open"] > 500);
    }
};

QTEST_GUILESS_MAIN(TestSyslogSamples)
#include "tst_syslogsamples.moc"
