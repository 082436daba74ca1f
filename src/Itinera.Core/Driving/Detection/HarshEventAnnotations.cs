using Itinera.Core.Ingestion;

namespace Itinera.Core.Driving.Detection;

/// <summary>Turns detected harsh events into the platform's acceleration and turn annotations.</summary>
internal static class HarshEventAnnotations
{
    public static BehaviorAnnotation ToAnnotation(HarshEventCandidate candidate, IReadOnlyList<Fix> fixes)
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(candidate.StartMs);
        var end = DateTimeOffset.FromUnixTimeMilliseconds(candidate.EndMs);
        var magnitude = BehaviorAnnotation.ToPlatformMagnitude(candidate.PeakMetersPerSecondSquared);
        var path = AnnotationPaths.Of(fixes, candidate.StartMs, candidate.EndMs);
        return candidate.Kind switch
        {
            HarshEventKind.Accelerate => new BehaviorAnnotation(AnnotationKind.Acceleration, start, end, AccelerationKinds.Accelerate, null, magnitude, path),
            HarshEventKind.Brake => new BehaviorAnnotation(AnnotationKind.Acceleration, start, end, AccelerationKinds.Brake, null, magnitude, path),
            HarshEventKind.LeftTurn => new BehaviorAnnotation(AnnotationKind.Turn, start, end, null, ManeuverKinds.LeftTurn, magnitude, path),
            HarshEventKind.RightTurn => new BehaviorAnnotation(AnnotationKind.Turn, start, end, null, ManeuverKinds.RightTurn, magnitude, path),
            _ => new BehaviorAnnotation(AnnotationKind.Turn, start, end, null, ManeuverKinds.LaneSwitch, magnitude, path),
        };
    }
}
