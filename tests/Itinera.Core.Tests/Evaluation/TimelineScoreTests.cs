using System.Text.Json;
using Itinera.Core.Evaluation;
using Itinera.Core.Timeline;

namespace Itinera.Core.Tests.Evaluation;

public sealed class TimelineScoreTests
{
    private static readonly DateTimeOffset T0 = new(2008, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset M(double minutes) => T0.AddMinutes(minutes);

    /// <summary>User A: one hour, all right. User B: three one-hour legs, all predicted as stays.</summary>
    private static TimelineScore TwoUsers()
    {
        var a = TimelineScorer.Score(
            [new LabelledLeg(M(0), M(60), "car")],
            [PredictedSegment.Transport(M(1), M(61), TransportModes.Car)]) with
        { UserId = "A" };
        var b = TimelineScorer.Score(
            [new LabelledLeg(M(0), M(60), "bus"), new LabelledLeg(M(100), M(160), "bus"), new LabelledLeg(M(200), M(260), "subway")],
            [PredictedSegment.Stay(M(0), M(300))],
            new ScoringOptions { WalkRemoved = true }) with
        { UserId = "B" };
        return TimelineScore.Combine([a, b]);
    }

    [Fact]
    public void Combine_PoolsTallies_TimeWeightedNotAveragedPerUser()
    {
        var score = TwoUsers();

        Assert.Equal(["A", "B"], score.Users.Select(u => u.UserId));
        Assert.Equal(TimelineScore.AllUsersId, score.Total.UserId);
        Assert.Equal(4.0, score.LabelledHours);
        Assert.Equal(59 / 240.0, score.ModeAccuracy!.Value, 12); // per-user mean would be (59/60 + 0) / 2
        Assert.Equal(59 / 240.0, score.CoarseModeAccuracy!.Value, 12);
        Assert.Equal(0.25, score.SegmentationRecall);
        Assert.Equal(1.0, score.SegmentationPrecision);
        Assert.Equal(60.0, score.BoundaryErrorMedianSeconds);
        Assert.Equal(3 * 3600, score.Total.Confusion[(TransportModes.Bus, TimelineScorer.Stationary)] + score.Total.Confusion[(TransportModes.Subway, TimelineScorer.Stationary)]);
        Assert.Equal(59 * 60, score.Total.Confusion[(TransportModes.Car, TransportModes.Car)]);
        Assert.Equal(60, score.Total.Confusion[(TransportModes.Car, TimelineScorer.NoPrediction)]);
        Assert.Equal(
            [(TransportModes.Bus, 2.0, 0.0), (TransportModes.Car, 1.0, 59 / 60.0), (TransportModes.Subway, 1.0, 0.0)],
            score.Total.ModeAccuracyByLabel);
    }

    [Fact]
    public void Combine_Nothing_GivesNullRatios()
    {
        var score = TimelineScore.Combine([]);

        Assert.Empty(score.Users);
        Assert.Equal(0, score.LabelledHours);
        Assert.Null(score.ModeAccuracy);
        Assert.Null(score.SegmentationRecall);
        Assert.Null(score.SegmentationPrecision);
        Assert.Null(score.BoundaryErrorMedianSeconds);
    }

    [Fact]
    public void Json_HasTheDocumentedKeys_AndConfusionInRoundedHours()
    {
        using var document = JsonDocument.Parse(TimelineScoreJson.Serialize(TwoUsers()));
        var root = document.RootElement;

        foreach (var key in new[]
        {
            "users", "labelled_hours", "mode_accuracy", "coarse_mode_accuracy", "segmentation_recall",
            "segmentation_precision", "boundary_error_median_s", "confusion", "per_user",
        })
        {
            Assert.True(root.TryGetProperty(key, out _), key);
        }

        Assert.Equal(2, root.GetProperty("users").GetInt32());
        Assert.Equal(4.0, root.GetProperty("labelled_hours").GetDouble());
        Assert.Equal(0.2458, root.GetProperty("mode_accuracy").GetDouble());
        Assert.Equal(0.25, root.GetProperty("segmentation_recall").GetDouble());
        Assert.Equal(60.0, root.GetProperty("boundary_error_median_s").GetDouble());

        var byLabel = root.GetProperty("mode_accuracy_by_label");
        Assert.Equal(["bus", "car", "subway"], byLabel.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.9833, byLabel.GetProperty("car").GetDouble());
        Assert.Equal(0.0, byLabel.GetProperty("bus").GetDouble());

        var confusion = root.GetProperty("confusion");
        Assert.Equal(["bus", "car", "subway"], confusion.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.983, confusion.GetProperty("car").GetProperty("car").GetDouble());
        Assert.Equal(0.017, confusion.GetProperty("car").GetProperty("none").GetDouble());
        Assert.Equal(2.0, confusion.GetProperty("bus").GetProperty("stationary").GetDouble());

        var users = root.GetProperty("per_user").EnumerateArray().ToList();
        Assert.Equal(["A", "B"], users.Select(u => u.GetProperty("user").GetString()));
        Assert.False(users[0].GetProperty("walk_removed").GetBoolean());
        Assert.True(users[1].GetProperty("walk_removed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, users[1].GetProperty("segmentation_precision").ValueKind);
        Assert.Equal(JsonValueKind.Null, users[1].GetProperty("boundary_error_median_s").ValueKind);
        Assert.Equal(3, users[1].GetProperty("legs").GetInt32());
        Assert.Empty(users[0].GetProperty("missed_legs").EnumerateArray());
        var missed = users[1].GetProperty("missed_legs").EnumerateArray().ToList();
        Assert.Equal(["bus", "bus", "subway"], missed.Select(m => m.GetProperty("label").GetString()));
        Assert.Equal("2008-01-01T01:40:00+00:00", missed[1].GetProperty("start").GetString());
        Assert.Equal((60.0, 0.0), (missed[2].GetProperty("scored_min").GetDouble(), missed[2].GetProperty("best_transport_min").GetDouble()));
    }

    [Fact]
    public void Json_WithoutBreakdown_KeepsTheUserCountAndLeavesOutPerUser()
    {
        var pooled = TwoUsers() with { Users = [] };

        using var document = JsonDocument.Parse(TimelineScoreJson.Serialize(pooled, indented: false));

        Assert.Equal(2, document.RootElement.GetProperty("users").GetInt32());
        Assert.Equal(0.25, document.RootElement.GetProperty("segmentation_recall").GetDouble());
        Assert.False(document.RootElement.TryGetProperty("per_user", out _));
    }

    [Fact]
    public void Json_Write_ProducesOneObjectOnAGivenWriter()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            TimelineScoreJson.Write(writer, TimelineScore.Combine([]));
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        Assert.Equal(0, document.RootElement.GetProperty("users").GetInt32());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("mode_accuracy").ValueKind);
        Assert.Empty(document.RootElement.GetProperty("confusion").EnumerateObject());
    }
}
