#pragma once

// A compact progress display for long work (import, enrichment, analysis, reports): a bar in
// bytes or percent, throughput, and a Cancel button. Lives in the status bar.

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace netcase {

class ProgressPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ProgressPanel(QWidget *parent = nullptr);

    void start(const QString &what);
    /// Progress in bytes; shows throughput.
    void setBytes(qint64 done, qint64 total, const QString &detail);
    void setPercent(int percent, const QString &detail);
    void finish();

Q_SIGNALS:
    void cancelRequested();

private:
    QLabel *m_label;
    QProgressBar *m_bar;
    QToolButton *m_cancel;
    QElapsedTimer m_clock;
    QString m_what;
};

} // namespace netcase
