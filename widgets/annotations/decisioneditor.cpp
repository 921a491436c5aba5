#include "decisioneditor.h"

#include "annotations/draftcommands.h"
#include "common/safetext.h"
#include "core/identity.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace netcase {

namespace {

constexpr int kFactorRow = Qt::UserRole + 1;

bool isRedo(const QKeyEvent *e)
{
    return e->matches(QKeySequence::Redo)
           || e->keyCombination()
                      == QKeyCombination(Qt::ControlModifier | Qt::ShiftModifier, Qt::Key_Z);
}

} // namespace

DecisionEditor::DecisionEditor(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QUndoStack(this))
    , m_subjectLabel(new QLabel(this))
    , m_verdict(new QComboBox(this))
    , m_confidence(new QComboBox(this))
    , m_factorTree(new QTreeWidget(this))
    , m_newFactor(new QLineEdit(this))
    , m_addFactor(new QPushButton(tr("Add"), this))
    , m_removeFactor(new QPushButton(tr("Remove"), this))
    , m_cite(new QPushButton(tr("Cite noted events…"), this))
    , m_reasoning(new QPlainTextEdit(this))
    , m_proportionality(new QPlainTextEdit(this))
    , m_analyst(new QLineEdit(this))
    , m_tune(new QCheckBox(tr("Feed rule tuning: suppress this subject for the rules of its "
                              "findings"),
                           this))
    , m_undo(new QToolButton(this))
    , m_redo(new QToolButton(this))
    , m_record(new QPushButton(tr("Record decision"), this))
    , m_note(ui::plainLabel(this))
{
    setObjectName(QStringLiteral("DecisionEditor"));
    m_verdict->setObjectName(QStringLiteral("verdict"));
    m_confidence->setObjectName(QStringLiteral("confidence"));
    m_factorTree->setObjectName(QStringLiteral("factors"));
    ui::guardView(m_factorTree);
    m_newFactor->setObjectName(QStringLiteral("newFactor"));
    m_addFactor->setObjectName(QStringLiteral("addFactor"));
    m_removeFactor->setObjectName(QStringLiteral("removeFactor"));
    m_cite->setObjectName(QStringLiteral("citeNotes"));
    m_cite->setToolTip(tr("Cite starred or tagged events, or your timeline entries, as factors' "
                          "evidence."));
    m_reasoning->setObjectName(QStringLiteral("reasoning"));
    m_proportionality->setObjectName(QStringLiteral("proportionality"));
    m_analyst->setObjectName(QStringLiteral("analyst"));
    m_tune->setObjectName(QStringLiteral("tuneRule"));
    m_record->setObjectName(QStringLiteral("recordDecision"));
    m_undo->setObjectName(QStringLiteral("undo"));
    m_redo->setObjectName(QStringLiteral("redo"));

    m_verdict->addItem(tr("— choose a verdict —"), QString());
    for (const QString &v : decisions::verdicts())
        m_verdict->addItem(decisions::verdictLabel(v), v);
    for (const QString &c : decisions::confidences())
        m_confidence->addItem(c, c);
    m_confidence->setCurrentIndex(1);
    m_lastConfidence = QStringLiteral("medium");

    m_factorTree->setColumnCount(2);
    m_factorTree->setHeaderLabels({tr("Factor"), tr("Evidence")});
    m_factorTree->header()->setStretchLastSection(false);
    m_factorTree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_factorTree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_factorTree->setToolTip(tr("Click a factor to select its evidence events in every view."));
    m_newFactor->setPlaceholderText(tr("Another factor, in your words"));
    m_reasoning->setPlaceholderText(tr("Why this verdict: how the factors fit together"));
    m_proportionality->setPlaceholderText(
            tr("Why this response is proportional (and what a milder one would miss)"));
    // The draft's own undo stack covers the text too; the editors' private histories would
    // split Ctrl+Z in two.
    m_reasoning->setUndoRedoEnabled(false);
    m_proportionality->setUndoRedoEnabled(false);
    m_analyst->setText(currentUserName());
    m_analyst->setToolTip(tr("Recorded as the decision's analyst (settings: analyst/name)."));
    m_tune->setVisible(false);
    m_note->setWordWrap(true);
    m_subjectLabel->setWordWrap(true);
    m_subjectLabel->setObjectName(QStringLiteral("draftSubject"));

    QAction *undo = m_stack->createUndoAction(this, tr("Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_stack->createRedoAction(this, tr("Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
    for (QAction *a : {undo, redo}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
    }
    // Plain "Undo"/"Redo" buttons (the actions' texts name the step and would not fit).
    m_undo->setText(tr("Undo"));
    m_redo->setText(tr("Redo"));
    m_undo->setEnabled(false);
    m_redo->setEnabled(false);
    connect(m_undo, &QToolButton::clicked, m_stack, &QUndoStack::undo);
    connect(m_redo, &QToolButton::clicked, m_stack, &QUndoStack::redo);
    connect(m_stack, &QUndoStack::canUndoChanged, m_undo, &QWidget::setEnabled);
    connect(m_stack, &QUndoStack::canRedoChanged, m_redo, &QWidget::setEnabled);
    connect(m_stack, &QUndoStack::undoTextChanged, m_undo,
            [this](const QString &t) { m_undo->setToolTip(tr("Undo %1 (Ctrl+Z)").arg(t)); });
    connect(m_stack, &QUndoStack::redoTextChanged, m_redo,
            [this](const QString &t) { m_redo->setToolTip(tr("Redo %1 (Ctrl+Shift+Z)").arg(t)); });
    for (QWidget *w :
         {static_cast<QWidget *>(m_reasoning), static_cast<QWidget *>(m_proportionality),
          static_cast<QWidget *>(m_newFactor)})
        w->installEventFilter(this);

    buildLayout();

    connect(m_verdict, &QComboBox::currentIndexChanged, this,
            [this] { choiceEdited(DraftField::Verdict); });
    connect(m_confidence, &QComboBox::currentIndexChanged, this,
            [this] { choiceEdited(DraftField::Confidence); });
    connect(m_reasoning, &QPlainTextEdit::textChanged, this,
            [this] { textEdited(DraftField::Reasoning); });
    connect(m_proportionality, &QPlainTextEdit::textChanged, this,
            [this] { textEdited(DraftField::Proportionality); });
    connect(m_addFactor, &QPushButton::clicked, this, &DecisionEditor::addFactorFromInput);
    connect(m_newFactor, &QLineEdit::returnPressed, this, &DecisionEditor::addFactorFromInput);
    connect(m_newFactor, &QLineEdit::textChanged, this, &DecisionEditor::updateButtons);
    connect(m_removeFactor, &QPushButton::clicked, this, &DecisionEditor::removeSelectedFactor);
    connect(m_factorTree, &QTreeWidget::itemClicked, this, &DecisionEditor::factorClicked);
    connect(m_factorTree, &QTreeWidget::currentItemChanged, this, &DecisionEditor::updateButtons);
    connect(m_record, &QPushButton::clicked, this, &DecisionEditor::recordRequested);
    connect(m_cite, &QPushButton::clicked, this, &DecisionEditor::citeNotesRequested);
    connect(m_stack, &QUndoStack::indexChanged, this, &DecisionEditor::updateButtons);
    updateButtons();
}

DecisionEditor::~DecisionEditor()
{
    // Clearing a non-empty stack while the children are deleted emits indexChanged into this
    // half-destroyed editor.
    m_stack->disconnect();
}

void DecisionEditor::buildLayout()
{
    auto *form = new QFormLayout;
    form->addRow(tr("Verdict"), m_verdict);
    form->addRow(tr("Confidence"), m_confidence);

    auto *factorInput = new QHBoxLayout;
    factorInput->addWidget(m_newFactor, 1);
    factorInput->addWidget(m_addFactor);
    factorInput->addWidget(m_removeFactor);
    factorInput->addWidget(m_cite);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_undo);
    buttons->addWidget(m_redo);
    buttons->addStretch(1);
    buttons->addWidget(new QLabel(tr("Analyst"), this));
    buttons->addWidget(m_analyst);
    buttons->addWidget(m_record);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_subjectLabel);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Factors (from the findings' signals; click to see the "
                                    "evidence)"),
                                 this));
    layout->addWidget(m_factorTree, 3);
    layout->addLayout(factorInput);
    layout->addWidget(new QLabel(tr("Reasoning"), this));
    layout->addWidget(m_reasoning, 2);
    layout->addWidget(new QLabel(tr("Proportionality"), this));
    layout->addWidget(m_proportionality, 1);
    layout->addWidget(m_tune);
    layout->addWidget(m_note);
    layout->addLayout(buttons);
}

