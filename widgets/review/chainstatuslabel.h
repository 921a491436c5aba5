#pragma once

// The status bar's view of the audit trail: "Audit chain intact (N records)" or where it broke.
// Re-checked whenever the case changes.

#include <QLabel>

namespace netcase {

class CaseSession;

class ChainStatusLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ChainStatusLabel(QWidget *parent = nullptr);

    void setSession(netcase::CaseSession *session);
    void refresh();
    bool intact() const { return m_intact; }

private:
    CaseSession *m_session = nullptr;
    bool m_intact = true;
};

} // namespace netcase
