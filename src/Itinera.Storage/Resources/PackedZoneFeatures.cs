using System.Buffers.Binary;
using Itinera.Core.Driving.Scoring;

namespace Itinera.Storage.Resources;

/// <summary>
/// The stored form of a transport's <see cref="ZoneFeatures"/> (column <c>transport_driving_features.packed</c>): a
/// version byte, then the 20 figures of each zone (all, motorway, city, non-city) in declaration order, counts as
/// 32-bit and the rest as 64-bit little-endian. The driving aggregates read nine weeks of them on every update, and
/// parsing the JSON bodies cost more than the aggregation; the bits are the doubles' own, so reading gives back the
/// very values written.
/// </summary>
internal static class PackedZoneFeatures
{
    private const byte Version = 1;
    private const int ZoneBytes = (16 * sizeof(double)) + (4 * sizeof(int));

    /// <summary>The length of a packed value.</summary>
    public const int Length = 1 + (4 * ZoneBytes);

    public static byte[] Pack(ZoneFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var bytes = new byte[Length];
        bytes[0] = Version;
        var span = bytes.AsSpan(1);
        foreach (var zone in (DriveFeatures[])[features.All, features.Motorway, features.City, features.NonCity])
        {
            Write(span, zone);
            span = span[ZoneBytes..];
        }

        return bytes;
    }

    public static ZoneFeatures Unpack(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length || bytes[0] != Version)
        {
            throw new InvalidDataException($"Packed driving features of {bytes.Length} bytes, version {(bytes.Length > 0 ? bytes[0] : -1)}: expected {Length} bytes, version {Version}.");
        }

        var span = bytes[1..];
        return new ZoneFeatures(Read(span), Read(span[ZoneBytes..]), Read(span[(2 * ZoneBytes)..]), Read(span[(3 * ZoneBytes)..]));
    }

    private static void Write(Span<byte> s, DriveFeatures f)
    {
        // Offsets as Read's: 2 doubles, 3 ints, 3 doubles, 1 int, 11 doubles.
        BinaryPrimitives.WriteDoubleLittleEndian(s, f.DistanceMeters);
        BinaryPrimitives.WriteDoubleLittleEndian(s[8..], f.DurationSeconds);
        BinaryPrimitives.WriteInt32LittleEndian(s[16..], f.AccelerationCount);
        BinaryPrimitives.WriteInt32LittleEndian(s[20..], f.BrakeCount);
        BinaryPrimitives.WriteInt32LittleEndian(s[24..], f.TurnCount);
        BinaryPrimitives.WriteDoubleLittleEndian(s[28..], f.AccelerationSeverity);
        BinaryPrimitives.WriteDoubleLittleEndian(s[36..], f.BrakeSeverity);
        BinaryPrimitives.WriteDoubleLittleEndian(s[44..], f.TurnSeverity);
        BinaryPrimitives.WriteInt32LittleEndian(s[52..], f.TurnAnticipationCount);
        BinaryPrimitives.WriteDoubleLittleEndian(s[56..], f.EventCoverageSeconds);
        BinaryPrimitives.WriteDoubleLittleEndian(s[64..], f.EventCoverageMeters);
        BinaryPrimitives.WriteDoubleLittleEndian(s[72..], f.LimitKnownSeconds);
        BinaryPrimitives.WriteDoubleLittleEndian(s[80..], f.SpeedingSeconds);
        BinaryPrimitives.WriteDoubleLittleEndian(s[88..], f.SpeedingWeightedSeconds);
        BinaryPrimitives.WriteDoubleLittleEndian(s[96..], f.HandlingMilliseconds);
        BinaryPrimitives.WriteDoubleLittleEndian(s[104..], f.HandheldCallMilliseconds);
        BinaryPrimitives.WriteDoubleLittleEndian(s[112..], f.HandsfreeCallMilliseconds);
        BinaryPrimitives.WriteDoubleLittleEndian(s[120..], f.HandlingWithoutCallMilliseconds);
        BinaryPrimitives.WriteDoubleLittleEndian(s[128..], f.MountJudgedSeconds);
        BinaryPrimitives.WriteDoubleLittleEndian(s[136..], f.MountedSeconds);
    }

    private static DriveFeatures Read(ReadOnlySpan<byte> s)
    {
        static double D(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadDoubleLittleEndian(s[at..]);
        static int I(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadInt32LittleEndian(s[at..]);
        return new DriveFeatures
        {
            DistanceMeters = D(s, 0),
            DurationSeconds = D(s, 8),
            AccelerationCount = I(s, 16),
            BrakeCount = I(s, 20),
            TurnCount = I(s, 24),
            AccelerationSeverity = D(s, 28),
            BrakeSeverity = D(s, 36),
            TurnSeverity = D(s, 44),
            TurnAnticipationCount = I(s, 52),
            EventCoverageSeconds = D(s, 56),
            EventCoverageMeters = D(s, 64),
            LimitKnownSeconds = D(s, 72),
            SpeedingSeconds = D(s, 80),
            SpeedingWeightedSeconds = D(s, 88),
            HandlingMilliseconds = D(s, 96),
            HandheldCallMilliseconds = D(s, 104),
            HandsfreeCallMilliseconds = D(s, 112),
            HandlingWithoutCallMilliseconds = D(s, 120),
            MountJudgedSeconds = D(s, 128),
            MountedSeconds = D(s, 136),
        };
    }
}