void DecisionEditor::startDraft(const Subject &subject, std::vector<Factor> factors)
{
    m_applying = true;
    m_revises = 0;
    m_subject = subject;
    m_subjectLabel->setText(subject.isValid()
                                    ? tr("<b>Decision on %1</b>").arg(htmlSafe(subject.toString()))
                                    : tr("Select a finding, an address or an account to decide "
                                         "on it."));
    m_verdict->setCurrentIndex(0);
    m_confidence->setCurrentIndex(1);
    m_reasoning->clear();
    m_proportionality->clear();
    m_newFactor->clear();
    m_tune->setChecked(false);
    m_lastVerdict.clear();
    m_lastConfidence = QStringLiteral("medium");
    m_lastReasoning.clear();
    m_lastProportionality.clear();
    m_factors = std::move(factors);
    m_factorTree->clear();
    for (const Factor &f : m_factors)
        m_factorTree->addTopLevelItem(makeFactorItem(f));
    m_applying = false;
    m_stack->clear();
    m_stack->setClean();
    updateButtons();
}

void DecisionEditor::startRevision(const Decision &base)
{
    startDraft(base.subject, base.factors);
    m_revises = base.id;
    m_subjectLabel->setText(tr("<b>Revision of decision #%1</b> on %2 (revision %3 will be "
                               "added; the earlier ones stay)")
                                    .arg(base.id)
                                    .arg(htmlSafe(base.subject.toString()))
                                    .arg(base.revision + 1));
    applyField(DraftField::Verdict, base.verdict);
    applyField(DraftField::Confidence, base.confidence);
    applyField(DraftField::Reasoning, base.reasoning);
    applyField(DraftField::Proportionality, base.proportionality);
    m_stack->clear();
    m_stack->setClean();
}

