namespace Itinera.Core.Ingestion.Chunks;

/// <summary>Compact storage of time-ordered activity samples and phone events (delta timestamps, one byte per type).</summary>
public static class EventChunkCodec
{
    private const byte ActivityFormat = 11;
    private const byte PhoneFormat = 21;

    public static byte[] EncodeActivities(ReadOnlySpan<ActivitySample> samples)
    {
        var w = new VarintWriter(samples.Length * 4 + 8);
        w.WriteUnsigned((ulong)samples.Length);
        long previous = 0;
        foreach (var s in samples)
        {
            w.WriteSigned(s.TimestampMs - previous);
            previous = s.TimestampMs;
            w.WriteByte((byte)s.Type);
            w.WriteByte((byte)Math.Clamp(s.Confidence, 0, 100));
        }

        return ChunkCompression.Compress(ActivityFormat, w.Written);
    }

    public static ActivitySample[] DecodeActivities(ReadOnlySpan<byte> chunk)
    {
        var r = new VarintReader(ChunkCompression.Decompress(ActivityFormat, chunk));
        var samples = new ActivitySample[checked((int)r.ReadUnsigned())];
        long previous = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            previous += r.ReadSigned();
            samples[i] = new ActivitySample(previous, (ActivityType)r.ReadByte(), r.ReadByte());
        }

        return samples;
    }

    public static byte[] EncodePhoneEvents(ReadOnlySpan<PhoneEvent> events)
    {
        var w = new VarintWriter(events.Length * 4 + 8);
        w.WriteUnsigned((ulong)events.Length);
        long previous = 0;
        foreach (var e in events)
        {
            w.WriteSigned(e.TimestampMs - previous);
            previous = e.TimestampMs;
            w.WriteByte((byte)e.Type);
            w.WriteByte(e.Handsfree switch { null => 0, false => 1, true => 2 });
        }

        return ChunkCompression.Compress(PhoneFormat, w.Written);
    }

    public static PhoneEvent[] DecodePhoneEvents(ReadOnlySpan<byte> chunk)
    {
        var r = new VarintReader(ChunkCompression.Decompress(PhoneFormat, chunk));
        var events = new PhoneEvent[checked((int)r.ReadUnsigned())];
        long previous = 0;
        for (var i = 0; i < events.Length; i++)
        {
            previous += r.ReadSigned();
            var type = (PhoneEventType)r.ReadByte();
            events[i] = new PhoneEvent(previous, type, r.ReadByte() switch { 1 => false, 2 => true, _ => null });
        }

        return events;
    }
}
