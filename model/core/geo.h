#pragma once

// Geographic helpers shared by the map (arc lengths) and the analysis (impossible travel).

namespace netcase {

/// Great-circle distance in km between two points given in degrees (haversine formula on a
/// sphere of the mean Earth radius, 6371 km).
double greatCircleKm(double lat1, double lon1, double lat2, double lon2);

} // namespace netcase
