using Itinera.Core.Ingestion;

namespace Itinera.Core.Driving.Detection;

/// <summary>
/// Harsh events of one car transport from whatever was uploaded: IMU events where IMU batches cover the time, GPS
/// events elsewhere (a GPS event overlapping an IMU batch is dropped, the IMU being the better witness).
/// </summary>
public static class HarshEventDetector
{
    /// <param name="fixes">The transport's fixes in time order.</param>
    /// <param name="motion">The transport's IMU batches in time order; may be empty.</param>
    /// <returns>Acceleration and turn annotations in time order.</returns>
    public static IReadOnlyList<BehaviorAnnotation> Detect(IReadOnlyList<Fix> fixes, IReadOnlyList<MotionBatch> motion, HarshEventOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        ArgumentNullException.ThrowIfNull(motion);
        var result = new List<BehaviorAnnotation>(ImuHarshEventDetector.Detect(motion, fixes, options));
        foreach (var annotation in GpsHarshEventDetector.Detect(fixes, options))
        {
            var startMs = annotation.Start.ToUnixTimeMilliseconds();
            var endMs = annotation.End.ToUnixTimeMilliseconds();
            if (!motion.Any(b => b.StartMs < endMs && b.EndMs > startMs))
            {
                result.Add(annotation);
            }
        }

        result.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        return result;
    }
}
