#include "reviewpanel.h"

#include "analysis/ruletuningstep.h"
#include "audit/decisionstore.h"
#include "case/casesession.h"
#include "common/safetext.h"
#include "core/identity.h"
#include "review/revisiondiffview.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace netcase {

namespace {

constexpr int kDecisionId = Qt::UserRole + 1;

} // namespace

ReviewPanel::ReviewPanel(QWidget *parent)
    : QWidget(parent)
    , m_decisions(new QListWidget(this))
    , m_diff(new RevisionDiffView(this))
    , m_reviews(new QListWidget(this))
    , m_agree(new QRadioButton(tr("Agree"), this))
    , m_challenge(new QRadioButton(tr("Challenge"), this))
    , m_note(new QPlainTextEdit(this))
    , m_reviewer(new QLineEdit(this))
    , m_selfReview(new QCheckBox(tr("Self-review"), this))
    , m_record(new QPushButton(tr("Record review"), this))
    , m_tune(new QPushButton(tr("Feed rule tuning (benign)"), this))
    , m_state(ui::plainLabel(this))
{
    setObjectName(QStringLiteral("ReviewPanel"));
    m_decisions->setObjectName(QStringLiteral("trailDecisions"));
    ui::guardView(m_decisions);
    ui::guardView(m_reviews);
    m_reviews->setObjectName(QStringLiteral("trailReviews"));
    m_agree->setObjectName(QStringLiteral("reviewAgree"));
    m_challenge->setObjectName(QStringLiteral("reviewChallenge"));
    m_note->setObjectName(QStringLiteral("reviewNote"));
    m_reviewer->setObjectName(QStringLiteral("reviewer"));
    m_selfReview->setObjectName(QStringLiteral("selfReview"));
    m_selfReview->setToolTip(tr("I made this decision myself (or record it from the same "
                                "account): the review is recorded and reported as a "
                                "self-review."));
    m_record->setObjectName(QStringLiteral("recordReview"));
    m_tune->setObjectName(QStringLiteral("tuneFromDecision"));
    m_state->setObjectName(QStringLiteral("reviewState"));
    m_state->setWordWrap(true);
    m_decisions->setWordWrap(true);
    m_reviews->setWordWrap(true);
    m_note->setPlaceholderText(tr("Note for the analyst (required to challenge)"));
    m_note->setMaximumHeight(80);
    m_reviewer->setText(currentUserName());
    m_tune->setToolTip(tr("Suppress the subject for the rules of its findings, tied to this "
                          "decision (audited)."));
    auto *group = new QButtonGroup(this);
    group->addButton(m_agree);
    group->addButton(m_challenge);

    auto *reviewRow = new QHBoxLayout;
    reviewRow->addWidget(m_agree);
    reviewRow->addWidget(m_challenge);
    reviewRow->addStretch(1);
    reviewRow->addWidget(new QLabel(tr("Reviewer"), this));
    reviewRow->addWidget(m_reviewer);
    reviewRow->addWidget(m_selfReview);
    reviewRow->addWidget(m_record);

    auto *lower = new QWidget(this);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(new QLabel(tr("Revisions side by side"), lower));
    lowerLayout->addWidget(m_diff, 3);
    lowerLayout->addWidget(new QLabel(tr("Reviews"), lower));
    lowerLayout->addWidget(m_reviews, 1);
    lowerLayout->addWidget(m_note);
    lowerLayout->addLayout(reviewRow);
    lowerLayout->addWidget(m_tune, 0, Qt::AlignRight);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_decisions);
    split->addWidget(lower);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_state);
    layout->addWidget(split);

    connect(m_decisions, &QListWidget::currentRowChanged, this, &ReviewPanel::showSelected);
    connect(m_record, &QPushButton::clicked, this, &ReviewPanel::recordReview);
    connect(m_tune, &QPushButton::clicked, this, &ReviewPanel::tuneSelected);
    connect(group, &QButtonGroup::buttonToggled, this, &ReviewPanel::updateButtons);
    connect(m_note, &QPlainTextEdit::textChanged, this, &ReviewPanel::updateButtons);
    setSession(nullptr);
}

void ReviewPanel::setSession(CaseSession *session)
{
    m_session = session;
    if (session)
        connect(session, &CaseSession::changed, this, &ReviewPanel::refresh);
    refresh();
}

void ReviewPanel::refresh()
{
    const std::int64_t keep = selectedId();
    m_decisions->clear();
    if (m_session) {
        const std::vector<Review> reviews = DecisionStore::reviews(m_session->db());
        for (const Decision &d : DecisionStore::latest(m_session->db())) {
            int agree = 0;
            int challenge = 0;
            for (const Review &r : reviews) {
                if (r.decisionId == d.id)
                    ++(r.verdict == QLatin1String("agree") ? agree : challenge);
            }
            auto *item = new QListWidgetItem(
                    tr("#%1 %2 — %3 (%4) — revision %5 — %6 agree, %7 challenge")
                            .arg(d.id)
                            .arg(d.subject.toString(), decisions::verdictLabel(d.verdict),
                                 d.confidence)
                            .arg(d.revision)
                            .arg(agree)
                            .arg(challenge));
            item->setData(kDecisionId, qlonglong(d.id));
            m_decisions->addItem(item);
            if (d.id == keep)
                m_decisions->setCurrentItem(item);
        }
    }
    if (m_decisions->currentRow() < 0 && m_decisions->count() > 0)
        m_decisions->setCurrentRow(0);
    showSelected();
}

