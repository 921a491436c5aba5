#include "triagebar.h"

#include "audit/decision.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace netcase {

TriageBar::TriageBar(FindingsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_kind(new QComboBox(this))
    , m_band(new QComboBox(this))
    , m_text(new QLineEdit(this))
    , m_state(new QComboBox(this))
    , m_hideDecided(new QCheckBox(tr("Hide decided"), this))
    , m_decide(new QPushButton(tr("Decide…"), this))
{
    setObjectName(QStringLiteral("triageBar"));
    m_kind->setObjectName(QStringLiteral("kindFilter"));
    m_kind->addItem(tr("All kinds"), QString());
    m_band->setObjectName(QStringLiteral("severityFilter"));
    m_band->addItem(tr("Any severity"), QString());
    for (const char *b : {"high", "medium", "low"})
        m_band->addItem(QString::fromLatin1(b), QString::fromLatin1(b));
    m_text->setObjectName(QStringLiteral("findingTextFilter"));
    m_text->setPlaceholderText(tr("Filter: title, rule, address, account…"));
    m_text->setClearButtonEnabled(true);
    m_state->setObjectName(QStringLiteral("decisionFilter"));
    m_state->addItem(tr("Any decision state"), QString());
    m_state->addItem(tr("Undecided"), QStringLiteral("undecided"));
    m_state->addItem(tr("Decided"), QStringLiteral("decided"));
    for (const QString &v : decisions::verdicts())
        m_state->addItem(decisions::verdictLabel(v), v);
    m_hideDecided->setObjectName(QStringLiteral("hideDecided"));
    m_decide->setObjectName(QStringLiteral("decideFindings"));
    m_decide->setEnabled(false);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(m_kind);
    layout->addWidget(m_band);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_state);
    layout->addWidget(m_hideDecided);
    layout->addWidget(m_decide);

    const auto changed = [this] {
        apply();
    };
    connect(m_kind, &QComboBox::currentIndexChanged, this, changed);
    connect(m_band, &QComboBox::currentIndexChanged, this, changed);
    connect(m_state, &QComboBox::currentIndexChanged, this, changed);
    connect(m_text, &QLineEdit::textChanged, this, changed);
    connect(m_hideDecided, &QCheckBox::toggled, this, changed);
    connect(m_decide, &QPushButton::clicked, this, &TriageBar::decideRequested);
}

void TriageBar::apply()
{
    FindingsModel::Filter f;
    f.kind = m_kind->currentData().toString();
    f.band = m_band->currentData().toString();
    f.text = m_text->text();
    f.state = m_state->currentData().toString();
    f.hideDecided = m_hideDecided->isChecked();
    m_model->setFilter(f);
}

void TriageBar::refreshKinds()
{
    const QString chosen = m_kind->currentData().toString();
    QStringList kinds = m_model->kinds();
    if (!chosen.isEmpty() && !kinds.contains(chosen))
        kinds << chosen; // keep a choice that filters everything out, so it can be undone
    QStringList have;
    for (int i = 1; i < m_kind->count(); ++i)
        have << m_kind->itemData(i).toString();
    if (have == kinds)
        return;
    const QSignalBlocker block(m_kind);
    while (m_kind->count() > 1)
        m_kind->removeItem(1);
    for (const QString &k : kinds)
        m_kind->addItem(QString(k).replace(QLatin1Char('_'), QLatin1Char(' ')), k);
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(chosen)));
}

void TriageBar::setSelectionCount(int n, bool writable, const QString &whyNot)
{
    m_decide->setEnabled(n > 0 && writable);
    m_decide->setText(n > 1 ? tr("Decide on %1 findings…").arg(n) : tr("Decide…"));
    m_decide->setToolTip(!writable ? whyNot
                                   : tr("Record one decision (one verdict and reasoning) for "
                                        "each selected finding; each is its own audited "
                                        "decision."));
}

} // namespace netcase
