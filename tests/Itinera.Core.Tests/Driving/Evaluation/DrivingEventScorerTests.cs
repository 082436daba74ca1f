using Itinera.Core.Evaluation;

namespace Itinera.Core.Tests.Driving.Evaluation;

public sealed class DrivingEventScorerTests
{
    private static readonly DateTimeOffset T0 = new(2016, 5, 14, 14, 17, 0, TimeSpan.Zero);

    private static LabelledDrivingEvent Label(string kind, double from, double to) => new(kind, T0.AddSeconds(from), T0.AddSeconds(to));

    private static DetectedDrivingEvent Detected(string kind, double from, double to) => new(kind, T0.AddSeconds(from), T0.AddSeconds(to));

    [Fact]
    public void ADetectionMatchesOneLabelOfTheSameKind_WithinTheTolerance()
    {
        LabelledDrivingEvent[] labels =
        [
            Label(DrivingEventKinds.Brake, 10, 12),
            Label(DrivingEventKinds.Accel, 30, 33),
            Label(DrivingEventKinds.LeftTurn, 50, 53),
            Label(DrivingEventKinds.LaneChange, 70, 72),
        ];
        DetectedDrivingEvent[] detections =
        [
            Detected(DrivingEventKinds.Brake, 12.5, 13), // 0.5 s after the label: within 1 s
            Detected(DrivingEventKinds.Brake, 30.5, 31), // right time, wrong kind
            Detected(DrivingEventKinds.RightTurn, 51, 52), // a right turn is not a left turn
            Detected(DrivingEventKinds.LeftTurn, 70, 71), // on a lane change: a false positive
            Detected(DrivingEventKinds.LaneChange, 70, 72), // not a harsh kind: not counted
        ];

        var score = DrivingEventScorer.Score(labels, detections, TimeSpan.FromSeconds(1));

        Assert.Equal(new EventCounts(3, 4, 1), score.Total);
        Assert.Equal(new EventCounts(1, 2, 1), score.ByType["brake"]);
        Assert.Equal(new EventCounts(1, 0, 0), score.ByType["accel"]);
        Assert.Equal(new EventCounts(1, 2, 0), score.ByType["turn"]);
        Assert.Equal(new EventCounts(3, 4, 3), score.AnyKind);
        Assert.Equal(1.0 / 3, score.Total.Recall!.Value, 6);
        Assert.Equal(0.25, score.Total.Precision!.Value, 6);
    }

    [Fact]
    public void MatchingIsOneToOne()
    {
        LabelledDrivingEvent[] labels = [Label(DrivingEventKinds.Brake, 10, 12)];
        DetectedDrivingEvent[] detections = [Detected(DrivingEventKinds.Brake, 10, 11), Detected(DrivingEventKinds.Brake, 11, 12)];

        var score = DrivingEventScorer.Score(labels, detections, TimeSpan.Zero);

        Assert.Equal(new EventCounts(1, 2, 1), score.Total);
        Assert.Equal(2.0 / 3, score.Total.F1!.Value, 6);
    }

    [Fact]
    public void IntervalsAreRecalledAndCorrect_WhenHalfCovered()
    {
        (string, DateTimeOffset, DateTimeOffset)[] truth = [("a", T0, T0.AddSeconds(10)), ("a", T0.AddSeconds(100), T0.AddSeconds(110))];
        (string, DateTimeOffset, DateTimeOffset)[] detected =
        [
            ("a", T0.AddSeconds(4), T0.AddSeconds(12)), // covers 6 of 10 s; 6 of its 8 s are true
            ("b", T0.AddSeconds(100), T0.AddSeconds(110)), // wrong kind
        ];

        var score = IntervalScorer.Score(truth, detected);

        Assert.Equal(new IntervalScore(2, 1, 2, 1), score);
        Assert.Equal(0.5, score.F1!.Value, 6);
    }
}
