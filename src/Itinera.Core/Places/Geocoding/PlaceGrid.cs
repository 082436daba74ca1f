using Itinera.Core.Geo;

namespace Itinera.Core.Places.Geocoding;

/// <summary>
/// A uniform grid of 0.5° × 0.5° latitude/longitude cells over the whole globe (360 × 720 cells), stored as one array of
/// places sorted by cell plus the start offset of every cell. A nearest-place query scans the cells of the bounding box
/// of a search circle, starting small and widening until a place inside the circle is found or the limit is reached.
/// Immutable once built, so safe for concurrent readers.
/// </summary>
internal sealed class PlaceGrid
{
    private const double CellDegrees = 0.5;
    private const int Rows = 360;
    private const int Columns = 720;
    private const double InitialSearchRadiusMeters = 16_000;
    private const double BoxMarginDegrees = 1e-9;
    private const double RadiansPerDegree = Math.PI / 180;
    private const double DegreesPerRadian = 180 / Math.PI;

    private readonly int[] _cellStart;
    private readonly GazetteerPlace[] _places;
    private readonly double[] _latitudeRadians;
    private readonly double[] _longitudeRadians;
    private readonly double[] _cosLatitude;
    private readonly IReadOnlyList<GazetteerPlace> _readOnlyPlaces;

    public PlaceGrid(IReadOnlyList<GazetteerPlace> places)
    {
        var cellOf = new int[places.Count];
        _cellStart = new int[Rows * Columns + 1];
        for (var i = 0; i < places.Count; i++)
        {
            cellOf[i] = Cell(places[i].Latitude, places[i].Longitude);
            _cellStart[cellOf[i] + 1]++;
        }

        for (var cell = 0; cell < Rows * Columns; cell++)
        {
            _cellStart[cell + 1] += _cellStart[cell];
        }

        _places = new GazetteerPlace[places.Count];
        _latitudeRadians = new double[places.Count];
        _longitudeRadians = new double[places.Count];
        _cosLatitude = new double[places.Count];
        var next = _cellStart[..^1];
        for (var i = 0; i < places.Count; i++)
        {
            var slot = next[cellOf[i]]++;
            var place = places[i];
            _places[slot] = place;
            _latitudeRadians[slot] = place.Latitude * RadiansPerDegree;
            _longitudeRadians[slot] = place.Longitude * RadiansPerDegree;
            _cosLatitude[slot] = Math.Cos(_latitudeRadians[slot]);
        }

        _readOnlyPlaces = Array.AsReadOnly(_places);
    }

    public int Count => _places.Length;

    /// <summary>The places in cell order.</summary>
    public IReadOnlyList<GazetteerPlace> Places => _readOnlyPlaces;

    /// <summary>The nearest place within <paramref name="maxDistanceMeters"/> (great-circle), or null.</summary>
    public GazetteerPlace? Nearest(double latitude, double longitude, double maxDistanceMeters, out double distanceMeters)
    {
        longitude = GeoMath.NormalizeLongitude(longitude);
        var radiusMeters = Math.Min(maxDistanceMeters, InitialSearchRadiusMeters);
        while (true)
        {
            var best = NearestInBox(latitude, longitude, radiusMeters, out distanceMeters);

            // Every place within the radius lies in the box, so a best candidate inside the radius is the nearest overall.
            if (best >= 0 && distanceMeters <= radiusMeters)
            {
                return _places[best];
            }

            // At half the circumference the circle covers the globe: an empty result means there is no place at all.
            if (radiusMeters >= maxDistanceMeters || radiusMeters >= Math.PI * GeoMath.EarthRadiusMeters)
            {
                distanceMeters = double.NaN;
                return null;
            }

            radiusMeters = Math.Min(radiusMeters * 4, maxDistanceMeters);
        }
    }

    private int NearestInBox(double latitude, double longitude, double radiusMeters, out double distanceMeters)
    {
        var angularRadius = radiusMeters / GeoMath.EarthRadiusMeters;
        var latitudeSpan = angularRadius * DegreesPerRadian + BoxMarginDegrees;
        var minLatitude = latitude - latitudeSpan;
        var maxLatitude = latitude + latitudeSpan;
        var firstColumn = 0;
        var lastColumn = Columns - 1;
        if (minLatitude > -90 && maxLatitude < 90)
        {
            // Longitude extent of a spherical cap that does not contain a pole (Matuschek, "Finding points within a
            // distance of a latitude/longitude using bounding coordinates").
            var sine = Math.Sin(angularRadius) / Math.Cos(latitude * RadiansPerDegree);
            if (sine < 1)
            {
                var longitudeSpan = Math.Asin(sine) * DegreesPerRadian + BoxMarginDegrees;
                var first = (int)Math.Floor((longitude - longitudeSpan + 180) / CellDegrees);
                var last = (int)Math.Floor((longitude + longitudeSpan + 180) / CellDegrees);
                if (last - first + 1 < Columns)
                {
                    firstColumn = first;
                    lastColumn = last;
                }
            }
        }

        var firstRow = Row(minLatitude);
        var lastRow = Row(maxLatitude);
        var phi = latitude * RadiansPerDegree;
        var lambda = longitude * RadiansPerDegree;
        var cosPhi = Math.Cos(phi);
        var best = -1;
        var bestHaversine = double.PositiveInfinity;
        for (var row = firstRow; row <= lastRow; row++)
        {
            for (var column = firstColumn; column <= lastColumn; column++)
            {
                var cell = row * Columns + Wrap(column);
                var end = _cellStart[cell + 1];
                for (var i = _cellStart[cell]; i < end; i++)
                {
                    var sinHalfDeltaPhi = Math.Sin((_latitudeRadians[i] - phi) / 2);
                    var sinHalfDeltaLambda = Math.Sin((_longitudeRadians[i] - lambda) / 2);
                    var haversine = sinHalfDeltaPhi * sinHalfDeltaPhi
                        + cosPhi * _cosLatitude[i] * sinHalfDeltaLambda * sinHalfDeltaLambda;
                    if (haversine < bestHaversine)
                    {
                        bestHaversine = haversine;
                        best = i;
                    }
                }
            }
        }

        distanceMeters = best < 0
            ? double.PositiveInfinity
            : 2 * GeoMath.EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(bestHaversine)));
        return best;
    }

    private static int Cell(double latitude, double longitude) =>
        Row(latitude) * Columns + Wrap((int)Math.Floor((GeoMath.NormalizeLongitude(longitude) + 180) / CellDegrees));

    private static int Row(double latitude) => Math.Clamp((int)Math.Floor((latitude + 90) / CellDegrees), 0, Rows - 1);

    private static int Wrap(int column) => ((column % Columns) + Columns) % Columns;
}
