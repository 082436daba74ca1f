using Itinera.Core.Evaluation;
using Itinera.Core.Timeline;

namespace Itinera.Core.Tests.Evaluation;

public sealed class TimelineScorerTests
{
    private static readonly DateTimeOffset T0 = new(2008, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset S(double seconds) => T0.AddSeconds(seconds);

    private static DateTimeOffset M(double minutes) => T0.AddMinutes(minutes);

    private static LabelledLeg Leg(double fromMinute, double toMinute, string label) => new(M(fromMinute), M(toMinute), label);

    private static PredictedSegment Move(double fromMinute, double toMinute, string? mode) =>
        PredictedSegment.Transport(M(fromMinute), M(toMinute), mode);

    private static PredictedSegment Stay(double fromMinute, double toMinute) => PredictedSegment.Stay(M(fromMinute), M(toMinute));

    [Fact]
    public void Score_PerfectPrediction_IsOneEverywhere()
    {
        LabelledLeg[] legs = [Leg(0, 30, "bus"), Leg(30, 40, "walk"), Leg(100, 160, "subway")];
        PredictedSegment[] predicted =
        [
            Stay(-60, 0), Move(0, 30, TransportModes.Bus), Move(30, 40, TransportModes.Walking), Stay(40, 100),
            Move(100, 160, TransportModes.Subway), Stay(160, 300),
        ];

        var score = TimelineScorer.Score(legs, predicted);

        Assert.Equal(100 * 60, score.LabelledSeconds);
        Assert.Equal(1.0, score.ModeAccuracy);
        Assert.Equal(1.0, score.CoarseModeAccuracy);
        Assert.Equal(1.0, score.SegmentationRecall);
        Assert.Equal(1.0, score.SegmentationPrecision);
        Assert.Equal((3, 3, 3, 3), (score.TotalLegs, score.RecalledLegs, score.CountedTransports, score.PreciseTransports));
        Assert.Equal([0.0, 0, 0, 0, 0, 0], score.BoundaryErrorsSeconds);
        Assert.Equal(0.0, score.BoundaryErrorMedianSeconds);
        Assert.Equal(
            new Dictionary<(string, string), double>
            {
                [(TransportModes.Bus, TransportModes.Bus)] = 1800,
                [(TransportModes.Walking, TransportModes.Walking)] = 600,
                [(TransportModes.Subway, TransportModes.Subway)] = 3600,
            },
            score.Confusion);
    }

    [Fact]
    public void Score_StayPredictedDuringLeg_IsWrongAndNotRecalled()
    {
        var score = TimelineScorer.Score([Leg(0, 60, "car")], [Stay(-10, 70)]);

        Assert.Equal(0.0, score.ModeAccuracy);
        Assert.Equal(0.0, score.CoarseModeAccuracy);
        Assert.Equal(0.0, score.SegmentationRecall);
        Assert.Null(score.SegmentationPrecision);
        Assert.Null(score.BoundaryErrorMedianSeconds);
        Assert.Equal(3600, score.Confusion[(TransportModes.Car, TimelineScorer.Stationary)]);
    }

    [Fact]
    public void Score_NothingPredicted_CountsAsNone()
    {
        var score = TimelineScorer.Score([Leg(0, 10, "bus")], [Move(2, 5, TransportModes.Bus)]);

        Assert.Equal(0.3, score.ModeAccuracy);
        Assert.Equal(0.0, score.SegmentationRecall);
        Assert.Equal(420, score.Confusion[(TransportModes.Bus, TimelineScorer.NoPrediction)]);
        Assert.Equal(180, score.Confusion[(TransportModes.Bus, TransportModes.Bus)]);
    }

    [Theory]
    [InlineData(49, false)]
    [InlineData(50, true)]
    [InlineData(51, true)]
    public void Score_LegHalfCovered_IsRecalledFromFiftyPercent(int coveredSeconds, bool recalled)
    {
        LabelledLeg[] legs = [new(S(0), S(100), "bus")];
        PredictedSegment[] predicted =
        [
            PredictedSegment.Transport(S(0), S(coveredSeconds), TransportModes.Bus),
            PredictedSegment.Stay(S(coveredSeconds), S(100)),
        ];

        var score = TimelineScorer.Score(legs, predicted);

        Assert.Equal(recalled ? 1 : 0, score.RecalledLegs);
        Assert.Equal(1, score.TotalLegs);
        Assert.Equal(coveredSeconds / 100.0, score.ModeAccuracy);
        double[] errors = recalled ? [0.0, 100 - coveredSeconds] : [];
        Assert.Equal(errors, score.BoundaryErrorsSeconds);
        MissedLeg[] missed = recalled ? [] : [new(legs[0], 100, coveredSeconds)];
        Assert.Equal(missed, score.MissedLegs);
    }

    [Fact]
    public void Score_BoundaryErrors_AreAbsoluteStartAndEndDifferencesOfTheBestTransport()
    {
        LabelledLeg[] legs = [Leg(0, 30, "bus"), Leg(40, 60, "train")];
        PredictedSegment[] predicted =
        [
            Move(2, 29, TransportModes.Bus),
            Move(29, 31, TransportModes.Walking),
            Move(37, 40.5, TransportModes.Walking),
            Move(40.5, 65, TransportModes.Train),
        ];

        var score = TimelineScorer.Score(legs, predicted);

        Assert.Equal([120.0, 60, 30, 300], score.BoundaryErrorsSeconds);
        Assert.Equal(90.0, score.BoundaryErrorMedianSeconds);
        Assert.Equal(2, score.RecalledLegs);
    }

    [Fact]
    public void Score_TaxiPredictedAsCar_IsCorrect_AndAirplaneAsFlight()
    {
        var score = TimelineScorer.Score(
            [Leg(0, 10, "taxi"), Leg(20, 80, "airplane")],
            [Move(0, 10, TransportModes.Car), Move(20, 80, TransportModes.Flight)]);

        Assert.Equal(1.0, score.ModeAccuracy);
        Assert.Equal(600, score.Confusion[(TransportModes.Car, TransportModes.Car)]);
        Assert.Equal(3600, score.Confusion[(TransportModes.Flight, TransportModes.Flight)]);
    }

    [Fact]
    public void Score_BusPredictedAsCar_IsWrongButCoarseCorrect()
    {
        var score = TimelineScorer.Score(
            [Leg(0, 10, "bus"), Leg(10, 20, "subway"), Leg(20, 30, "walk")],
            [Move(0, 10, TransportModes.Car), Move(10, 20, TransportModes.Train), Move(20, 30, TransportModes.Biking)]);

        Assert.Equal(0.0, score.ModeAccuracy);
        Assert.Equal(2 / 3.0, score.CoarseModeAccuracy!.Value, 12);
        Assert.Equal(1.0, score.SegmentationRecall);
    }

    [Fact]
    public void Score_TransportWithoutMode_IsUnknownAndWrong()
    {
        var score = TimelineScorer.Score([Leg(0, 10, "bus")], [Move(0, 10, null)]);

        Assert.Equal(0.0, score.ModeAccuracy);
        Assert.Equal(0.0, score.CoarseModeAccuracy);
        Assert.Equal(1.0, score.SegmentationRecall);
        Assert.Equal(600, score.Confusion[(TransportModes.Bus, TimelineScorer.UnknownMode)]);
    }

    [Fact]
    public void Score_UnlabelledTime_IsNeverScored()
    {
        // Walk-removed labels: the walk 20-40 is unlabelled; the prediction there is not judged.
        var score = TimelineScorer.Score(
            [Leg(0, 20, "bus"), Leg(40, 50, "car")],
            [Move(0, 20, TransportModes.Bus), Move(20, 40, TransportModes.Walking), Stay(50, 60), Move(60, 90, TransportModes.Car)],
            new ScoringOptions { WalkRemoved = true });

        Assert.Equal(30 * 60, score.LabelledSeconds);
        Assert.DoesNotContain(score.Confusion.Keys, k => k.Label == TransportModes.Walking || k.Predicted == TransportModes.Walking);
        Assert.Equal(20 / 30.0, score.ModeAccuracy!.Value, 12);
        Assert.Equal(1, score.CountedTransports); // the walk and the 60-90 car touch no labelled time
        Assert.Equal((2, 1), (score.TotalLegs, score.RecalledLegs));
        Assert.True(score.WalkRemoved);
    }

    [Fact]
    public void Score_TransportMergingLegWithUnlabelledTime_IsPreciseOnlyWhenLabelsAreWalkRemoved()
    {
        LabelledLeg[] legs = [Leg(0, 20, "bus")];
        PredictedSegment[] predicted = [Move(0, 50, TransportModes.Bus)];

        var walkRemoved = TimelineScorer.Score(legs, predicted, new ScoringOptions { WalkRemoved = true });
        var complete = TimelineScorer.Score(legs, predicted);

        Assert.Equal(1.0, walkRemoved.SegmentationPrecision);
        Assert.Equal(0.0, complete.SegmentationPrecision);
        Assert.Equal(1.0, walkRemoved.ModeAccuracy);
        Assert.Equal(1.0, complete.ModeAccuracy);
        Assert.Equal(1.0, walkRemoved.SegmentationRecall);
        Assert.Equal(1.0, complete.SegmentationRecall);
    }

    [Fact]
    public void Score_TransportMergingThreeLegs_IsImpreciseButRecallsThem()
    {
        var score = TimelineScorer.Score(
            [Leg(0, 10, "walk"), Leg(10, 20, "bus"), Leg(20, 30, "walk")],
            [Move(0, 30, TransportModes.Bus)]);

        Assert.Equal(0.0, score.SegmentationPrecision);
        Assert.Equal(1.0, score.SegmentationRecall);
        Assert.Equal(1 / 3.0, score.ModeAccuracy!.Value, 12);
        Assert.Equal([0.0, 1200, 600, 600, 1200, 0], score.BoundaryErrorsSeconds);
    }

    [Fact]
    public void Score_Coverage_RestrictsScoringToRecordedTime()
    {
        var coverage = GpsCoverage.FromIntervals([(M(10), M(40)), (M(200), M(210))]);
        LabelledLeg[] legs = [Leg(0, 60, "train"), Leg(100, 150, "bus")];
        PredictedSegment[] predicted = [Move(10, 40, TransportModes.Train), Stay(40, 220)];

        var score = TimelineScorer.Score(legs, predicted, new ScoringOptions { Coverage = coverage });

        Assert.Equal(30 * 60, score.LabelledSeconds);
        Assert.Equal(1.0, score.ModeAccuracy);
        Assert.Equal((1, 1), (score.TotalLegs, score.RecalledLegs)); // the bus leg has no recorded time
        Assert.Equal([0.0, 0], score.BoundaryErrorsSeconds); // judged on its recorded part, 10-40
        Assert.Equal(1.0, score.SegmentationPrecision);
    }

    [Fact]
    public void Score_Coverage_WithGapInsideLeg_ScoresBothRecordedParts()
    {
        var coverage = GpsCoverage.FromIntervals([(M(0), M(10)), (M(40), M(60))]);
        LabelledLeg[] legs = [Leg(0, 60, "subway")];

        // The transport bridges the unrecorded gap; only its recorded 30 minutes are judged.
        var bridged = TimelineScorer.Score(legs, [Move(0, 60, TransportModes.Subway)], new ScoringOptions { Coverage = coverage });
        var late = TimelineScorer.Score(legs, [Move(40, 60, TransportModes.Subway)], new ScoringOptions { Coverage = coverage });

        Assert.Equal(1800, bridged.LabelledSeconds);
        Assert.Equal((1.0, 1.0, 1.0), (bridged.ModeAccuracy, bridged.SegmentationRecall, bridged.SegmentationPrecision));
        Assert.Equal(2 / 3.0, late.ModeAccuracy!.Value, 12);
        Assert.Equal(1.0, late.SegmentationRecall);
        Assert.Equal([2400.0, 0], late.BoundaryErrorsSeconds);
    }

    [Fact]
    public void Score_OverlappingPredictions_AreCutAtTheNextStart()
    {
        var score = TimelineScorer.Score(
            [Leg(0, 20, "bus"), Leg(20, 30, "walk")],
            [Move(0, 25, TransportModes.Bus), Move(20, 30, TransportModes.Walking)]);

        Assert.Equal(1.0, score.ModeAccuracy);
        Assert.Equal(1.0, score.SegmentationPrecision);
    }

    [Fact]
    public void Score_UnknownKind_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            TimelineScorer.Score([Leg(0, 1, "bus")], [new PredictedSegment(M(0), M(1), "Transport", TransportModes.Bus)]));
    }

    [Fact]
    public void Score_ManyIntervals_SweepsInOnePass()
    {
        const int Count = 200_000;
        var legs = new List<LabelledLeg>(Count);
        var predicted = new List<PredictedSegment>(2 * Count);
        for (var i = 0; i < Count; i++)
        {
            legs.Add(Leg(10 * i, (10 * i) + 6, i % 2 == 0 ? "bus" : "taxi"));
            predicted.Add(Move(10 * i, (10 * i) + 6, i % 2 == 0 ? TransportModes.Bus : TransportModes.Car));
            predicted.Add(Stay((10 * i) + 6, (10 * i) + 10));
        }

        var score = TimelineScorer.Score(legs, predicted);

        Assert.Equal(Count * 360.0, score.LabelledSeconds);
        Assert.Equal(1.0, score.ModeAccuracy);
        Assert.Equal((Count, Count, Count, Count), (score.TotalLegs, score.RecalledLegs, score.CountedTransports, score.PreciseTransports));
    }
}
