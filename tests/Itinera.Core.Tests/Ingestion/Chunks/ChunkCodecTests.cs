using Itinera.Core.Ingestion;
using Itinera.Core.Ingestion.Chunks;

namespace Itinera.Core.Tests.Ingestion.Chunks;

public sealed class ChunkCodecTests
{
    private static Fix[] Track(int count, bool optional = true)
    {
        var random = new Random(7);
        var fixes = new Fix[count];
        double lat = 50.85, lon = 4.35;
        for (var i = 0; i < count; i++)
        {
            lat += 0.0001 + random.NextDouble() * 0.00002;
            lon += 0.00005 + random.NextDouble() * 0.00002;
            fixes[i] = optional
                ? new Fix(1_700_000_000_000 + i * 1000L, lat, lon, 3 + random.Next(10), 30 + random.NextDouble(), 12 + random.NextDouble(), random.Next(360))
                : new Fix(1_700_000_000_000 + i * 1000L, lat, lon);
        }

        return fixes;
    }

    [Fact]
    public void Fixes_RoundTripWithinTheDocumentedPrecision()
    {
        var fixes = Track(1000);
        var decoded = FixChunkCodec.Decode(FixChunkCodec.Encode(fixes));
        Assert.Equal(fixes.Length, decoded.Length);
        for (var i = 0; i < fixes.Length; i++)
        {
            Assert.Equal(fixes[i].TimestampMs, decoded[i].TimestampMs);
            Assert.Equal(fixes[i].Latitude, decoded[i].Latitude, 1e-7);
            Assert.Equal(fixes[i].Longitude, decoded[i].Longitude, 1e-7);
            Assert.Equal(fixes[i].AccuracyMeters!.Value, decoded[i].AccuracyMeters!.Value, 0.05);
            Assert.Equal(fixes[i].AltitudeMeters!.Value, decoded[i].AltitudeMeters!.Value, 0.05);
            Assert.Equal(fixes[i].SpeedMetersPerSecond!.Value, decoded[i].SpeedMetersPerSecond!.Value, 0.005);
            Assert.Equal(fixes[i].BearingDegrees!.Value, decoded[i].BearingDegrees!.Value, 0.05);
        }
    }

    [Fact]
    public void Fixes_KeepWhichOptionalValuesWereMissing()
    {
        var fixes = Track(10);
        fixes[3] = fixes[3] with { AccuracyMeters = null, SpeedMetersPerSecond = null };
        fixes[7] = fixes[7] with { AltitudeMeters = null };
        var decoded = FixChunkCodec.Decode(FixChunkCodec.Encode(fixes));
        Assert.Null(decoded[3].AccuracyMeters);
        Assert.Null(decoded[3].SpeedMetersPerSecond);
        Assert.NotNull(decoded[3].AltitudeMeters);
        Assert.Null(decoded[7].AltitudeMeters);
        Assert.All(FixChunkCodec.Decode(FixChunkCodec.Encode(Track(5, optional: false))), f => Assert.Null(f.BearingDegrees));
    }

    /// <summary>A car at 1 Hz: smooth speed and heading, about a metre of GPS noise, accuracy in whole metres.</summary>
    private static Fix[] CarTrack(int count)
    {
        var random = new Random(11);
        var fixes = new Fix[count];
        double lat = 50.85, lon = 4.35, speed = 10, heading = 45, altitude = 40;
        for (var i = 0; i < count; i++)
        {
            speed = Math.Clamp(speed + (random.NextDouble() - 0.5), 0, 30);
            heading = (heading + (random.NextDouble() - 0.5) * 4 + 360) % 360;
            altitude += (random.NextDouble() - 0.5) * 0.2;
            lat += speed * Math.Cos(heading * Math.PI / 180) / 111_320;
            lon += speed * Math.Sin(heading * Math.PI / 180) / 70_000;
            var noise = 1 / 111_320.0;
            fixes[i] = new Fix(1_700_000_000_000 + i * 1000L, lat + (random.NextDouble() - 0.5) * noise, lon + (random.NextDouble() - 0.5) * noise,
                4 + random.Next(3), Math.Round(altitude, 1), Math.Round(speed, 2), Math.Round(heading, 1));
        }

        return fixes;
    }

    [Fact]
    public void Fixes_OfA1HzCarTrack_TakeFewerThanEightBytesEach()
    {
        var bytes = FixChunkCodec.Encode(CarTrack(4096)).Length;
        Assert.True(bytes / 4096.0 < 8, $"{bytes / 4096.0:F2} bytes per fix");
    }

    [Fact]
    public void Decode_RefusesACorruptChunk()
    {
        var chunk = FixChunkCodec.Encode(Track(100));
        Assert.Throws<InvalidDataException>(() => FixChunkCodec.Decode(chunk.AsSpan(0, chunk.Length / 2)));
        Assert.Throws<InvalidDataException>(() => FixChunkCodec.Decode([99, 1, 2, 3]));
        Assert.Throws<InvalidDataException>(() => FixChunkCodec.Decode([]));
    }

    [Fact]
    public void ActivitiesAndPhoneEvents_RoundTrip()
    {
        ActivitySample[] samples = [new(1000, ActivityType.InVehicle, 80), new(31000, ActivityType.Walking, 55), new(61000, ActivityType.Still, 100)];
        Assert.Equal(samples, EventChunkCodec.DecodeActivities(EventChunkCodec.EncodeActivities(samples)));
        PhoneEvent[] events = [new(1000, PhoneEventType.CallStart, true), new(5000, PhoneEventType.CallEnd), new(9000, PhoneEventType.ScreenOn, false)];
        Assert.Equal(events, EventChunkCodec.DecodePhoneEvents(EventChunkCodec.EncodePhoneEvents(events)));
    }

    [Fact]
    public void Motion_RoundTripsToAThousandth()
    {
        var random = new Random(3);
        var acc = Enumerable.Range(0, 300).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
        var gyro = Enumerable.Range(0, 300).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var batch = new MotionBatch(1_700_000_000_123, 50, MotionFrame.Earth, acc, gyro);
        var decoded = MotionChunkCodec.Decode(MotionChunkCodec.Encode(batch));
        Assert.Equal(batch.StartMs, decoded.StartMs);
        Assert.Equal(50, decoded.RateHz);
        Assert.Equal(MotionFrame.Earth, decoded.Frame);
        Assert.Equal(2000, decoded.EndMs - decoded.StartMs);
        for (var i = 0; i < acc.Length; i++)
        {
            Assert.Equal(acc[i], decoded.Accelerometer[i], 0.0006f);
            Assert.Equal(gyro[i], decoded.Gyroscope![i], 0.0006f);
        }
    }
}
