#include "casecontroller.h"

#include "case/casesession.h"
#include "case/encryptedcase.h"
#include "common/safetext.h"
#include "core/identity.h"
#include "dialogs/importdialog.h"
#include "dialogs/newcasedialog.h"
#include "ingest/mappingstore.h"
#include "ingest/sourcesummary.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>

namespace netcase {

namespace {

const QString kRecentKey = QStringLiteral("recent/cases");
const QString kCaseFilter = QStringLiteral("Netcase cases (*.netcase);;All files (*)");

} // namespace

CaseController::CaseController(QWidget *window)
    : QObject(window)
    , m_window(window)
{
    connect(&m_import, &ImportRunner::finished, this, &CaseController::importFinished);
}

CaseController::~CaseController()
{
    m_import.cancel();
    m_import.wait();
}

QString CaseController::openCase(
        const QString &path, bool review, bool quiet, bool readOnly, const QByteArray &passphrase)
{
    if (!mayClose())
        return tr("The open case was kept: its decision draft is not recorded.");
    QByteArray key = passphrase;
    if (key.isEmpty() && crypt::looksEncrypted(path) && !quiet) {
        bool ok = false;
        key = QInputDialog::getText(m_window, tr("Encrypted case"),
                                    tr("Passphrase for %1:").arg(QFileInfo(path).fileName()),
                                    QLineEdit::Password, QString(), &ok)
                      .toUtf8();
        if (!ok)
            return tr("The case was not opened: no passphrase was given.");
    }
    if (m_import.busy()) {
        m_import.cancel();
        m_import.wait();
    }
    CaseFile::OpenOptions o;
    // Review mode opens the case writable (when no other process holds it) only so that reviews
    // can be recorded; the session (reviewMode) and every view refuse all other changes.
    o.readOnly = readOnly; // screenshots: a read-only command writes nothing, not even case.open
    o.passphrase = key;
    auto c = CaseFile::open(path, o);
    if (!c) {
        if (!quiet)
            ui::showMessage(m_window, QMessageBox::Critical, tr("Cannot open case"),
                            c.error().message);
        return c.error().message;
    }
    closeCase();
    m_session = std::make_unique<CaseSession>(std::move(c.value()), review);
    connect(m_session.get(), &CaseSession::saveFailed, this, [this](const QString &why) {
        ui::showMessage(m_window, QMessageBox::Critical, tr("Encrypted case not saved"), why);
    });
    addRecent(QFileInfo(path).absoluteFilePath());
    Q_EMIT caseOpened(m_session.get());
    if (!m_session->readOnlyReason().isEmpty())
        Q_EMIT message(m_session->readOnlyReason(), 0);
    return {};
}

void CaseController::closeCaseInteractive()
{
    if (mayClose())
        closeCase();
}

void CaseController::closeCase()
{
    if (!m_session)
        return;
    m_import.cancel();
    m_import.wait();
    Q_EMIT caseClosed();
    m_session.reset();
}

void CaseController::newCaseInteractive()
{
    NewCaseDialog dlg(m_window);
    if (dlg.exec() != QDialog::Accepted)
        return;
    CaseInfo info = dlg.info();
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = dir + QLatin1Char('/')
                              + (info.title.isEmpty() ? QStringLiteral("case") : info.title)
                              + QStringLiteral(".netcase");
    QString path = QFileDialog::getSaveFileName(m_window, tr("Save new case as"), suggested,
                                                kCaseFilter);
    if (path.isEmpty())
        return;
    if (!path.endsWith(QLatin1String(".netcase")))
        path += QStringLiteral(".netcase");
    if (info.title.isEmpty())
        info.title = QFileInfo(path).completeBaseName();
    const QByteArray passphrase = dlg.passphrase();
    {
        auto created = passphrase.isEmpty() ? CaseFile::create(path, info)
                                            : CaseFile::createEncrypted(path, info, passphrase);
        if (!created) {
            ui::showMessage(m_window, QMessageBox::Critical, tr("Cannot create case"),
                            created.error().message);
            return;
        }
    }
    openCase(path, false, false, false, passphrase);
}

void CaseController::openCaseInteractive()
{
    const QString path
            = QFileDialog::getOpenFileName(m_window, tr("Open case"), QString(), kCaseFilter);
    if (!path.isEmpty())
        openCase(path);
}

void CaseController::reviewCaseInteractive()
{
    const QString path
            = QFileDialog::getOpenFileName(m_window, tr("Review case"), QString(), kCaseFilter);
    if (!path.isEmpty())
        openCase(path, true);
}

void CaseController::importInteractive()
{
    if (!m_session)
        return;
    if (m_session->readOnly() || m_import.busy()) {
        importFiles({}); // explains why nothing can be imported now
        return;
    }
    const QStringList files = QFileDialog::getOpenFileNames(
            m_window, tr("Import log files"), QString(),
            tr("Logs (*.log *.txt *.json *.jsonl *.ndjson *.csv *.gz *.bz2 *.xz *.zip *.tar);;"
               "All files (*)"));
    if (files.isEmpty())
        return;
    // Each file with its detected format, overrides, zone and the CSV/JSON-lines mapping.
    ImportDialog dialog(files, m_window);
    dialog.setSavedMappings(MappingStore::list(m_session->db()));
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (const auto mapping = dialog.mapping(); mapping && !mapping->name.isEmpty()) {
        const Status saved = MappingStore::save(m_session->db(), *mapping, currentUserName());
        if (!saved)
            Q_EMIT message(tr("The mapping was not saved: %1").arg(saved.error().message), 8000);
    }
    m_import.start(*m_session, dialog.files(), dialog.options());
}

void CaseController::importFiles(const QStringList &paths)
{
    if (!m_session) {
        Q_EMIT message(tr("Open or create a case before importing."), 5000);
        return;
    }
    if (m_session->readOnly()) {
        ui::showMessage(m_window, QMessageBox::Information, tr("Read-only case"),
                        m_session->reviewMode()
                                ? tr("The case is open for review; events cannot be "
                                     "added.")
                                : m_session->readOnlyReason());
        return;
    }
    if (m_import.busy()) {
        Q_EMIT message(tr("An import is already running."), 5000);
        return;
    }
    m_import.start(*m_session, paths, ImportOptions());
}

void CaseController::importFinished(const ImportOutcome &outcome)
{
    if (outcome.cancelled) {
        Q_EMIT message(tr("Import cancelled; the case is unchanged."), 8000);
        return;
    }
    if (!outcome.ok) {
        ui::showMessage(m_window, QMessageBox::Critical, tr("Import failed"),
                        outcome.error + tr("\n\nThe case is unchanged."));
        return;
    }
    const QLocale loc;
    QStringList lines;
    bool noted = false;
    for (const SourceReport &s : outcome.report.sources) {
        if (!s.error.isEmpty()) {
            lines << tr("%1: not imported: %2").arg(s.name, s.error);
            continue;
        }
        QString line = tr("%1 (%2): %3 events, %4 rejects")
                               .arg(s.name, s.format, loc.toString(qlonglong(s.events)),
                                    loc.toString(qlonglong(s.rejects)));
        if (const QString span = sourceSpanText(s); !span.isEmpty())
            line += QStringLiteral(", ") + span;
        lines << line;
        // How a year or zone the file did not carry was chosen: the analyst should see it.
        for (const QString &n : s.notes)
            lines << QStringLiteral("    ") + n;
        noted = noted || !s.notes.isEmpty();
    }
    // Links out of an imported folder, unreadable files and special files were not read: the
    // analyst sees which, as `netcase import` lists them.
    for (const QString &skipped : outcome.report.skipped)
        lines << tr("skipped: %1").arg(skipped);
    lines << outcome.steps;
    if (m_session)
        m_session->notifyChanged();
    Q_EMIT message(tr("Imported %1 events, %2 rejects")
                           .arg(loc.toString(qlonglong(outcome.report.events())),
                                loc.toString(qlonglong(outcome.report.rejects()))),
                   0);
    if (outcome.report.failed() > 0 || outcome.report.rejects() > 0 || noted
        || !outcome.report.skipped.isEmpty())
        ui::showMessage(m_window, QMessageBox::Information, tr("Import finished"),
                        lines.join(QLatin1Char('\n')));
}

QStringList CaseController::recentCases() const
{
    QStringList list = QSettings().value(kRecentKey).toStringList();
    list.erase(std::remove_if(list.begin(), list.end(),
                              [](const QString &p) { return !QFileInfo::exists(p); }),
               list.end());
    return list;
}

void CaseController::addRecent(const QString &path)
{
    QSettings s;
    QStringList list = s.value(kRecentKey).toStringList();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > 10)
        list.removeLast();
    s.setValue(kRecentKey, list);
    Q_EMIT recentChanged();
}

} // namespace netcase
