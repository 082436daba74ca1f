namespace Itinera.Core.Ingestion;

/// <summary>
/// One location fix as a phone (or an importer) delivers it. Timestamps are Unix epoch milliseconds (UTC).
/// </summary>
/// <param name="AccuracyMeters">Horizontal accuracy radius (68 %), metres; null when unknown.</param>
/// <param name="AltitudeMeters">Altitude above the WGS84 ellipsoid or sea level, metres; null when unknown.</param>
/// <param name="SpeedMetersPerSecond">Instantaneous device speed, m/s; null when unknown.</param>
/// <param name="BearingDegrees">Course over ground, degrees clockwise from north in [0, 360); null when unknown.</param>
public readonly record struct Fix(
    long TimestampMs,
    double Latitude,
    double Longitude,
    double? AccuracyMeters = null,
    double? AltitudeMeters = null,
    double? SpeedMetersPerSecond = null,
    double? BearingDegrees = null);

/// <summary>What the phone's activity recognition reported.</summary>
public enum ActivityType
{
    Still,
    Walking,
    Running,
    OnBicycle,
    InVehicle,
    Tilting,
    Unknown,
}

/// <summary>An activity-recognition sample; <paramref name="Confidence"/> is 0..100.</summary>
public readonly record struct ActivitySample(long TimestampMs, ActivityType Type, int Confidence);

/// <summary>The frame IMU samples are expressed in.</summary>
public enum MotionFrame
{
    /// <summary>The phone's own axes (x right, y up the screen, z out of the screen).</summary>
    Device,
    /// <summary>East, north, up.</summary>
    Earth,
}

/// <summary>
/// A run of IMU samples at a fixed rate starting at <see cref="StartMs"/>. Accelerometer values are m/s²
/// including gravity, gyroscope values rad/s; both interleaved as x, y, z per sample.
/// </summary>
public sealed record MotionBatch(long StartMs, double RateHz, MotionFrame Frame, float[] Accelerometer, float[]? Gyroscope)
{
    /// <summary>Number of samples (accelerometer triples).</summary>
    public int SampleCount => Accelerometer.Length / 3;

    /// <summary>Timestamp just after the last sample, epoch milliseconds.</summary>
    public long EndMs => StartMs + (long)Math.Ceiling(SampleCount * 1000 / RateHz);
}

/// <summary>Phone events relevant to driving behaviour.</summary>
public enum PhoneEventType
{
    ScreenOn,
    ScreenOff,
    HandlingStart,
    HandlingEnd,
    CallStart,
    CallEnd,
}

/// <summary>A phone event; <paramref name="Handsfree"/> is set for calls.</summary>
public readonly record struct PhoneEvent(long TimestampMs, PhoneEventType Type, bool? Handsfree = null);