Decision DecisionEditor::draft() const
{
    Decision d;
    d.subject = m_subject;
    d.verdict = m_verdict->currentData().toString();
    d.confidence = m_confidence->currentData().toString();
    d.factors = m_factors;
    d.reasoning = m_reasoning->toPlainText();
    d.proportionality = m_proportionality->toPlainText();
    d.analyst = m_analyst->text().trimmed();
    return d;
}

int DecisionEditor::currentFactorRow() const
{
    QTreeWidgetItem *item = m_factorTree->currentItem();
    while (item && item->parent())
        item = item->parent();
    return item ? m_factorTree->indexOfTopLevelItem(item) : -1;
}

bool DecisionEditor::dirty() const
{
    return !m_stack->isClean();
}

void DecisionEditor::setEditable(bool editable, const QString &why)
{
    m_editable = editable;
    for (QWidget *w : {static_cast<QWidget *>(m_verdict), static_cast<QWidget *>(m_confidence),
                       static_cast<QWidget *>(m_newFactor), static_cast<QWidget *>(m_analyst),
                       static_cast<QWidget *>(m_tune)})
        w->setEnabled(editable);
    m_reasoning->setReadOnly(!editable);
    m_proportionality->setReadOnly(!editable);
    ui::setPlainText(m_note, why);
    m_note->setVisible(!why.isEmpty());
    updateButtons();
}

void DecisionEditor::setTuningAvailable(bool available)
{
    m_tuningAvailable = available;
    updateButtons();
}

bool DecisionEditor::tuningRequested() const
{
    return m_tune->isVisible() && m_tune->isChecked();
}

void DecisionEditor::applyField(DraftField field, const QString &value)
{
    m_applying = true;
    switch (field) {
    case DraftField::Verdict:
        m_verdict->setCurrentIndex(std::max(0, m_verdict->findData(value)));
        m_lastVerdict = value;
        break;
    case DraftField::Confidence:
        m_confidence->setCurrentIndex(std::max(0, m_confidence->findData(value)));
        m_lastConfidence = value;
        break;
    case DraftField::Reasoning:
        if (m_reasoning->toPlainText() != value) {
            m_reasoning->setPlainText(value);
            m_reasoning->moveCursor(QTextCursor::End);
        }
        m_lastReasoning = value;
        break;
    case DraftField::Proportionality:
        if (m_proportionality->toPlainText() != value) {
            m_proportionality->setPlainText(value);
            m_proportionality->moveCursor(QTextCursor::End);
        }
        m_lastProportionality = value;
        break;
    }
    m_applying = false;
    updateButtons();
}

void DecisionEditor::applyInsertFactor(int row, const Factor &factor)
{
    row = std::clamp(row, 0, int(m_factors.size()));
    m_factors.insert(m_factors.begin() + row, factor);
    m_factorTree->insertTopLevelItem(row, makeFactorItem(factor));
    updateButtons();
}

