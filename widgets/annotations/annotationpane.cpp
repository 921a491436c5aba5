#include "annotationpane.h"

#include "analysis/ruletuningstep.h"
#include "annotations/citenotesdialog.h"
#include "annotations/decisioneditor.h"
#include "annotations/draftcommands.h"
#include "audit/decisionstore.h"
#include "audit/factorprefill.h"
#include "case/casesession.h"
#include "case/eventquery.h"
#include "common/safetext.h"
#include "core/shownzone.h"
#include "core/timeutil.h"
#include "items/selectionhub.h"
#include "review/reviewpanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <map>

namespace netcase {

namespace {

constexpr int kDecisionId = Qt::UserRole + 1;

} // namespace

AnnotationPane::AnnotationPane(SelectionHub &hub, QWidget *parent)
    : QWidget(parent)
    , m_hub(hub)
    , m_tabs(new QTabWidget(this))
    , m_editor(new DecisionEditor(this))
    , m_pending(ui::plainLabel(this))
    , m_follow(new QPushButton(tr("Discard draft and follow"), this))
    , m_history(new QListWidget(this))
    , m_revise(new QPushButton(tr("Revise selected decision"), this))
    , m_review(new ReviewPanel(this))
{
    setObjectName(QStringLiteral("AnnotationPane"));
    m_tabs->setObjectName(QStringLiteral("annotationTabs"));
    m_history->setObjectName(QStringLiteral("subjectHistory"));
    ui::guardView(m_history);
    m_revise->setObjectName(QStringLiteral("reviseDecision"));
    m_follow->setObjectName(QStringLiteral("followSelection"));
    m_pending->setWordWrap(true);
    m_pending->setVisible(false);
    m_follow->setVisible(false);
    m_history->setWordWrap(true);
    m_history->setToolTip(tr("Earlier decisions on this subject, newest first."));

    auto *decide = new QWidget(this);
    auto *pendingRow = new QHBoxLayout;
    pendingRow->addWidget(m_pending, 1);
    pendingRow->addWidget(m_follow);
    auto *historyBox = new QWidget(this);
    auto *historyLayout = new QVBoxLayout(historyBox);
    historyLayout->setContentsMargins(4, 0, 4, 0);
    historyLayout->addWidget(new QLabel(tr("Earlier decisions on this subject"), historyBox));
    historyLayout->addWidget(m_history);
    historyLayout->addWidget(m_revise, 0, Qt::AlignRight);
    auto *split = new QSplitter(Qt::Vertical, decide);
    split->addWidget(m_editor);
    split->addWidget(historyBox);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    auto *decideLayout = new QVBoxLayout(decide);
    decideLayout->setContentsMargins(0, 0, 0, 0);
    decideLayout->addLayout(pendingRow);
    decideLayout->addWidget(split);

    m_tabs->addTab(decide, tr("Decision"));
    m_tabs->addTab(m_review, tr("Trail and review"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    connect(&m_hub, &SelectionHub::selectionChanged, this, &AnnotationPane::followSelection);
    connect(m_editor, &DecisionEditor::recordRequested, this, &AnnotationPane::record);
    connect(m_editor, &DecisionEditor::citeNotesRequested, this, &AnnotationPane::citeNotes);
    connect(m_editor, &DecisionEditor::evidenceActivated, this,
            [this](const std::vector<std::int64_t> &ids) {
                Selection s;
                s.eventIds = ids;
                m_publishing = true; // the evidence is shown, the draft keeps its subject
                m_hub.select(s);
                m_publishing = false;
            });
    connect(m_follow, &QPushButton::clicked, this,
            [this] { startDraftFor(subjectOf(m_hub.selection())); });
    connect(m_revise, &QPushButton::clicked, this, &AnnotationPane::reviseSelected);
    connect(m_history, &QListWidget::currentRowChanged, this, [this] { updateMode(); });
    connect(m_review, &ReviewPanel::message, this, &AnnotationPane::message);
    setSession(nullptr);
}

Subject AnnotationPane::subjectOf(const Selection &s)
{
    if (s.findingId > 0)
        return {QStringLiteral("finding"), QString::number(s.findingId)};
    if (s.ips.size() == 1)
        return {QStringLiteral("ip"), s.ips.first()};
    if (s.accounts.size() == 1 && s.ips.isEmpty())
        return {QStringLiteral("account"), s.accounts.first()};
    if (s.hosts.size() == 1 && s.ips.isEmpty() && s.accounts.isEmpty())
        return {QStringLiteral("host"), s.hosts.first()};
    if (!s.isEmpty())
        return {QStringLiteral("selection"), s.describe()};
    return {};
}

bool AnnotationPane::mayDiscardDraft(QWidget *parent)
{
    if (!m_session || !m_editor->dirty())
        return true;
    const auto answer
            = ui::showMessage(parent, QMessageBox::Warning, tr("Unrecorded decision"),
                              tr("The decision draft on %1 has not been recorded. Discard it?")
                                      .arg(m_editor->draft().subject.toString()),
                              QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
    return answer == QMessageBox::Discard;
}

void AnnotationPane::setSession(CaseSession *session)
{
    m_session = session;
    m_review->setSession(session);
    if (session)
        connect(session, &CaseSession::changed, this, &AnnotationPane::refresh);
    if (session && session->reviewMode())
        m_tabs->setCurrentWidget(m_review);
    startDraftFor(session ? subjectOf(m_hub.selection()) : Subject());
}

void AnnotationPane::followSelection()
{
    if (m_publishing)
        return;
    const Subject next = subjectOf(m_hub.selection());
    if (next == m_editor->subject())
        return;
    if (m_editor->dirty()) {
        // Never drop the analyst's unrecorded work because another view was clicked.
        m_pendingSubject = next;
        ui::setPlainText(m_pending, tr("The selection is now %1. The draft stays on %2 until it is "
                                       "recorded or discarded.")
                                            .arg(next.isValid() ? next.toString() : tr("empty"),
                                                 m_editor->subject().toString()));
        m_pending->setVisible(true);
        m_follow->setVisible(true);
        return;
    }
    startDraftFor(next);
}

void AnnotationPane::startDraftFor(const Subject &subject)
{
    m_pending->setVisible(false);
    m_follow->setVisible(false);
    std::vector<Factor> factors;
    if (m_session && subject.isValid()) {
        factors = FactorPrefill::forSubject(m_session->db(), subject);
        const Selection &sel = m_hub.selection();
        if (subject.type == QLatin1String("selection") && !sel.eventIds.empty()) {
            Factor f;
            f.text = tr("Selected events (%1)").arg(sel.describe());
            f.evidence = sel.eventIds;
            factors.push_back(f);
        }
    }
    m_editor->startDraft(subject, std::move(factors));
    m_editor->setTuningAvailable(m_session && subject.isValid()
                                 && canFeedRuleTuning(m_session->db(), subject));
    refresh();
}

void AnnotationPane::record()
{
    if (!m_session || m_session->readOnly())
        return;
    const Decision draft = m_editor->draft();
    auto result = recordDecision(m_session->caseFile().db(), draft, m_editor->revises(),
                                 m_editor->tuningRequested());
    if (!result) {
        ui::showMessage(this, QMessageBox::Warning, tr("Decision not recorded"),
                        result.error().message);
        return;
    }
    const Decision *recorded = &result->decision;
    if (QSettings settings;
        draft.analyst != settings.value(QStringLiteral("analyst/name")).toString())
        settings.setValue(QStringLiteral("analyst/name"), draft.analyst);
    const QString extra = result->note;
    Q_EMIT message(tr("Decision #%1 recorded (revision %2)%3")
                           .arg(recorded->id)
                           .arg(recorded->revision)
                           .arg(extra),
                   8000);
    startDraftFor(recorded->subject);
    m_session->notifyChanged();
}

void AnnotationPane::citeNotes()
{
    if (!m_session || m_session->readOnly() || !m_editor->subject().isValid())
        return;
    const Database &db = m_session->db();
    const std::vector<citation::NotedGroup> groups = citation::notedGroups(db);
    std::vector<std::int64_t> ids;
    for (const citation::NotedGroup &g : groups)
        ids.insert(ids.end(), g.events.begin(), g.events.end());
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::map<std::int64_t, QString> text;
    const EventQuery query(db);
    for (const EventRow &r : query.rows(ids)) {
        const QString raw = QString::fromStdString(query.raw(r).value_or(std::string()));
        text[r.id] = QStringLiteral("%1  %2:%3  %4")
                             .arg(shownSecond(r.event.timestampUs), r.sourceName)
                             .arg(r.event.line)
                             .arg(raw.section(QLatin1Char('\n'), 0, 0).left(200));
    }
    const int row = m_editor->currentFactorRow();
    const QString selected = row >= 0 ? m_editor->factors().at(std::size_t(row)).text : QString();
    auto *dialog = new CiteNotesDialog(groups, citation::timelineEntries(db), text, selected, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, row, selected] {
        QUndoStack *stack = m_editor->undoStack();
        stack->beginMacro(tr("Cite noted events"));
        const auto &factors = m_editor->factors();
        if (dialog->addToSelected() && row >= 0 && row < int(factors.size())
            && factors[std::size_t(row)].text == selected) {
            Factor f = factors[std::size_t(row)];
            const std::vector<std::int64_t> more = dialog->checkedEvents();
            f.evidence.insert(f.evidence.end(), more.begin(), more.end());
            std::sort(f.evidence.begin(), f.evidence.end());
            f.evidence.erase(std::unique(f.evidence.begin(), f.evidence.end()), f.evidence.end());
            stack->push(new ReplaceFactorCommand(*m_editor, row, std::move(f)));
        }
        for (Factor &f : dialog->factors())
            stack->push(new AddFactorCommand(*m_editor, std::move(f), int(factors.size())));
        stack->endMacro();
    });
    dialog->open(); // window-modal, not exec(): the draft is read when it is accepted
}

void AnnotationPane::refresh()
{
    m_history->clear();
    const Subject subject = m_editor->subject();
    if (m_session && subject.isValid()) {
        for (const Decision &d : DecisionStore::forSubject(m_session->db(), subject)) {
            auto *item = new QListWidgetItem(tr("#%1 rev %2 · %3 (%4) · %5 · %6\n%7")
                                                     .arg(d.id)
                                                     .arg(d.revision)
                                                     .arg(decisions::verdictLabel(d.verdict),
                                                          d.confidence, d.analyst, d.createdAt,
                                                          d.reasoning.left(200)));
            item->setData(kDecisionId, qlonglong(d.id));
            m_history->addItem(item);
        }
    }
    if (m_history->count() == 0)
        m_history->addItem(tr("No decision on this subject yet."));
    updateMode();
}

void AnnotationPane::reviseSelected()
{
    if (!m_session)
        return;
    QListWidgetItem *item = m_history->currentItem();
    const qlonglong id = item ? item->data(kDecisionId).toLongLong() : 0;
    if (auto d = DecisionStore::byId(m_session->db(), id))
        m_editor->startRevision(*d);
}

void AnnotationPane::updateMode()
{
    QString why;
    if (!m_session)
        why = tr("Open a case to record decisions.");
    else if (m_session->reviewMode())
        why = tr("Review mode: decisions are read-only. Agree or challenge them in the Trail "
                 "and review tab.");
    else if (m_session->readOnly())
        why = tr("The case is read-only: %1").arg(m_session->readOnlyReason());
    m_editor->setEditable(why.isEmpty(), why);
    QListWidgetItem *item = m_history->currentItem();
    m_revise->setEnabled(why.isEmpty() && item && item->data(kDecisionId).toLongLong() > 0);
}

} // namespace netcase
