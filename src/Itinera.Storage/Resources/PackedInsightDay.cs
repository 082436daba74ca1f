using Itinera.Core.Timeline;

namespace Itinera.Storage.Resources;

/// <summary>
/// The stored form of one insight bucket (column <c>insight_days.packed</c>): the day's events as the insight rules
/// read them (kind, times, zone, the stay's details, the transport's mode and distance), binary. The insight step reads
/// nine weeks of buckets on every update, and parsing them as JSON cost more than reading them.
/// </summary>
internal static class PackedInsightDay
{
    private const byte Version = 1;

    [Flags]
    private enum Has : byte
    {
        None = 0,
        Transport = 1,
        End = 2,
        Stay = 4,
        Mode = 8,
        // 16 was a distance flag always set with Mode; bodies written with it still read.
        Place = 32,
        Address = 64,
    }

    public static byte[] Pack(IReadOnlyCollection<TimelineEvent> events)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write(Version);
            w.Write7BitEncodedInt(events.Count);
            foreach (var e in events)
            {
                var has = e.Kind switch
                {
                    EventKind.Stationary => Has.None,
                    EventKind.Transport => Has.Transport,
                    _ => throw new InvalidOperationException($"No packed form for events of kind {e.Kind}."),
                };
                has |= (e.End is null ? Has.None : Has.End) | (e.Stationary is null ? Has.None : Has.Stay)
                    | (e.Transport is null ? Has.None : Has.Mode)
                    | (e.Stationary?.Place is null ? Has.None : Has.Place) | (e.Stationary?.Address is null ? Has.None : Has.Address);
                w.Write((byte)has);
                w.Write(e.Start.ToUnixTimeMilliseconds());
                if (e.End is { } end)
                {
                    w.Write(end.ToUnixTimeMilliseconds());
                }

                w.Write(e.TimeZoneId);
                if (e.Stationary is { } s)
                {
                    w.Write(s.Latitude);
                    w.Write(s.Longitude);
                    w.Write(s.Significance);
                    if (s.Place is { } place)
                    {
                        WriteNullable(w, place.Name);
                        w.Write7BitEncodedInt(place.Categories.Count);
                        foreach (var category in place.Categories)
                        {
                            w.Write(category);
                        }
                    }

                    if (s.Address is { } address)
                    {
                        WriteNullable(w, address.Country);
                        WriteNullable(w, address.City);
                        WriteNullable(w, address.CityType);
                    }
                }

                if (e.Transport is { } t)
                {
                    w.Write(t.Mode);
                    w.Write(t.DistanceMeters);
                }
            }
        }

        return stream.ToArray();
    }

    /// <summary>Adds the bucket's events overlapping [<paramref name="fromMs"/>, <paramref name="toMs"/>) to
    /// <paramref name="into"/>, as <see cref="UserResourceStore.ListInsightEventsAsync"/> gives them: no id, no driving
    /// features, preliminary while ongoing.</summary>
    public static void Unpack(byte[] packed, long fromMs, long toMs, List<TimelineEvent> into)
    {
        using var r = new BinaryReader(new MemoryStream(packed, writable: false));
        if (r.ReadByte() != Version)
        {
            throw new InvalidDataException($"Insight bucket of an unknown version {packed[0]}.");
        }

        var count = r.Read7BitEncodedInt();
        for (var i = 0; i < count; i++)
        {
            var has = (Has)r.ReadByte();
            var start = r.ReadInt64();
            long? end = has.HasFlag(Has.End) ? r.ReadInt64() : null;
            var zone = r.ReadString();
            StationaryDetails? stay = null;
            if (has.HasFlag(Has.Stay))
            {
                var latitude = r.ReadDouble();
                var longitude = r.ReadDouble();
                var significance = r.ReadString();
                PlaceCandidate? place = null;
                if (has.HasFlag(Has.Place))
                {
                    var name = ReadNullable(r);
                    var categories = new List<string>(r.Read7BitEncodedInt());
                    for (var c = categories.Capacity; c > 0; c--)
                    {
                        categories.Add(r.ReadString());
                    }

                    place = new PlaceCandidate(name, categories);
                }

                var address = has.HasFlag(Has.Address) ? new Address(ReadNullable(r), ReadNullable(r), ReadNullable(r)) : null;
                stay = new StationaryDetails(latitude, longitude, significance, place, address);
            }

            TransportDetails? transport = has.HasFlag(Has.Mode) ? new TransportDetails(r.ReadString(), r.ReadInt64(), null) : null;
            if (start < toMs && (end is null || end > fromMs))
            {
                into.Add(new TimelineEvent(string.Empty, has.HasFlag(Has.Transport) ? EventKind.Transport : EventKind.Stationary,
                    DateTimeOffset.FromUnixTimeMilliseconds(start), end is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null, zone,
                    end is null ? AnalysisType.Preliminary : AnalysisType.Processed, stay, transport));
            }
        }
    }

    private static void WriteNullable(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null)
        {
            w.Write(value);
        }
    }

    private static string? ReadNullable(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;
}
