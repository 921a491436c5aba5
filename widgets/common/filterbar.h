#pragma once

// The active selection as removable chips (ip, account, host, finding, time range, events),
// with Back/Forward through earlier selections and the switch that makes the selection filter
// the event table. Reads and writes only the SelectionHub.

#include <QWidget>

#include <functional>

class QCheckBox;
class QHBoxLayout;
class QLabel;
class QToolButton;

namespace netcase {

class SelectionHub;
struct Selection;

class FilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit FilterBar(SelectionHub &hub, QWidget *parent = nullptr);

    /// The chips currently shown (for tests and screenshots).
    QList<QToolButton *> chips() const;

private:
    void rebuild();
    void addChip(const QString &text,
                 const QString &tip,
                 const std::function<void(Selection &)> &remove);
    void updateHistory();

    SelectionHub &m_hub;
    QToolButton *m_back;
    QToolButton *m_forward;
    QLabel *m_empty;
    QHBoxLayout *m_chips;
    QCheckBox *m_filter;
    QToolButton *m_clear;
};

} // namespace netcase
