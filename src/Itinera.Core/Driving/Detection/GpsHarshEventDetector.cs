using Itinera.Core.Ingestion;

namespace Itinera.Core.Driving.Detection;

/// <summary>
/// Harsh accelerations, brakes and turns from fixes alone (when no IMU was uploaded): the longitudinal
/// acceleration is the derivative of the smoothed speed, the lateral acceleration speed × heading rate (the
/// centripetal acceleration of the path); both are thresholded like IMU accelerations, one fix standing for the
/// time to the next.
/// </summary>
public static class GpsHarshEventDetector
{
    /// <summary>Detects harsh events in a transport's fixes (time order, about 1 Hz).</summary>
    /// <returns>Acceleration and turn annotations in time order; magnitudes in the platform's unit.</returns>
    public static IReadOnlyList<BehaviorAnnotation> Detect(IReadOnlyList<Fix> fixes, HarshEventOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        options ??= HarshEventOptions.Default;
        if (fixes.Count < 3)
        {
            return [];
        }

        var gps = GpsKinematics.From(fixes, options.GpsSmoothingHalfWindowMs, options.GpsMaxGapMs, options.GpsHeadingWindowMs);
        var lateral = new double[gps.Count];
        for (var i = 0; i < gps.Count; i++)
        {
            lateral[i] = gps.SpeedMetersPerSecond[i] * gps.YawRateRadiansPerSecond[i];
        }

        var result = new List<BehaviorAnnotation>();
        foreach (var candidate in HarshEventSegmenter.Find(gps.TimesMs, gps.AccelerationMetersPerSecondSquared, lateral, gps.HeadingRadians, options.GpsMaxGapMs, options with { MinDurationMs = options.GpsMinDurationMs }))
        {
            result.Add(HarshEventAnnotations.ToAnnotation(candidate, fixes));
        }

        return result;
    }
}
