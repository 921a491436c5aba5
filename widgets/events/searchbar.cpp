#include "searchbar.h"

#include "case/casesession.h"
#include "case/notestore.h"
#include "common/safetext.h"
#include "query/eventsearch.h"
#include "query/targets.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSettings>
#include <QStringListModel>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace netcase {

namespace {

constexpr int kHistory = 20;
const QString kHistoryKey = QStringLiteral("search/history");

/// Start of the word the cursor is in (words end at spaces and parentheses).
int wordStart(const QString &text, int cursor)
{
    int i = cursor;
    while (i > 0 && !text[i - 1].isSpace() && text[i - 1] != QLatin1Char('(')
           && text[i - 1] != QLatin1Char(')'))
        --i;
    return i;
}

QStringList fieldWords()
{
    QStringList out;
    for (const std::string &n : query::targetNames()) {
        const QString w = QString::fromStdString(n) + QLatin1Char(':');
        if (!out.contains(w))
            out << w;
    }
    // Values worth offering without reading the case.
    for (const char *v : {"outcome:success", "outcome:failure", "outcome:unknown", "method:GET",
                          "method:POST", "method:PUT", "method:DELETE", "method:HEAD", "is:starred",
                          "is:tagged", "is:commented", "is:noted"})
        out << QLatin1String(v);
    out << QStringLiteral("AND") << QStringLiteral("OR") << QStringLiteral("NOT");
    return out;
}

} // namespace

SearchBar::SearchBar(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_status(ui::plainLabel(this))
    , m_completer(new QCompleter(this))
    , m_words(new QStringListModel(fieldWords(), this))
    , m_debounce(new QTimer(this))
    , m_count(this, [this](std::int64_t n) {
        if (!m_valid)
            return;
        ui::setPlainText(m_status, n < 0 ? tr("The events cannot be counted.")
                                         : tr("%1 events match; Enter shows them")
                                                   .arg(QLocale().toString(qlonglong(n))));
        Q_EMIT counted(n);
    })
{
    setObjectName(QStringLiteral("searchBar"));
    m_edit->setObjectName(QStringLiteral("searchEdit"));
    m_status->setObjectName(QStringLiteral("searchStatus"));
    m_edit->setPlaceholderText(
            tr("Search events (Ctrl+F): user:alice status>=400 ip:10.0.0.0/8 \"a phrase\""));
    m_edit->setClearButtonEnabled(true);
    m_edit->setToolTip(tr("Terms side by side must all match; OR, NOT and parentheses combine "
                          "them. 'netcase help query' describes the language."));
    m_status->setWordWrap(true);
    m_status->hide();
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_status->setFont(mono); // the caret lines up under the query

    m_completer->setModel(m_words);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setWidget(m_edit);
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            &SearchBar::insertCompletion);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &SearchBar::check);
    connect(m_edit, &QLineEdit::textEdited, this, &SearchBar::textEdited);
    connect(m_edit, &QLineEdit::returnPressed, this, &SearchBar::apply);
    m_edit->installEventFilter(this);

    m_history = QSettings().value(kHistoryKey).toStringList();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 3, 6, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    layout->addWidget(m_status);
}

void SearchBar::setSession(CaseSession *session)
{
    m_count.cancel();
    m_session = session;
    // The case's tags complete after tag:.
    QStringList words = fieldWords();
    if (session)
        for (const QString &t : NoteStore::tags(session->db()))
            if (!t.contains(QLatin1Char(' ')))
                words << QStringLiteral("tag:") + t;
    m_words->setStringList(words);
    m_applied.reset();
    m_appliedText.clear();
    m_edit->clear();
    m_status->hide();
}

void SearchBar::setBaseFilter(const EventFilter &filter)
{
    m_base = filter;
    if (!m_edit->text().trimmed().isEmpty())
        m_debounce->start();
}

void SearchBar::setQuery(const QString &text)
{
    m_edit->setText(text);
    check();
    apply();
}

void SearchBar::textEdited()
{
    m_historyPos = -1;
    completeWord();
    m_debounce->start();
}

void SearchBar::check()
{
    m_debounce->stop();
    const std::string text = m_edit->text().toStdString();
    const query::Parsed parsed = query::parse(text);
    m_valid = parsed.ok();
    m_count.cancel();
    if (!parsed.ok()) {
        m_pending.reset();
        ui::setPlainText(m_status,
                         QString::fromStdString(query::describeError(text, *parsed.error)));
        m_status->show();
        return;
    }
    m_pending = query::predicateFor(parsed.root);
    if (!m_pending) {
        m_status->hide();
        return;
    }
    m_status->show();
    if (!m_session) {
        ui::setPlainText(m_status, tr("No case open."));
        return;
    }
    ui::setPlainText(m_status, tr("Counting…"));
    EventFilter f = m_base;
    f.predicate = m_pending;
    const Status started
            = m_count.start(*m_session, [f](const Database &db, const std::atomic<bool> &) {
                  return EventQuery(db).count(f);
              });
    if (!started)
        ui::setPlainText(m_status, started.error().message);
}

void SearchBar::apply()
{
    if (m_completer->popup()->isVisible())
        return;
    check();
    if (!m_valid)
        return; // the error stays on show; the table keeps the last good query
    const QString text = m_edit->text().trimmed();
    m_applied = m_pending;
    m_appliedText = text;
    if (!text.isEmpty()) {
        m_history.removeAll(text);
        m_history.prepend(text);
        while (m_history.size() > kHistory)
            m_history.removeLast();
        QSettings().setValue(kHistoryKey, m_history);
    }
    m_historyPos = -1;
    Q_EMIT applied();
}

void SearchBar::recall(int step)
{
    if (m_history.isEmpty())
        return;
    m_historyPos = std::clamp(m_historyPos + step, -1, int(m_history.size()) - 1);
    m_edit->setText(m_historyPos < 0 ? QString() : m_history[m_historyPos]);
    m_debounce->start();
}

bool SearchBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress
        && !m_completer->popup()->isVisible()) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down) {
            recall(key == Qt::Key_Up ? 1 : -1);
            return true;
        }
        if (key == Qt::Key_Escape && !m_edit->text().isEmpty()) {
            m_edit->clear();
            apply();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SearchBar::completeWord()
{
    const QString text = m_edit->text();
    const int cursor = m_edit->cursorPosition();
    const QString word = text.mid(wordStart(text, cursor), cursor - wordStart(text, cursor));
    // Field names while the word has no operator yet; a few known values after one.
    if (word.isEmpty() || word.startsWith(QLatin1Char('"'))
        || (word.contains(QLatin1Char(':')) && !word.startsWith(QLatin1String("outcome:"))
            && !word.startsWith(QLatin1String("method:")))) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->setCompletionPrefix(word);
    if (m_completer->completionCount() == 0
        || (m_completer->completionCount() == 1 && m_completer->currentCompletion() == word)) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->complete();
}

void SearchBar::insertCompletion(const QString &completion)
{
    const QString text = m_edit->text();
    const int cursor = m_edit->cursorPosition();
    const int start = wordStart(text, cursor);
    m_edit->setText(text.left(start) + completion + text.mid(cursor));
    m_edit->setCursorPosition(start + int(completion.size()));
    m_debounce->start();
}

} // namespace netcase
