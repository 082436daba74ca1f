using Itinera.Core.Geo;
using Itinera.Core.Ingestion;
using Itinera.Core.Simulation;

namespace Itinera.Cli.Commands;

/// <summary>
/// The speed limit at a fix from the simulated city's map (its OSM roads and their <c>maxspeed</c>), for
/// <c>eval driving --sim</c> while map matching is not available here: the nearest road segment within
/// 25 m whose direction agrees with the fix's bearing within 45° (either way along the segment), else the nearest
/// segment within 25 m when the fix has no bearing; null when no road is that close. Segments are bucketed in a
/// grid of about 100 m.
/// </summary>
internal sealed class RoadLimitLookup
{
    private const double MaxDistanceMeters = 25;
    private const double MaxBearingDifferenceDegrees = 45;
    private const double CellDegrees = 0.001;
    private readonly Dictionary<(int, int), List<int>> _cells = [];
    private readonly List<(double Lat1, double Lon1, double Lat2, double Lon2, int LimitKmh)> _segments = [];

    public RoadLimitLookup(SyntheticCity city)
    {
        var nodes = city.Nodes.ToDictionary(n => n.Id);
        foreach (var way in city.Ways.Where(w => w.Kind == WayKind.Road))
        {
            for (var i = 0; i + 1 < way.NodeIds.Count; i++)
            {
                var (a, b) = (nodes[way.NodeIds[i]], nodes[way.NodeIds[i + 1]]);
                var index = _segments.Count;
                _segments.Add((a.Latitude, a.Longitude, b.Latitude, b.Longitude, way.MaxSpeedKmh));
                var (minLat, maxLat) = (Math.Min(a.Latitude, b.Latitude), Math.Max(a.Latitude, b.Latitude));
                var (minLon, maxLon) = (Math.Min(a.Longitude, b.Longitude), Math.Max(a.Longitude, b.Longitude));
                for (var x = Cell(minLat); x <= Cell(maxLat); x++)
                {
                    for (var y = Cell(minLon); y <= Cell(maxLon); y++)
                    {
                        if (!_cells.TryGetValue((x, y), out var list))
                        {
                            _cells[(x, y)] = list = [];
                        }

                        list.Add(index);
                    }
                }
            }
        }
    }

    public double? LimitKmh(Fix fix)
    {
        var (cx, cy) = (Cell(fix.Latitude), Cell(fix.Longitude));
        var best = double.MaxValue;
        int? limit = null;
        var metersPerLon = GeoMath.MetersPerDegreeLongitude(fix.Latitude);
        const double metersPerLat = 111_320;
        var seen = new HashSet<int>();
        for (var x = cx - 1; x <= cx + 1; x++)
        {
            for (var y = cy - 1; y <= cy + 1; y++)
            {
                if (!_cells.TryGetValue((x, y), out var list))
                {
                    continue;
                }

                foreach (var index in list)
                {
                    if (!seen.Add(index))
                    {
                        continue;
                    }

                    var s = _segments[index];
                    // Local planar metres around the fix.
                    double ax = (s.Lon1 - fix.Longitude) * metersPerLon, ay = (s.Lat1 - fix.Latitude) * metersPerLat;
                    double bx = (s.Lon2 - fix.Longitude) * metersPerLon, by = (s.Lat2 - fix.Latitude) * metersPerLat;
                    double dx = bx - ax, dy = by - ay;
                    var lengthSquared = dx * dx + dy * dy;
                    var t = lengthSquared == 0 ? 0 : Math.Clamp(-(ax * dx + ay * dy) / lengthSquared, 0, 1);
                    var distance = Math.Sqrt(Math.Pow(ax + t * dx, 2) + Math.Pow(ay + t * dy, 2));
                    if (distance > MaxDistanceMeters || distance >= best)
                    {
                        continue;
                    }

                    if (fix.BearingDegrees is { } bearing && lengthSquared > 0)
                    {
                        var segmentBearing = Math.Atan2(dx, dy) * 180 / Math.PI;
                        var difference = Math.Abs(((bearing - segmentBearing) % 180 + 270) % 180 - 90);
                        if (difference > MaxBearingDifferenceDegrees)
                        {
                            continue;
                        }
                    }

                    best = distance;
                    limit = s.LimitKmh;
                }
            }
        }

        return limit;
    }

    private static int Cell(double degrees) => (int)Math.Floor(degrees / CellDegrees);
}
