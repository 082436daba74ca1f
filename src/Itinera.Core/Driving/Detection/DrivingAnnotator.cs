using Itinera.Core.Ingestion;

namespace Itinera.Core.Driving.Detection;

/// <summary>
/// Every behaviour annotation of one car transport that needs no map: harsh events
/// (<see cref="HarshEventDetector"/>) and phone use (<see cref="PhoneUseDetector"/>). Speeding needs the speed limit at
/// each fix and is computed by <see cref="SpeedingDetector"/> once the fixes are map-matched.
/// </summary>
public static class DrivingAnnotator
{
    /// <param name="fixes">The transport's fixes in time order.</param>
    /// <param name="motion">The transport's IMU batches in time order; may be empty.</param>
    /// <param name="phoneEvents">Phone events in time order (those outside the transport are ignored).</param>
    /// <returns>All annotations in time order (ties: by kind).</returns>
    public static IReadOnlyList<BehaviorAnnotation> Annotate(
        IReadOnlyList<Fix> fixes, IReadOnlyList<MotionBatch> motion, IReadOnlyList<PhoneEvent> phoneEvents, long transportStartMs, long transportEndMs, HarshEventOptions? options = null)
    {
        var result = new List<BehaviorAnnotation>(HarshEventDetector.Detect(fixes, motion, options));
        result.AddRange(PhoneUseDetector.Detect(phoneEvents, transportStartMs, transportEndMs, fixes));
        result.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Kind.CompareTo(b.Kind));
        return result;
    }
}
