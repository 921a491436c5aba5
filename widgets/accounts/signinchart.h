#pragma once

// A small stacked bar chart of an account's events over time: successes, failures and other
// outcomes per bucket. Painted directly (a few dozen bars do not need Qt Charts).

#include <QWidget>

#include <cstdint>
#include <vector>

namespace netcase {

struct AccountContext;

class SignInChart : public QWidget
{
    Q_OBJECT
public:
    explicit SignInChart(QWidget *parent = nullptr);

    void setContext(const AccountContext *context);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    static QColor successColor();
    static QColor failureColor();

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    int bucketAt(QPoint pos) const;
    QRectF plotRect() const;

    std::vector<std::int64_t> m_success, m_failure, m_other;
    std::int64_t m_firstTs = 0;
    std::int64_t m_bucketUs = 0;
};

} // namespace netcase
