using System.Globalization;
using System.Text;

namespace Itinera.Core.Geo;

/// <summary>
/// Google's Encoded Polyline Algorithm Format. Each coordinate is multiplied by 10^precision and rounded half away
/// from zero (<c>Math.Round(value * 10^p, MidpointRounding.AwayFromZero)</c>), the difference to the previous point's
/// rounded value is zig-zag encoded (left shift by one, inverted when negative) and written in 5-bit chunks, least
/// significant first, each chunk OR-ed with 0x20 when more follow and offset by 63 into the printable range '?'..'~'.
/// Precision 5 is Google's default; 6 is the "polyline6" of OSRM and Valhalla. The output may contain characters such
/// as a backslash that need escaping in string literals and URLs; the encoded form itself is never escaped.
/// </summary>
public static class EncodedPolyline
{
    /// <summary>Google's default precision (five decimal digits, ≈ 1.1 m).</summary>
    public const int DefaultPrecision = 5;

    /// <summary>The largest supported precision.</summary>
    public const int MaxPrecision = 10;

    private const double MaxScaledMagnitude = 9_007_199_254_740_992d; // 2^53: beyond this a double is not an integer grid.

    private static readonly double[] Factors = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

    /// <summary>Encodes <paramref name="points"/> (latitude, longitude in degrees) at <paramref name="precision"/> decimal digits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The precision is not in [0, <see cref="MaxPrecision"/>].</exception>
    /// <exception cref="ArgumentException">A coordinate is not finite or too large to encode.</exception>
    public static string Encode(IEnumerable<(double Lat, double Lon)> points, int precision = DefaultPrecision)
    {
        ArgumentNullException.ThrowIfNull(points);
        var factor = Factor(precision);
        var builder = new StringBuilder();
        long previousLatitude = 0;
        long previousLongitude = 0;
        foreach (var (latitude, longitude) in points)
        {
            if (!TryScale(latitude, factor, out var scaledLatitude) || !TryScale(longitude, factor, out var scaledLongitude))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Point ({latitude}, {longitude}) cannot be encoded."),
                    nameof(points));
            }

            AppendSigned(builder, scaledLatitude - previousLatitude);
            AppendSigned(builder, scaledLongitude - previousLongitude);
            previousLatitude = scaledLatitude;
            previousLongitude = scaledLongitude;
        }

        return builder.ToString();
    }

    /// <summary>Decodes an encoded polyline into (latitude, longitude) pairs in degrees.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The precision is not in [0, <see cref="MaxPrecision"/>].</exception>
    /// <exception cref="FormatException">
    /// A character is outside '?'..'~', the string ends inside a value or after a latitude without its longitude, or a
    /// value is too long.
    /// </exception>
    public static IReadOnlyList<(double Lat, double Lon)> Decode(string encoded, int precision = DefaultPrecision)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var factor = Factor(precision);
        var points = new List<(double Lat, double Lon)>();
        var index = 0;
        long latitude = 0;
        long longitude = 0;
        while (index < encoded.Length)
        {
            latitude += ReadSigned(encoded, ref index);
            if (index >= encoded.Length)
            {
                throw new FormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Encoded polyline ends after a latitude without its longitude (length {encoded.Length})."));
            }

            longitude += ReadSigned(encoded, ref index);

            // Division (not multiplication by 10^-p) is correctly rounded: 4325200 / 1e5 is exactly the double 43.252.
            points.Add((latitude / factor, longitude / factor));
        }

        return points;
    }

    private static double Factor(int precision) =>
        precision is >= 0 and <= MaxPrecision
            ? Factors[precision]
            : throw new ArgumentOutOfRangeException(nameof(precision), precision, $"Precision must be between 0 and {MaxPrecision}.");

    private static bool TryScale(double value, double factor, out long scaledValue)
    {
        var scaled = Math.Round(value * factor, MidpointRounding.AwayFromZero);
        var valid = double.IsFinite(scaled) && Math.Abs(scaled) < MaxScaledMagnitude;
        scaledValue = valid ? (long)scaled : 0;
        return valid;
    }

    private static void AppendSigned(StringBuilder builder, long value)
    {
        // Zig-zag: value << 1, inverted for negatives, so that the sign lands in the lowest bit.
        var remaining = (ulong)(value << 1) ^ (ulong)(value >> 63);
        while (remaining >= 0x20)
        {
            builder.Append((char)((0x20 | (int)(remaining & 0x1f)) + 63));
            remaining >>= 5;
        }

        builder.Append((char)((int)remaining + 63));
    }

    private static long ReadSigned(string encoded, ref int index)
    {
        ulong result = 0;
        var shift = 0;
        while (true)
        {
            if (index >= encoded.Length)
            {
                throw new FormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Encoded polyline ends inside a value (length {encoded.Length})."));
            }

            var position = index++;
            var chunk = encoded[position] - 63;
            if (chunk is < 0 or > 63)
            {
                throw new FormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Invalid character U+{(int)encoded[position]:X4} at position {position} of an encoded polyline."));
            }

            if (shift > 60)
            {
                throw new FormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Encoded polyline value too long at position {position}."));
            }

            result |= (ulong)(chunk & 0x1f) << shift;
            shift += 5;
            if (chunk < 0x20)
            {
                return (long)(result >> 1) ^ -(long)(result & 1);
            }
        }
    }
}