void DecisionEditor::applyRemoveFactor(int row)
{
    if (row < 0 || row >= int(m_factors.size()))
        return;
    m_factors.erase(m_factors.begin() + row);
    delete m_factorTree->takeTopLevelItem(row);
    updateButtons();
}

bool DecisionEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        const auto *e = static_cast<QKeyEvent *>(event);
        if (isRedo(e)) {
            m_stack->redo();
            return true;
        }
        if (e->matches(QKeySequence::Undo)) {
            m_stack->undo();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void DecisionEditor::addFactorFromInput()
{
    const QString text = m_newFactor->text().trimmed();
    if (text.isEmpty() || !m_editable)
        return;
    Factor f;
    f.text = text;
    m_newFactor->clear();
    m_stack->push(new AddFactorCommand(*this, f, int(m_factors.size())));
}

void DecisionEditor::removeSelectedFactor()
{
    QTreeWidgetItem *item = m_factorTree->currentItem();
    if (!item || !m_editable)
        return;
    while (item->parent())
        item = item->parent();
    const int row = m_factorTree->indexOfTopLevelItem(item);
    if (row >= 0)
        m_stack->push(new RemoveFactorCommand(*this, row));
}

void DecisionEditor::textEdited(DraftField field)
{
    if (m_applying)
        return;
    const bool reasoning = field == DraftField::Reasoning;
    const QString now = (reasoning ? m_reasoning : m_proportionality)->toPlainText();
    const QString before = reasoning ? m_lastReasoning : m_lastProportionality;
    if (now != before)
        m_stack->push(new SetFieldCommand(*this, field, before, now));
}

void DecisionEditor::choiceEdited(DraftField field)
{
    if (m_applying)
        return;
    const bool verdict = field == DraftField::Verdict;
    const QString now = (verdict ? m_verdict : m_confidence)->currentData().toString();
    const QString before = verdict ? m_lastVerdict : m_lastConfidence;
    if (now != before)
        m_stack->push(new SetFieldCommand(*this, field, before, now));
}

void DecisionEditor::factorClicked(QTreeWidgetItem *item)
{
    while (item && item->parent())
        item = item->parent();
    const int row = item ? m_factorTree->indexOfTopLevelItem(item) : -1;
    if (row < 0 || row >= int(m_factors.size()))
        return;
    if (!m_factors[std::size_t(row)].evidence.empty())
        Q_EMIT evidenceActivated(m_factors[std::size_t(row)].evidence);
}

void DecisionEditor::updateButtons()
{
    const Decision d = draft();
    m_addFactor->setEnabled(m_editable && !m_newFactor->text().trimmed().isEmpty());
    m_removeFactor->setEnabled(m_editable && m_factorTree->currentItem() != nullptr);
    m_cite->setEnabled(m_editable && m_subject.isValid());
    m_tune->setVisible(m_tuningAvailable && d.verdict == QLatin1String("benign"));
    m_record->setEnabled(m_editable && m_subject.isValid() && !d.verdict.isEmpty()
                         && !d.reasoning.trimmed().isEmpty() && !d.analyst.isEmpty());
    m_record->setToolTip(m_record->isEnabled()
                                 ? tr("Append the decision to the case (it cannot be edited "
                                      "afterwards, only revised).")
                                 : tr("A decision needs a subject, a verdict and reasoning."));
}

QTreeWidgetItem *DecisionEditor::makeFactorItem(const Factor &f) const
{
    auto *item = new QTreeWidgetItem(
            {f.text,
             f.evidence.empty() ? tr("—") : tr("%n event(s)", nullptr, int(f.evidence.size()))});
    item->setData(0, kFactorRow, qlonglong(f.findingId));
    QString tip = f.signal.isEmpty() ? tr("Free-text factor") : tr("Signal %1").arg(f.signal);
    if (f.findingId)
        tip += tr(" of finding #%1").arg(f.findingId);
    item->setToolTip(0, tip);
    if (!f.evidence.empty()) {
        QFont font = item->font(1);
        font.setUnderline(true);
        item->setFont(1, font);
        item->setForeground(1, palette().link());
    }
    for (const EnrichmentValue &e : f.enrichment) {
        auto *child
                = new QTreeWidgetItem({QStringLiteral("%1  %2 = %3").arg(e.ip, e.field, e.value),
                                       e.source.isEmpty() ? tr("source unknown") : e.source});
        child->setToolTip(0,
                          tr("Enrichment shown to the analyst, from %1")
                                  .arg(e.source.isEmpty() ? tr("an unrecorded source") : e.source));
        item->addChild(child);
    }
    return item;
}

} // namespace netcase
