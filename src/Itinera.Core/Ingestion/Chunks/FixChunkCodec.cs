namespace Itinera.Core.Ingestion.Chunks;

/// <summary>
/// Compact storage of time-ordered fixes: column by column, each value delta-encoded against the previous
/// one as a zigzag varint, then deflated. About 4–8 bytes per fix for 1 Hz tracks.
/// </summary>
/// <remarks>
/// Stored precision: coordinates 1e-7° (about 1 cm), accuracy and altitude 0.1 m, speed 0.01 m/s,
/// bearing 0.1°. Optional columns carry a presence mode: none, all, or a bitmap. Fixes must be sorted
/// by timestamp (ties allowed); decoding returns them in the same order.
/// </remarks>
public static class FixChunkCodec
{
    private const byte Format = 1;
    private const byte NonePresent = 0;
    private const byte AllPresent = 1;
    private const byte SomePresent = 2;

    /// <summary>Encodes fixes sorted by timestamp.</summary>
    public static byte[] Encode(ReadOnlySpan<Fix> fixes)
    {
        var w = new VarintWriter(fixes.Length * 12 + 16);
        w.WriteUnsigned((ulong)fixes.Length);
        long previous = 0;
        foreach (var f in fixes)
        {
            w.WriteSigned(f.TimestampMs - previous);
            previous = f.TimestampMs;
        }

        WriteColumn(w, fixes, static f => f.Latitude, 1e7);
        WriteColumn(w, fixes, static f => f.Longitude, 1e7);
        WriteOptionalColumn(w, fixes, static f => f.AccuracyMeters, 10);
        WriteOptionalColumn(w, fixes, static f => f.AltitudeMeters, 10);
        WriteOptionalColumn(w, fixes, static f => f.SpeedMetersPerSecond, 100);
        WriteOptionalColumn(w, fixes, static f => f.BearingDegrees, 10);
        return ChunkCompression.Compress(Format, w.Written);
    }

    /// <summary>Decodes a chunk made by <see cref="Encode"/>.</summary>
    /// <exception cref="InvalidDataException">The chunk is corrupt or of an unknown format.</exception>
    public static Fix[] Decode(ReadOnlySpan<byte> chunk)
    {
        var payload = ChunkCompression.Decompress(Format, chunk);
        var r = new VarintReader(payload);
        var count = checked((int)r.ReadUnsigned());
        var timestamps = new long[count];
        long previous = 0;
        for (var i = 0; i < count; i++)
        {
            previous += r.ReadSigned();
            timestamps[i] = previous;
        }

        var latitudes = ReadColumn(ref r, count, 1e7);
        var longitudes = ReadColumn(ref r, count, 1e7);
        var accuracy = ReadOptionalColumn(ref r, count, 10);
        var altitude = ReadOptionalColumn(ref r, count, 10);
        var speed = ReadOptionalColumn(ref r, count, 100);
        var bearing = ReadOptionalColumn(ref r, count, 10);
        var fixes = new Fix[count];
        for (var i = 0; i < count; i++)
        {
            fixes[i] = new Fix(timestamps[i], latitudes[i], longitudes[i], accuracy?[i], altitude?[i], speed?[i], bearing?[i]);
        }

        return fixes;
    }

    private static void WriteColumn(VarintWriter w, ReadOnlySpan<Fix> fixes, Func<Fix, double> value, double scale)
    {
        long previous = 0;
        foreach (var f in fixes)
        {
            var q = (long)Math.Round(value(f) * scale);
            w.WriteSigned(q - previous);
            previous = q;
        }
    }

    private static void WriteOptionalColumn(VarintWriter w, ReadOnlySpan<Fix> fixes, Func<Fix, double?> value, double scale)
    {
        var present = 0;
        foreach (var f in fixes)
        {
            present += value(f).HasValue ? 1 : 0;
        }

        if (present == 0)
        {
            w.WriteByte(NonePresent);
            return;
        }

        if (present == fixes.Length)
        {
            w.WriteByte(AllPresent);
        }
        else
        {
            w.WriteByte(SomePresent);
            var bits = new byte[(fixes.Length + 7) / 8];
            for (var i = 0; i < fixes.Length; i++)
            {
                if (value(fixes[i]).HasValue)
                {
                    bits[i >> 3] |= (byte)(1 << (i & 7));
                }
            }

            w.WriteBytes(bits);
        }

        long previous = 0;
        foreach (var f in fixes)
        {
            if (value(f) is { } v)
            {
                var q = (long)Math.Round(v * scale);
                w.WriteSigned(q - previous);
                previous = q;
            }
        }
    }

    private static double[] ReadColumn(ref VarintReader r, int count, double scale)
    {
        var values = new double[count];
        long previous = 0;
        for (var i = 0; i < count; i++)
        {
            previous += r.ReadSigned();
            values[i] = previous / scale;
        }

        return values;
    }

    private static double?[]? ReadOptionalColumn(ref VarintReader r, int count, double scale)
    {
        var mode = r.ReadByte();
        if (mode == NonePresent)
        {
            return null;
        }

        ReadOnlySpan<byte> bits = mode == SomePresent ? r.ReadBytes((count + 7) / 8) : default;
        var values = new double?[count];
        long previous = 0;
        for (var i = 0; i < count; i++)
        {
            if (mode == AllPresent || (bits[i >> 3] & (1 << (i & 7))) != 0)
            {
                previous += r.ReadSigned();
                values[i] = previous / scale;
            }
        }

        return values;
    }
}