std::int64_t ReviewPanel::selectedId() const
{
    const QListWidgetItem *item = m_decisions->currentItem();
    return item ? item->data(kDecisionId).toLongLong() : 0;
}

void ReviewPanel::showSelected()
{
    m_reviews->clear();
    const std::optional<Decision> d
            = m_session ? DecisionStore::byId(m_session->db(), selectedId()) : std::nullopt;
    if (!d) {
        m_diff->setRevisions({});
        updateButtons();
        return;
    }
    const std::vector<Decision> revs = DecisionStore::revisions(m_session->db(), d->key);
    m_diff->setRevisions(revs);
    for (const Decision &rev : revs) {
        for (const Review &r : DecisionStore::reviews(m_session->db(), rev.id))
            m_reviews->addItem(
                    tr("revision %1: %2 by %3 at %4%5")
                            .arg(rev.revision)
                            .arg(r.verdict,
                                 r.selfReview ? tr("%1 (self-review)").arg(r.reviewer) : r.reviewer,
                                 r.createdAt,
                                 r.note.isEmpty() ? QString() : QStringLiteral(" — ") + r.note));
    }
    if (m_reviews->count() == 0)
        m_reviews->addItem(tr("Not reviewed yet."));
    updateButtons();
}

bool ReviewPanel::canReview(QString *why) const
{
    if (!m_session)
        *why = tr("No case is open.");
    else if (!m_session->reviewMode())
        *why = tr("Reviews are recorded in review mode: File → Review case….");
    else if (m_session->caseFile().readOnly())
        *why = tr("Reviews cannot be recorded: %1").arg(m_session->readOnlyReason());
    else
        return true;
    return false;
}

void ReviewPanel::updateButtons()
{
    QString why;
    const bool review = canReview(&why);
    const bool chosen = m_agree->isChecked() || m_challenge->isChecked();
    const bool noteOk = !m_challenge->isChecked() || !m_note->toPlainText().trimmed().isEmpty();
    for (QWidget *w : {static_cast<QWidget *>(m_agree), static_cast<QWidget *>(m_challenge),
                       static_cast<QWidget *>(m_note), static_cast<QWidget *>(m_reviewer),
                       static_cast<QWidget *>(m_selfReview)})
        w->setEnabled(review);
    m_record->setEnabled(review && chosen && noteOk && selectedId() > 0);
    ui::setPlainText(m_state,
                     review ? tr("Review mode: events and decisions are read-only; your reviews "
                                 "are recorded in the case and its audit log.")
                            : why);
    const std::optional<Decision> d
            = m_session ? DecisionStore::byId(m_session->db(), selectedId()) : std::nullopt;
    const bool benign = d && d->verdict == QLatin1String("benign");
    m_tune->setVisible(benign);
    m_tune->setEnabled(benign && m_session && !m_session->readOnly()
                       && canFeedRuleTuning(m_session->db(), d->subject));
}

void ReviewPanel::recordReview()
{
    QString why;
    if (!canReview(&why))
        return;
    Review r;
    r.decisionId = selectedId();
    r.verdict = m_agree->isChecked() ? QStringLiteral("agree") : QStringLiteral("challenge");
    r.note = m_note->toPlainText().trimmed();
    r.reviewer = m_reviewer->text().trimmed();
    r.selfReview = m_selfReview->isChecked();
    auto done = DecisionStore::addReview(m_session->caseFile().db(), r);
    if (!done) {
        ui::showMessage(this, QMessageBox::Warning, tr("Review not recorded"),
                        done.error().message);
        return;
    }
    m_note->clear();
    Q_EMIT message(tr("Review of decision #%1 recorded").arg(r.decisionId), 8000);
    m_session->notifyChanged();
}

void ReviewPanel::tuneSelected()
{
    if (!m_session || m_session->readOnly())
        return;
    const std::optional<Decision> d = DecisionStore::byId(m_session->db(), selectedId());
    if (!d)
        return;
    auto tuned = feedRuleTuning(m_session->caseFile().db(), *d);
    if (!tuned) {
        ui::showMessage(this, QMessageBox::Warning, tr("Rule tuning not recorded"),
                        tuned.error().message);
        return;
    }
    Q_EMIT message(tr("%n rule tuning entr(ies) added from decision #%1", nullptr, tuned.value())
                           .arg(d->id),
                   8000);
    m_session->notifyChanged();
}

} // namespace netcase
