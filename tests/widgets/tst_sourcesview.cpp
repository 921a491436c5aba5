// The Sources dock: every imported file with its format, SHA-256 and counts, and its rejected
// lines one click away, checked against the files themselves.

#include "common/testutil.h"

#include "case/casefile.h"
#include "case/casesession.h"
#include "sources/sourcesview.h"

#include <QComboBox>
#include <QCryptographicHash>
#include <QFile>
#include <QLabel>
#include <QTableWidget>
#include <QTest>

using namespace netcase;

namespace {

QString sha256Of(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return QString::fromLatin1(h.result().toHex());
}

QStringList linesOf(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
}

} // namespace

class TestSourcesView : public QObject
{
    Q_OBJECT
    QString m_case, m_clean, m_bad;

private Q_SLOTS:
    void initTestCase()
    {
        m_case = test::tempPath(QStringLiteral("sources.netcase"));
        QCOMPARE(test::netcase({QStringLiteral("new"), m_case, QStringLiteral("--authorization"),
                                QStringLiteral("TEST-1")})
                         .exitCode,
                 0);
        m_clean = test::makeAccessLog(QStringLiteral("clean.log"), 300, 20);
        m_bad = test::makeAccessLog(QStringLiteral("bad.log"), 400, 20, 37);
        QVERIFY(!m_clean.isEmpty() && !m_bad.isEmpty());
        const auto run = test::netcase({QStringLiteral("import"), m_case, m_clean, m_bad});
        QVERIFY2(run.exitCode == 0, run.err.constData());
    }

    void listsSourcesAndTheirRejectedLines()
    {
        auto c = CaseFile::open(m_case);
        QVERIFY(c);
        CaseSession session(std::move(*c), false);
        SourcesView view;
        view.resize(1100, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setSession(&session);
        QTableWidget *sources = view.sourcesTable();
        QCOMPARE(sources->rowCount(), 2);
        // Columns: source, format, events, rejects, first, last, SHA-256, imported, reasons.
        int badRow = -1;
        for (int r = 0; r < 2; ++r) {
            const QString name = sources->item(r, 0)->text();
            const QString path = name == QLatin1String("bad.log") ? m_bad : m_clean;
            QCOMPARE(sources->item(r, 6)->text(), sha256Of(path));
            QVERIFY(!sources->item(r, 1)->text().isEmpty());
            if (name == QLatin1String("bad.log"))
                badRow = r;
        }
        QVERIFY(badRow >= 0);
        const int rejects = sources->item(badRow, 3)->data(Qt::UserRole).toInt();
        QVERIFY(rejects > 0);
        QVERIFY(!sources->item(badRow, 8)->text().isEmpty()); // reasons with counts

        // One click on the source lists its rejected lines, as they are in the file.
        QVERIFY(view.rejectsTable()->rowCount() == 0);
        const QRect cell = sources->visualRect(sources->model()->index(badRow, 0));
        QTest::mouseClick(sources->viewport(), Qt::LeftButton, {}, cell.center());
        QTableWidget *lines = view.rejectsTable();
        QTRY_COMPARE(lines->rowCount(), rejects);
        const QStringList file = linesOf(m_bad);
        for (int r = 0; r < lines->rowCount(); ++r) {
            const int line = lines->item(r, 0)->data(Qt::UserRole).toInt();
            QVERIFY(line >= 1 && line <= file.size());
            QCOMPARE(lines->item(r, 2)->text(), file[line - 1]);
            QVERIFY(!lines->item(r, 1)->text().isEmpty());
        }
        // A reason narrows the list to its lines.
        QComboBox *reason = view.reasonBox();
        QVERIFY(reason->count() >= 2);
        reason->setCurrentIndex(1);
        const QString chosen = reason->currentData().toString();
        QVERIFY(lines->rowCount() > 0 && lines->rowCount() <= rejects);
        for (int r = 0; r < lines->rowCount(); ++r)
            QCOMPARE(lines->item(r, 1)->text(), chosen);

        // The clean file: no rejected lines, said so.
        const QRect clean = sources->visualRect(sources->model()->index(1 - badRow, 0));
        QTest::mouseClick(sources->viewport(), Qt::LeftButton, {}, clean.center());
        QTRY_COMPARE(lines->rowCount(), 0);
        QVERIFY(view.findChild<QLabel *>(QStringLiteral("rejectsCaption"))
                        ->text()
                        .contains(QStringLiteral("no rejected lines")));
    }
};

QTEST_MAIN(TestSourcesView)
#include "tst_sourcesview.moc"
