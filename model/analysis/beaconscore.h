#pragma once

// RITA v5's histogram and duration scores of a beacon candidate (activecm/rita,
// analysis/beacons.go: getHistogramScore, calculateBimodalFitScore, getDurationScore), adapted to
// cases that span days: the connection-count histogram has one bin per clock hour (UTC) of the
// series' span (RITA: 24 bins over a one-day dataset), and runs of hours do not wrap around.

#include <cstdint>
#include <vector>

namespace netcase {

struct BeaconHistogramParams
{
    std::int64_t binUs = 3600LL * 1000000;
    int maxBins = 24 * 62;         ///< longer spans get wider bins
    double modeSensitivity = 0.05; ///< RITA HistModeSensitivity: bar heights within 5 % are alike
    int outlierRemoval = 1;   ///< RITA HistBimodalOutlierRemoval: bars that may miss both modes
    int bimodalMinHours = 11; ///< RITA HistBimodalMinHours: fewer bars say nothing of modes
};

struct BeaconHistogram
{
    int bins = 0;
    int hoursSeen = 0;     ///< bars with connections (RITA totalBars)
    int longestRun = 0;    ///< longest run of consecutive bars with connections
    double cvScore = 0;    ///< 1 - coefficient of variation of the bars (flat = 1)
    double bimodalFit = 0; ///< share of the bars in the two commonest heights
    double score = 0;      ///< max(cvScore, bimodalFit)
};

/// The histogram score of a sorted list of timestamps (microseconds).
BeaconHistogram beaconHistogram(const std::vector<std::int64_t> &tsUs,
                                const BeaconHistogramParams &p = {});

/// RITA's duration score: 0 below minHours bars seen, else the larger of the series' coverage of
/// the dataset's span and its longest run against idealHours.
double beaconDurationScore(std::int64_t datasetFirstUs,
                           std::int64_t datasetLastUs,
                           std::int64_t firstUs,
                           std::int64_t lastUs,
                           const BeaconHistogram &h,
                           int minHours = 6,
                           int idealHours = 12);

} // namespace netcase
