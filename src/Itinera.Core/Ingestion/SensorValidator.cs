namespace Itinera.Core.Ingestion;

/// <summary>
/// Plausibility rules for uploaded and imported sensor data. Each check returns null for a valid item or
/// the UPPER_SNAKE reason for refusing it. See docs/sdk-api.md for the list.
/// </summary>
public static class SensorValidator
{
    /// <summary>Nothing before 2000-01-01 is accepted.</summary>
    public const long EarliestTimestampMs = 946_684_800_000;

    /// <summary>How far in the future a timestamp may be (clock skew of phones).</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);

    /// <summary>Faster than an airliner is not a phone's speed.</summary>
    public const double MaxSpeedMetersPerSecond = 340;

    public static string? CheckTimestamp(long timestampMs, long nowMs) =>
        timestampMs < EarliestTimestampMs ? "TIMESTAMP_TOO_OLD"
        : timestampMs > nowMs + (long)MaxFutureSkew.TotalMilliseconds ? "TIMESTAMP_IN_FUTURE"
        : null;

    public static string? CheckFix(in Fix fix, long nowMs)
    {
        if (!double.IsFinite(fix.Latitude) || !double.IsFinite(fix.Longitude)
            || !IsFiniteOrNull(fix.AccuracyMeters) || !IsFiniteOrNull(fix.AltitudeMeters)
            || !IsFiniteOrNull(fix.SpeedMetersPerSecond) || !IsFiniteOrNull(fix.BearingDegrees))
        {
            return "NOT_FINITE";
        }

        if (fix.Latitude is < -90 or > 90)
        {
            return "LATITUDE_OUT_OF_RANGE";
        }

        if (fix.Longitude is < -180 or > 180)
        {
            return "LONGITUDE_OUT_OF_RANGE";
        }

        if (fix.Latitude == 0 && fix.Longitude == 0)
        {
            // (0, 0) is what broken location stacks report when they have no fix.
            return "NULL_ISLAND";
        }

        if (fix.AccuracyMeters < 0)
        {
            return "ACCURACY_NEGATIVE";
        }

        if (fix.AltitudeMeters is < -1000 or > 20000)
        {
            return "ALTITUDE_OUT_OF_RANGE";
        }

        if (fix.SpeedMetersPerSecond > MaxSpeedMetersPerSecond)
        {
            return "SPEED_IMPLAUSIBLE";
        }

        if (fix.BearingDegrees is < 0 or > 360)
        {
            return "BEARING_OUT_OF_RANGE";
        }

        return CheckTimestamp(fix.TimestampMs, nowMs);
    }

    public static string? CheckActivity(in ActivitySample sample, long nowMs) =>
        sample.Confidence is < 0 or > 100 ? "CONFIDENCE_OUT_OF_RANGE" : CheckTimestamp(sample.TimestampMs, nowMs);

    public static string? CheckMotion(MotionBatch batch, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!double.IsFinite(batch.RateHz) || batch.RateHz is < 1 or > 1000)
        {
            return "RATE_OUT_OF_RANGE";
        }

        if (batch.Accelerometer.Length == 0 || batch.Accelerometer.Length % 3 != 0
            || (batch.Gyroscope is not null && batch.Gyroscope.Length != batch.Accelerometer.Length))
        {
            return "BAD_SAMPLES";
        }

        foreach (var v in batch.Accelerometer)
        {
            if (!float.IsFinite(v) || Math.Abs(v) > 1000)
            {
                return "BAD_SAMPLES";
            }
        }

        if (batch.Gyroscope is not null)
        {
            foreach (var v in batch.Gyroscope)
            {
                if (!float.IsFinite(v) || Math.Abs(v) > 100)
                {
                    return "BAD_SAMPLES";
                }
            }
        }

        return CheckTimestamp(batch.StartMs, nowMs) ?? CheckTimestamp(batch.EndMs, nowMs);
    }

    public static string? CheckPhoneEvent(in PhoneEvent e, long nowMs) => CheckTimestamp(e.TimestampMs, nowMs);

    private static bool IsFiniteOrNull(double? value) => value is not { } v || double.IsFinite(v);
}
