#include "finding.h"

#include <QCryptographicHash>

#include <algorithm>

namespace netcase {

void Finding::addSignal(std::string name, int weight, std::string detail)
{
    signalList.push_back(Signal{std::move(name), weight, std::move(detail)});
}

void Finding::addCaveat(const std::string &code, std::string text)
{
    if (!hasCaveat(code))
        caveats.push_back(Caveat{code, std::move(text)});
}

bool Finding::hasCaveat(const std::string &code) const
{
    return std::any_of(caveats.begin(), caveats.end(),
                       [&](const Caveat &c) { return c.code == code; });
}

void Finding::addEvidence(std::int64_t eventId, std::int64_t ts)
{
    if (evidence.empty()) {
        firstTs = ts;
        lastTs = ts;
    }
    firstTs = std::min(firstTs, ts);
    lastTs = std::max(lastTs, ts);
    evidence.push_back(eventId);
}

int Finding::severity() const
{
    int sum = 0;
    for (const Signal &s : signalList)
        sum += s.weight;
    return std::clamp(sum, 0, 100);
}

std::string Finding::fingerprint() const
{
    const std::string text = kind + '|' + rule + '|' + key;
    return QCryptographicHash::hash(QByteArray::fromStdString(text), QCryptographicHash::Sha1)
            .toHex()
            .toStdString();
}

} // namespace netcase
