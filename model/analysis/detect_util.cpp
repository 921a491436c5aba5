#include "detect.h"

#include "dataset.h"

#include "core/timeutil.h"

#include <algorithm>

namespace netcase::detail {

std::vector<Episode>
episodes(const std::vector<Ev> &events, const std::vector<std::size_t> &idx, std::int64_t maxGapUs)
{
    std::vector<Episode> out;
    std::size_t begin = 0;
    for (std::size_t k = 1; k <= idx.size(); ++k) {
        if (k == idx.size() || events[idx[k]].ts - events[idx[k - 1]].ts > maxGapUs) {
            out.emplace_back(idx.data() + begin, k - begin);
            begin = k;
        }
    }
    return out;
}

std::size_t maxInWindow(const std::vector<Ev> &events, Episode idx, std::int64_t windowUs)
{
    std::size_t best = 0;
    std::size_t lo = 0;
    for (std::size_t hi = 0; hi < idx.size(); ++hi) {
        while (events[idx[hi]].ts - events[idx[lo]].ts >= windowUs)
            ++lo;
        best = std::max(best, hi - lo + 1);
    }
    return best;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    const std::size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(mid), v.end());
    return v[mid];
}

} // namespace netcase::detail
