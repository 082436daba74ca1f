namespace Itinera.Core.Ingestion.Chunks;

/// <summary>
/// Compact storage of one IMU batch: samples quantised to 1/1000 (m/s² and rad/s), delta-encoded per axis,
/// then deflated. Quantisation error is at most 0.0005, far below phone sensor noise.
/// </summary>
public static class MotionChunkCodec
{
    private const byte Format = 31;
    private const double Scale = 1000;

    public static byte[] Encode(MotionBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var w = new VarintWriter(batch.Accelerometer.Length * 2 + 32);
        w.WriteSigned(batch.StartMs);
        w.WriteUnsigned((ulong)Math.Round(batch.RateHz * 1000));
        w.WriteByte((byte)batch.Frame);
        WriteAxes(w, batch.Accelerometer);
        w.WriteByte(batch.Gyroscope is null ? (byte)0 : (byte)1);
        if (batch.Gyroscope is not null)
        {
            WriteAxes(w, batch.Gyroscope);
        }

        return ChunkCompression.Compress(Format, w.Written);
    }

    public static MotionBatch Decode(ReadOnlySpan<byte> chunk)
    {
        var r = new VarintReader(ChunkCompression.Decompress(Format, chunk));
        var start = r.ReadSigned();
        var rate = r.ReadUnsigned() / 1000.0;
        var frame = (MotionFrame)r.ReadByte();
        var accelerometer = ReadAxes(ref r);
        var gyroscope = r.ReadByte() == 1 ? ReadAxes(ref r) : null;
        return new MotionBatch(start, rate, frame, accelerometer, gyroscope);
    }

    private static void WriteAxes(VarintWriter w, float[] values)
    {
        w.WriteUnsigned((ulong)values.Length);
        Span<long> previous = stackalloc long[3];
        for (var i = 0; i < values.Length; i++)
        {
            var q = (long)Math.Round(values[i] * Scale);
            w.WriteSigned(q - previous[i % 3]);
            previous[i % 3] = q;
        }
    }

    private static float[] ReadAxes(ref VarintReader r)
    {
        var values = new float[checked((int)r.ReadUnsigned())];
        Span<long> previous = stackalloc long[3];
        for (var i = 0; i < values.Length; i++)
        {
            previous[i % 3] += r.ReadSigned();
            values[i] = (float)(previous[i % 3] / Scale);
        }

        return values;
    }
}
