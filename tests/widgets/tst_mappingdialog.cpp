// The mapping dialog's live preview and the import dialog, driven through their widgets
// offscreen, plus saving mappings in a case. Set NETCASE_SCREENSHOTS=DIR to keep PNGs of both.

#include "case/casefile.h"
#include "common/testutil.h"
#include "dialogs/importdialog.h"
#include "dialogs/mappingdialog.h"
#include "ingest/mappingstore.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

using namespace netcase;

namespace {

QString golden(const QString &rel)
{
    return QStringLiteral(NETCASE_SOURCE_DIR "/tests/importers/golden/") + rel;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void snapshot(QWidget &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("NETCASE_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    w.show();
    QCoreApplication::processEvents();
    w.grab().save(dir + QLatin1Char('/') + name);
}

} // namespace

class TestMappingDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void previewShowsEventsAndRejects()
    {
        const QByteArray sample = readAll(golden(QStringLiteral("csv/vpn.csv")));
        QVERIFY(!sample.isEmpty());
        MappingDialog dialog(QStringLiteral("csv"), sample);
        // The golden mapping: dd/mm/yyyy in Europe/Berlin, one row with an impossible date.
        auto m = FieldMapping::fromText(golden(QStringLiteral("csv/mapping.json")));
        QVERIFY(m);
        dialog.setMapping(*m);
        QCOMPARE(dialog.previewEvents(), 12);
        QCOMPARE(dialog.previewRejects(), 1);
        QTableWidget *t = dialog.preview();
        int rejectRow = -1;
        for (int r = 0; r < t->rowCount(); ++r) {
            if (t->item(r, 1)->text().startsWith(QStringLiteral("rejected")))
                rejectRow = r;
        }
        QVERIFY(rejectRow >= 0);
        QVERIFY(t->item(rejectRow, 1)->text().contains(QStringLiteral("@timestamp")));
        QCOMPARE(t->item(rejectRow, 0)->background().color(), QColor(255, 214, 214));
        snapshot(dialog, QStringLiteral("mappingdialog.png"));

        // A wrong timestamp format, typed as a user would: every row becomes a reject, live.
        auto *format = dialog.findChild<QComboBox *>(QStringLiteral("timestampFormat"));
        QVERIFY(format);
        QVERIFY(format->isEditable());
        format->lineEdit()->selectAll();
        QTest::keyClicks(format->lineEdit(), QStringLiteral("epoch_ms"));
        QTRY_COMPARE(dialog.previewEvents(), 0);
        QCOMPARE(dialog.previewRejects(), 13);
        QCOMPARE(dialog.mapping().timestampFormat, std::string("epoch_ms"));
    }

    void previewSaysWhichColumnsItChose()
    {
        const QByteArray sample = "TenantId,TimeGenerated,IPAddress,UserPrincipalName\n"
                                  "t1,2024-03-01T08:00:00Z,192.0.2.1,ann@example.com\n";
        MappingDialog dialog(QStringLiteral("csv"), sample);
        QCOMPARE(dialog.previewEvents(), 1);
        bool said = false;
        for (auto *label : dialog.findChildren<QLabel *>())
            said = said
                   || label->text().contains(QStringLiteral(
                           "Guessed from the column names: @timestamp = TimeGenerated, source.ip "
                           "= IPAddress, user.name = UserPrincipalName."));
        QVERIFY(said);
    }

    void jsonPathsAreOffered()
    {
        const QByteArray sample = readAll(golden(QStringLiteral("jsonl/gateway.jsonl")));
        MappingDialog dialog(QStringLiteral("jsonl"), sample);
        // "ts" is recognised as the time, so the guessed mapping already imports.
        QCOMPARE(dialog.mapping().fields.at("@timestamp"), std::string("ts"));
        QVERIFY(dialog.previewEvents() > 0);
        bool hasPath = false;
        for (auto *combo : dialog.findChildren<QComboBox *>())
            hasPath = hasPath || combo->findText(QStringLiteral("net.src")) >= 0;
        QVERIFY(hasPath);
    }

    void importDialogDetectsAndOverrides()
    {
        const QStringList files = {golden(QStringLiteral("okta/events.jsonl")),
                                   golden(QStringLiteral("csv/vpn.csv"))};
        ImportDialog dialog(files);
        QCOMPARE(dialog.effectiveFormat(0), QStringLiteral("okta"));
        QCOMPARE(dialog.effectiveFormat(1), QStringLiteral("csv"));
        QVERIFY(dialog.options().format.isEmpty()); // each file detected on its own
        auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(ok->isEnabled());
        auto *mappingButton = dialog.findChild<QPushButton *>(QStringLiteral("fieldMapping"));
        QVERIFY(mappingButton && mappingButton->isEnabled()); // a CSV file is among them
        snapshot(dialog, QStringLiteral("importdialog.png"));

        // Forcing one file to another format while the other stays detected as something
        // else cannot be one import: the dialog refuses instead of guessing.
        auto *combo = static_cast<QComboBox *>(dialog.table()->cellWidget(0, 2));
        combo->setCurrentIndex(combo->findData(QStringLiteral("jsonl")));
        QCOMPARE(dialog.effectiveFormat(0), QStringLiteral("jsonl"));
        QVERIFY(!ok->isEnabled());
        auto *combo2 = static_cast<QComboBox *>(dialog.table()->cellWidget(1, 2));
        combo2->setCurrentIndex(combo2->findData(QStringLiteral("jsonl")));
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog.options().format, QStringLiteral("jsonl"));
    }

    void anUnrecognisedFileSaysWhy()
    {
        const QString empty = test::tempPath(QStringLiteral("dialog-empty.log"));
        QFile f(empty);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        ImportDialog dialog({golden(QStringLiteral("okta/events.jsonl")), empty});
        QVERIFY(dialog.effectiveFormat(1).isEmpty());
        QVERIFY(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
        bool said = false;
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            said = said
                   || label->text().contains(QStringLiteral("dialog-empty.log: the file is empty"));
        QVERIFY(said);
        snapshot(dialog, QStringLiteral("importdialog-unrecognised.png"));
    }

    void mappingsAreSavedInTheCase()
    {
        const QString path = test::tempPath(QStringLiteral("mapping.netcase"));
        auto c = CaseFile::create(path, CaseInfo{QStringLiteral("mappings")});
        QVERIFY(c.ok());
        auto m = FieldMapping::fromText(golden(QStringLiteral("csv/mapping.json")));
        QVERIFY(m);
        QVERIFY(MappingStore::save(c->db(), *m, QStringLiteral("tester")).ok());
        m->timezone = "UTC";
        QVERIFY(MappingStore::save(c->db(), *m, QStringLiteral("tester")).ok()); // replaces
        const auto saved = MappingStore::list(c->db());
        QCOMPARE(saved.size(), size_t(1));
        QCOMPARE(saved[0].name, QStringLiteral("vpn-export"));
        QCOMPARE(saved[0].fields, m->fields);
        QCOMPARE(c->db().scalar("SELECT count(*) FROM audit_log WHERE action = 'mapping.save'"),
                 std::int64_t(2));
        FieldMapping unnamed = *m;
        unnamed.name.clear();
        QVERIFY(!MappingStore::save(c->db(), unnamed, QStringLiteral("tester")).ok());
    }
};

QTEST_MAIN(TestMappingDialog)
#include "tst_mappingdialog.moc"
