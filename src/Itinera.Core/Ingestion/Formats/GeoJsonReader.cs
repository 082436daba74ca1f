using System.Text.Json;

namespace Itinera.Core.Ingestion.Formats;

/// <summary>
/// Reads GeoJSON (RFC 7946) FeatureCollections, single Features or arrays of Features, one feature at a time.
/// </summary>
/// <remarks>
/// <para>
/// Coordinates are <c>[longitude, latitude, altitude_m?]</c>. A <b>Point</b> feature is one fix timed by a
/// property named like a CSV time column (<c>time</c>, <c>timestamp</c>, <c>datetime</c>, …: ISO-8601, UTC when
/// without offset, or an epoch number whose unit is decided by magnitude), with optional <c>accuracy</c> (m),
/// <c>altitude</c> (m; otherwise the third coordinate), <c>speed</c> (m/s, or <c>speed_kmh</c>) and
/// <c>bearing</c>/<c>course</c>/<c>heading</c> (degrees) properties, under the same aliases as
/// <see cref="CsvLocationReader"/>.
/// </para>
/// <para>
/// <b>LineString</b>, <b>MultiLineString</b> and <b>MultiPoint</b> features take per-coordinate times from
/// <c>properties.coordTimes</c> or <c>properties.times</c> (as written by togeojson; nested per line for
/// MultiLineString) or from <c>coordinateProperties.times</c> (a member of the feature or of its properties).
/// Coordinates without a time are rejected with <see cref="RejectReasons.MissingTime"/>. Other geometries are
/// rejected once per feature with <see cref="RejectReasons.UnsupportedGeometry"/>.
/// </para>
/// <para>
/// Memory: features are streamed one by one, but a feature's coordinates and times are held in compact lists
/// (about 40 bytes per coordinate) until the feature ends, because GeoJSON allows <c>geometry</c> and
/// <c>properties</c> in either order. Memory is therefore bounded by the largest feature, not the file.
/// Positions are the 0-based index of the feature in its collection.
/// </para>
/// </remarks>
public static class GeoJsonReader
{
    /// <summary>Reads <paramref name="stream"/> lazily; the stream is left open.</summary>
    public static IEnumerable<ImportRecord> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadCore(stream);
    }

    private static IEnumerable<ImportRecord> ReadCore(Stream stream)
    {
        var json = new JsonTokenStream(stream);
        var feature = new FeatureState();
        if (!json.Read())
        {
            yield return ImportRecord.Reject(0, json.Failed ? RejectReasons.BadJson : RejectReasons.UnexpectedStructure);
            yield break;
        }

        if (json.TokenType == JsonTokenType.StartArray)
        {
            foreach (var record in ReadFeatures(json, feature))
            {
                yield return record;
            }
        }
        else if (json.TokenType == JsonTokenType.StartObject)
        {
            // Either a FeatureCollection (with "features") or a single Feature / geometry: parse members of both.
            var top = new FeatureState();
            var isCollection = false;
            while (json.NextProperty())
            {
                if (json.Is("features"u8))
                {
                    isCollection = true;
                    if (!json.Read())
                    {
                        break;
                    }

                    if (json.TokenType == JsonTokenType.StartArray)
                    {
                        foreach (var record in ReadFeatures(json, feature))
                        {
                            yield return record;
                        }

                        continue;
                    }

                    if (!json.Skip())
                    {
                        break;
                    }

                    continue;
                }

                if (!ParseMember(json, top))
                {
                    break;
                }
            }

            // A collection's own members (name, crs, properties, ...) are not a feature.
            if (!json.Failed && !isCollection && top.IsFeature)
            {
                var count = top.RecordCount;
                for (var i = 0; i < count; i++)
                {
                    yield return top.Record(i, 0);
                }
            }
        }
        else
        {
            yield return ImportRecord.Reject(0, RejectReasons.UnexpectedStructure);
            yield break;
        }

        if (json.Failed)
        {
            yield return ImportRecord.Reject(feature.Index, RejectReasons.BadJson);
        }
    }

    /// <summary>Reads the features of the array the stream is on.</summary>
    private static IEnumerable<ImportRecord> ReadFeatures(JsonTokenStream json, FeatureState feature)
    {
        for (long index = 0; json.Read() && json.TokenType != JsonTokenType.EndArray; index++)
        {
            feature.Index = index;
            if (json.TokenType != JsonTokenType.StartObject)
            {
                if (!json.Skip())
                {
                    yield break;
                }

                yield return ImportRecord.Reject(index, RejectReasons.UnexpectedStructure);
                continue;
            }

            feature.Reset();
            var ok = true;
            while (json.NextProperty())
            {
                if (!ParseMember(json, feature))
                {
                    ok = false;
                    break;
                }
            }

            if (!ok || json.Failed)
            {
                yield break;
            }

            var count = feature.RecordCount;
            for (var i = 0; i < count; i++)
            {
                yield return feature.Record(i, index);
            }
        }
    }

    /// <summary>
    /// Parses one member of a Feature (or of a bare geometry); the stream is on its property name and is left
    /// on the last token of its value.
    /// </summary>
    private static bool ParseMember(JsonTokenStream json, FeatureState feature)
    {
        if (json.Is("geometry"u8))
        {
            feature.IsFeature = true;
            if (!json.Read())
            {
                return false;
            }

            if (json.TokenType != JsonTokenType.StartObject)
            {
                return json.Skip();
            }

            while (json.NextProperty())
            {
                if (!ParseGeometryMember(json, feature))
                {
                    return false;
                }
            }

            return !json.Failed;
        }

        if (json.Is("properties"u8))
        {
            feature.IsFeature = true;
            if (!json.Read())
            {
                return false;
            }

            return json.TokenType == JsonTokenType.StartObject ? ParseProperties(json, feature) : json.Skip();
        }

        if (json.Is("coordinateProperties"u8))
        {
            return ParseCoordinateProperties(json, feature);
        }

        return ParseGeometryMember(json, feature);
    }

    private static bool ParseGeometryMember(JsonTokenStream json, FeatureState feature)
    {
        if (json.Is("type"u8))
        {
            if (!json.Read())
            {
                return false;
            }

            if (json.TokenType == JsonTokenType.String)
            {
                var kind = GeometryKindOf(json.Value);
                if (kind != GeometryKind.None)
                {
                    feature.Kind = kind;
                    feature.IsFeature = true;
                }
            }

            return json.Skip();
        }

        if (json.Is("coordinates"u8))
        {
            if (!json.Read())
            {
                return false;
            }

            return json.TokenType == JsonTokenType.StartArray ? ParseCoordinates(json, feature) : json.Skip();
        }

        return json.Skip();
    }

    private static GeometryKind GeometryKindOf(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("Point"u8) ? GeometryKind.Point
        : type.SequenceEqual("MultiPoint"u8) ? GeometryKind.MultiPoint
        : type.SequenceEqual("LineString"u8) ? GeometryKind.LineString
        : type.SequenceEqual("MultiLineString"u8) ? GeometryKind.MultiLineString
        : type.SequenceEqual("Polygon"u8) || type.SequenceEqual("MultiPolygon"u8) || type.SequenceEqual("GeometryCollection"u8)
            ? GeometryKind.Unsupported
        : GeometryKind.None;

    /// <summary>Flattens nested coordinate arrays into positions; the stream is on a StartArray.</summary>
    private static bool ParseCoordinates(JsonTokenStream json, FeatureState feature)
    {
        var depth = json.Depth;
        Span<double> values = stackalloc double[3];
        var count = 0;
        var bad = false;
        var isPosition = false;
        while (json.Read())
        {
            switch (json.TokenType)
            {
                case JsonTokenType.StartArray:
                    if (!ParseCoordinates(json, feature))
                    {
                        return false;
                    }

                    break;
                case JsonTokenType.EndArray when json.Depth == depth:
                    if (isPosition)
                    {
                        feature.Coordinates.Add(bad || count < 2
                            ? new Coordinate(double.NaN, double.NaN, double.NaN)
                            : new Coordinate(values[0], values[1], count > 2 ? values[2] : double.NaN));
                    }

                    return true;
                case JsonTokenType.Number:
                case JsonTokenType.String:
                case JsonTokenType.Null:
                    isPosition = true;
                    if (json.TryGetNumber(out var number))
                    {
                        if (count < 3)
                        {
                            values[count] = number;
                        }

                        count++;
                    }
                    else
                    {
                        bad = true;
                    }

                    break;
                default:
                    if (!json.Skip())
                    {
                        return false;
                    }

                    bad = true;
                    break;
            }
        }

        return false;
    }

    private static bool ParseProperties(JsonTokenStream json, FeatureState feature)
    {
        Span<char> name = stackalloc char[64];
        while (json.NextProperty())
        {
            if (json.Is("coordTimes"u8) || json.Is("times"u8))
            {
                if (!ParseTimesValue(json, feature))
                {
                    return false;
                }

                continue;
            }

            if (json.Is("coordinateProperties"u8))
            {
                if (!ParseCoordinateProperties(json, feature))
                {
                    return false;
                }

                continue;
            }

            var role = json.TryGetChars(name, out var length) ? ColumnAliases.Match(name[..length], out _) : ColumnRole.None;

            if (!json.Read())
            {
                return false;
            }

            switch (role)
            {
                case ColumnRole.Time:
                    if (!feature.Time.IsSet && json.TokenType is JsonTokenType.String or JsonTokenType.Number)
                    {
                        feature.Time.Set(json.TryGetTime(out var ms), ms);
                    }

                    break;
                case ColumnRole.Accuracy:
                    feature.Accuracy ??= Number(json);
                    break;
                case ColumnRole.Altitude:
                    feature.Altitude ??= Number(json);
                    break;
                case ColumnRole.Speed:
                    feature.Speed ??= Number(json);
                    break;
                case ColumnRole.SpeedKmh:
                    feature.SpeedKmh ??= Number(json);
                    break;
                case ColumnRole.Bearing:
                    feature.Bearing ??= Number(json);
                    break;
                default:
                    break;
            }

            if (!json.Skip())
            {
                return false;
            }
        }

        return !json.Failed;
    }

    private static double? Number(JsonTokenStream json) => json.TryGetNumber(out var value) ? value : null;

    /// <summary>On the <c>coordinateProperties</c> name: reads its <c>times</c> array.</summary>
    private static bool ParseCoordinateProperties(JsonTokenStream json, FeatureState feature)
    {
        if (!json.Read())
        {
            return false;
        }

        if (json.TokenType != JsonTokenType.StartObject)
        {
            return json.Skip();
        }

        while (json.NextProperty())
        {
            if (json.Is("times"u8) || json.Is("coordTimes"u8))
            {
                if (!ParseTimesValue(json, feature))
                {
                    return false;
                }

                continue;
            }

            if (!json.Skip())
            {
                return false;
            }
        }

        return !json.Failed;
    }

    /// <summary>On a times property name: reads the (possibly nested) array of times, flattened.</summary>
    private static bool ParseTimesValue(JsonTokenStream json, FeatureState feature)
    {
        if (!json.Read())
        {
            return false;
        }

        if (json.TokenType != JsonTokenType.StartArray)
        {
            return json.Skip();
        }

        // A later times array replaces an earlier one (both coordTimes and coordinateProperties.times present).
        feature.Times.Clear();
        var depth = json.Depth;
        while (json.Read())
        {
            switch (json.TokenType)
            {
                case JsonTokenType.EndArray when json.Depth == depth:
                    return true;
                case JsonTokenType.StartArray:
                case JsonTokenType.EndArray:
                    break;
                case JsonTokenType.String:
                case JsonTokenType.Number:
                    feature.Times.Add(json.TryGetTime(out var ms) ? ms : FeatureState.BadTime);
                    break;
                case JsonTokenType.StartObject:
                    if (!json.Skip())
                    {
                        return false;
                    }

                    feature.Times.Add(FeatureState.BadTime);
                    break;
                default:
                    feature.Times.Add(FeatureState.NoTime);
                    break;
            }
        }

        return false;
    }

    private enum GeometryKind : byte
    {
        None,
        Point,
        MultiPoint,
        LineString,
        MultiLineString,
        Unsupported,
    }

    private readonly record struct Coordinate(double Longitude, double Latitude, double Altitude);

    /// <summary>One feature's geometry and properties, reused from feature to feature.</summary>
    private sealed class FeatureState
    {
        public const long NoTime = long.MinValue;
        public const long BadTime = long.MinValue + 1;

        public TimeValue Time;

        /// <summary>Index of the feature being read in its array (for the position of a BAD_JSON rejection).</summary>
        public long Index { get; set; }

        public bool IsFeature { get; set; }
        public GeometryKind Kind { get; set; }
        public List<Coordinate> Coordinates { get; } = [];
        public List<long> Times { get; } = [];
        public double? Accuracy { get; set; }
        public double? Altitude { get; set; }
        public double? Speed { get; set; }
        public double? SpeedKmh { get; set; }
        public double? Bearing { get; set; }

        public int RecordCount => Kind switch
        {
            GeometryKind.Point => 1,
            GeometryKind.MultiPoint or GeometryKind.LineString or GeometryKind.MultiLineString => Coordinates.Count,
            _ => IsFeature ? 1 : 0,
        };

        public void Reset()
        {
            IsFeature = false;
            Kind = GeometryKind.None;
            Coordinates.Clear();
            Times.Clear();
            Time = default;
            Accuracy = Altitude = Speed = SpeedKmh = Bearing = null;
        }

        public ImportRecord Record(int i, long index)
        {
            if (Kind == GeometryKind.Unsupported)
            {
                return ImportRecord.Reject(index, RejectReasons.UnsupportedGeometry);
            }

            if (Kind == GeometryKind.None || Coordinates.Count == 0)
            {
                return ImportRecord.Reject(index, RejectReasons.MissingCoordinates);
            }

            var coordinate = Coordinates[i];
            if (double.IsNaN(coordinate.Latitude))
            {
                return ImportRecord.Reject(index, RejectReasons.BadNumber);
            }

            var problem = ValueParser.CheckCoordinates(coordinate.Latitude, coordinate.Longitude);
            if (problem is not null)
            {
                return ImportRecord.Reject(index, problem);
            }

            double? altitude = double.IsNaN(coordinate.Altitude) ? null : coordinate.Altitude;
            if (Kind == GeometryKind.Point && !(Times.Count > 0 && !Time.IsSet))
            {
                return Time.Problem is { } timeProblem
                    ? ImportRecord.Reject(index, timeProblem)
                    : ValueParser.MakeFix(
                        index, Time.EpochMs, coordinate.Latitude, coordinate.Longitude,
                        Accuracy, Altitude ?? altitude, Speed ?? SpeedKmh / 3.6, Bearing);
            }

            var time = i < Times.Count ? Times[i] : NoTime;
            return time switch
            {
                NoTime => ImportRecord.Reject(index, RejectReasons.MissingTime),
                BadTime => ImportRecord.Reject(index, RejectReasons.BadTime),
                _ => ValueParser.MakeFix(index, time, coordinate.Latitude, coordinate.Longitude, altitude: altitude),
            };
        }
    }
}
