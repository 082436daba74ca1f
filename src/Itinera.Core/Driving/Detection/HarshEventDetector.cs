using Itinera.Core.Ingestion;

namespace Itinera.Core.Driving.Detection;

/// <summary>
/// Harsh events of one car transport from whatever was uploaded: from the IMU when the transport has IMU batches
/// (the phone uploads IMU for the stretches it found worth it, so time without IMU is not evidence for GPS to
/// overrule), else from the fixes (<see cref="GpsHarshEventDetector"/>).
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
        return motion.Any(static b => b.SampleCount >= 2)
            ? ImuHarshEventDetector.Detect(motion, fixes, options)
            : GpsHarshEventDetector.Detect(fixes, options);
    }
}
