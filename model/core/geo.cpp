#include "geo.h"

#include <algorithm>
#include <cmath>

namespace netcase {

double greatCircleKm(double lat1, double lon1, double lat2, double lon2)
{
    constexpr double kEarthKm = 6371.0;
    constexpr double kRad = M_PI / 180.0;
    const double dLat = (lat2 - lat1) * kRad;
    const double dLon = (lon2 - lon1) * kRad;
    const double a = std::sin(dLat / 2) * std::sin(dLat / 2)
                     + std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dLon / 2)
                               * std::sin(dLon / 2);
    // min() guards asin against a rounding error just above 1 for antipodal points.
    return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(a)));
}

} // namespace netcase
