#include "beaconscore.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace netcase {

BeaconHistogram beaconHistogram(const std::vector<std::int64_t> &tsUs,
                                const BeaconHistogramParams &p)
{
    BeaconHistogram h;
    if (tsUs.empty() || p.binUs <= 0)
        return h;
    // Clock hours (UTC), as RITA's 24 bins over a day are; more than maxBins hours get bins of
    // several hours. The first and last bins are partial.
    const std::int64_t span = tsUs.back() - tsUs.front();
    const std::int64_t hoursCap = std::int64_t(std::max(1, p.maxBins)) * p.binUs;
    const std::int64_t width = span < hoursCap ? p.binUs : (span / hoursCap + 1) * p.binUs;
    const std::int64_t origin = tsUs.front() - ((tsUs.front() % width) + width) % width;
    const std::int64_t n = (tsUs.back() - origin) / width + 1;
    std::vector<std::int64_t> bars(std::size_t(n), 0);
    for (std::int64_t t : tsUs)
        ++bars[std::size_t(std::min<std::int64_t>(n - 1, (t - origin) / width))];
    h.bins = int(n);

    std::int64_t largest = 0;
    std::int64_t total = 0;
    int run = 0;
    for (std::int64_t b : bars) {
        total += b;
        largest = std::max(largest, b);
        if (b > 0) {
            ++h.hoursSeen;
            h.longestRun = std::max(h.longestRun, ++run);
        } else {
            run = 0;
        }
    }

    // Coefficient of variation over every bar, empty ones included: a flat histogram is 1.
    const double mean = double(total) / double(n);
    double var = 0;
    for (std::int64_t b : bars)
        var += (double(b) - mean) * (double(b) - mean);
    const double cv = mean > 0 ? std::sqrt(var / double(n)) / mean : 1;
    h.cvScore = cv >= 1 ? 0 : 1 - cv;

    // Bimodal fit over the bars with connections: their heights, grouped into buckets of
    // modeSensitivity of the largest, mostly fall into one or two buckets (a beacon that sleeps
    // at night, or one that slows down at night).
    if (h.hoursSeen >= p.bimodalMinHours) {
        const double bucket = std::max(1.0, std::ceil(double(largest) * p.modeSensitivity));
        std::map<std::int64_t, int> heights;
        for (std::int64_t b : bars)
            if (b > 0)
                ++heights[std::int64_t(std::floor(double(b) / bucket))];
        int top = 0;
        int second = 0;
        for (const auto &[height, count] : heights) {
            if (count > top) {
                second = top;
                top = count;
            } else if (count > second) {
                second = count;
            }
        }
        const double denom = std::max(1, h.hoursSeen - p.outlierRemoval);
        h.bimodalFit = std::min(1.0, double(top + second) / denom);
    }
    h.score = std::max(h.cvScore, h.bimodalFit);
    return h;
}

double beaconDurationScore(std::int64_t datasetFirstUs,
                           std::int64_t datasetLastUs,
                           std::int64_t firstUs,
                           std::int64_t lastUs,
                           const BeaconHistogram &h,
                           int minHours,
                           int idealHours)
{
    if (h.hoursSeen < minHours || datasetLastUs <= datasetFirstUs || idealHours < 1)
        return 0;
    const double coverage
            = std::min(1.0, double(lastUs - firstUs) / double(datasetLastUs - datasetFirstUs));
    const double consistency = std::min(1.0, double(h.longestRun) / double(idealHours));
    return std::max(coverage, consistency);
}

} // namespace netcase
