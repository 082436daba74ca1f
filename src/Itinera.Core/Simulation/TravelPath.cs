namespace Itinera.Core.Simulation;

/// <summary>A point trips start from or end at: a POI or a transit stop, with the road node that serves it.</summary>
/// <param name="Id">The OSM node id of the POI or stop; unique across both.</param>
/// <param name="Underground">True for metro stations: no GPS near them.</param>
/// <param name="EntranceLatitude">Where the anchor's path meets the street, between the anchor and its access node.</param>
/// <param name="OtherAccessNode">The other end of the entrance's street segment, or −1.</param>
internal readonly record struct Anchor(
    long Id, double Latitude, double Longitude, int AccessNode, bool Underground, double EntranceLatitude, double EntranceLongitude, int OtherAccessNode)
{
    public static Anchor Of(PointOfInterest poi) =>
        new(poi.Id, poi.Latitude, poi.Longitude, poi.AccessNode, false, poi.EntranceLatitude, poi.EntranceLongitude, poi.OtherAccessNode);

    public static Anchor Of(TransitStop stop, TransitKind kind) =>
        new(stop.Id, stop.Latitude, stop.Longitude, stop.AccessNode, kind == TransitKind.Subway, stop.Latitude, stop.Longitude, -1);

    public double DistanceTo(Anchor other) => Geodesy.DistanceMeters(Latitude, Longitude, other.Latitude, other.Longitude);
}

/// <summary>
/// An immutable polyline a traveller follows, with what the motion model needs per segment (speed limit, road
/// class, bearing) and per vertex (signed turn angle, intersection, transit stop). Shared between users through
/// the route cache, so it must never be mutated.
/// </summary>
internal sealed class TravelPath
{
    public TravelPath(
        double[] latitudes, double[] longitudes, float[] segmentSpeedsKmh, RoadClass[] segmentClasses,
        bool[] intersections, int[] stopVertices)
    {
        Latitudes = latitudes;
        Longitudes = longitudes;
        SegmentSpeedsKmh = segmentSpeedsKmh;
        SegmentClasses = segmentClasses;
        Intersections = intersections;
        StopVertices = stopVertices;
        var count = latitudes.Length;
        Cumulative = new double[count];
        SegmentBearings = new float[Math.Max(0, count - 1)];
        Turns = new float[count];
        for (var k = 1; k < count; k++)
        {
            Cumulative[k] = Cumulative[k - 1] + Geodesy.DistanceMeters(latitudes[k - 1], longitudes[k - 1], latitudes[k], longitudes[k]);
            SegmentBearings[k - 1] = (float)Geodesy.BearingDegrees(latitudes[k - 1], longitudes[k - 1], latitudes[k], longitudes[k]);
        }

        for (var k = 1; k < count - 1; k++)
        {
            Turns[k] = (float)Geodesy.TurnDegrees(SegmentBearings[k - 1], SegmentBearings[k]);
        }

        for (var k = 0; k < count - 1; k++)
        {
            FreeFlowSeconds += (Cumulative[k + 1] - Cumulative[k]) / Math.Max(1, segmentSpeedsKmh[k] / 3.6);
        }
    }

    /// <summary>Time to drive the path at every segment's speed limit, seconds.</summary>
    public double FreeFlowSeconds { get; }

    public double[] Latitudes { get; }

    public double[] Longitudes { get; }

    /// <summary>Distance from the first vertex, metres; strictly increasing.</summary>
    public double[] Cumulative { get; }

    /// <summary>Speed limit of segment k (vertex k → k + 1), km/h.</summary>
    public float[] SegmentSpeedsKmh { get; }

    public RoadClass[] SegmentClasses { get; }

    /// <summary>Bearing of segment k, degrees clockwise from north.</summary>
    public float[] SegmentBearings { get; }

    /// <summary>Signed heading change at vertex k in degrees (positive to the right); 0 at both ends.</summary>
    public float[] Turns { get; }

    /// <summary>True where the vertex is a road junction of three or more roads.</summary>
    public bool[] Intersections { get; }

    /// <summary>Vertices where a transit vehicle halts, ascending; empty for road trips.</summary>
    public int[] StopVertices { get; }

    public int VertexCount => Latitudes.Length;

    public double LengthMeters => Cumulative[^1];

    /// <summary>Accumulates vertices, dropping points closer than half a metre to the previous one.</summary>
    public sealed class Builder
    {
        private readonly List<double> _latitudes = [];
        private readonly List<double> _longitudes = [];
        private readonly List<float> _speeds = [];
        private readonly List<RoadClass> _classes = [];
        private readonly List<bool> _intersections = [];
        private readonly List<int> _stops = [];

        public int Count => _latitudes.Count;

        /// <summary>Adds a vertex; <paramref name="speedKmh"/> and <paramref name="roadClass"/> describe the segment ending at it.</summary>
        public void Add(double latitude, double longitude, float speedKmh, RoadClass roadClass, bool intersection, bool stop = false)
        {
            if (_latitudes.Count > 0 && Geodesy.DistanceMeters(_latitudes[^1], _longitudes[^1], latitude, longitude) < 0.5)
            {
                _intersections[^1] |= intersection;
                if (stop && (_stops.Count == 0 || _stops[^1] != _latitudes.Count - 1))
                {
                    _stops.Add(_latitudes.Count - 1);
                }

                return;
            }

            if (_latitudes.Count > 0)
            {
                _speeds.Add(speedKmh);
                _classes.Add(roadClass);
            }

            _latitudes.Add(latitude);
            _longitudes.Add(longitude);
            _intersections.Add(intersection);
            if (stop)
            {
                _stops.Add(_latitudes.Count - 1);
            }
        }

        public TravelPath Build()
        {
            if (_latitudes.Count == 1)
            {
                // A degenerate trip (same start and end): a one-metre hop keeps every invariant simple.
                Add(_latitudes[0] + 1 / Geodesy.MetersPerDegreeLatitude, _longitudes[0], 5, RoadClass.Service, false);
            }

            return new TravelPath([.. _latitudes], [.. _longitudes], [.. _speeds], [.. _classes], [.. _intersections], [.. _stops]);
        }
    }
}
