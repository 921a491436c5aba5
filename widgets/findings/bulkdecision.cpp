#include "bulkdecision.h"

#include "analysis/ruletuningstep.h"
#include "audit/factorprefill.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QPlainTextEdit>
#include <QPushButton>

namespace netcase {

BulkDecisionDialog::BulkDecisionDialog(int findings, QWidget *parent)
    : QDialog(parent)
    , m_verdict(new QComboBox(this))
    , m_confidence(new QComboBox(this))
    , m_reasoning(new QPlainTextEdit(this))
    , m_tune(new QCheckBox(tr("Also tune the rules (benign only): suppress each finding's "
                              "subject for its rule"),
                           this))
{
    setObjectName(QStringLiteral("bulkDecisionDialog"));
    setWindowTitle(tr("Decide on %n finding(s)", nullptr, findings));
    m_verdict->setObjectName(QStringLiteral("bulkVerdict"));
    for (const QString &v : decisions::verdicts())
        m_verdict->addItem(decisions::verdictLabel(v), v);
    m_confidence->setObjectName(QStringLiteral("bulkConfidence"));
    for (const QString &c : decisions::confidences())
        m_confidence->addItem(c, c);
    m_confidence->setCurrentIndex(m_confidence->findData(QStringLiteral("medium")));
    m_reasoning->setObjectName(QStringLiteral("bulkReasoning"));
    m_reasoning->setPlaceholderText(tr("Why (recorded with each decision)"));
    m_reasoning->setTabChangesFocus(true);
    m_tune->setObjectName(QStringLiteral("bulkTune"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Record %n decision(s)", nullptr, findings));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Verdict"), m_verdict);
    form->addRow(tr("Confidence"), m_confidence);
    form->addRow(tr("Reasoning"), m_reasoning);
    form->addRow(m_tune);
    form->addRow(buttons);
    connect(m_verdict, &QComboBox::currentIndexChanged, this, &BulkDecisionDialog::updateOk);
    connect(m_reasoning, &QPlainTextEdit::textChanged, this, &BulkDecisionDialog::updateOk);
    updateOk();
}

void BulkDecisionDialog::updateOk()
{
    const bool benign = verdict() == QLatin1String("benign");
    m_tune->setEnabled(benign);
    if (!benign)
        m_tune->setChecked(false);
    m_ok->setEnabled(!reasoning().isEmpty());
}

QString BulkDecisionDialog::verdict() const
{
    return m_verdict->currentData().toString();
}

QString BulkDecisionDialog::confidence() const
{
    return m_confidence->currentData().toString();
}

QString BulkDecisionDialog::reasoning() const
{
    return m_reasoning->toPlainText().trimmed();
}

bool BulkDecisionDialog::tune() const
{
    return m_tune->isChecked();
}

BulkOutcome recordForFindings(Database &db,
                              const std::vector<std::int64_t> &findingIds,
                              const QString &verdict,
                              const QString &confidence,
                              const QString &reasoning,
                              bool tune,
                              const QString &analyst)
{
    BulkOutcome out;
    for (const std::int64_t id : findingIds) {
        Decision d;
        d.subject = {QStringLiteral("finding"), QString::number(id)};
        d.verdict = verdict;
        d.confidence = confidence;
        d.reasoning = reasoning;
        d.analyst = analyst;
        d.factors = FactorPrefill::forSubject(db, d.subject);
        auto r = recordDecision(db, d, 0, tune);
        if (!r) {
            out.problems << QStringLiteral("finding %1: %2").arg(id).arg(r.error().message);
            continue;
        }
        out.decisionIds.push_back(r->decision.id);
        if (!r->note.isEmpty())
            out.notes << QStringLiteral("finding %1%2").arg(id).arg(r->note);
    }
    return out;
}

} // namespace netcase
