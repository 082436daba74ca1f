using Itinera.Api.Timeline;
using Itinera.Core.Driving;

namespace Itinera.Api.Driving;

/// <summary>The user's driving over nine weeks: the last seven days and the rest.</summary>
public sealed record UserCarBehaviorResponse(string Type, UserCarBehaviorScoresResponse Scores, UserCarBehaviorFeaturesResponse Features)
{
    public static UserCarBehaviorResponse From(CarBehaviorSummary s) => new(
        "UserCarBehavior",
        new UserCarBehaviorScoresResponse(ZoneScoresResponse.From(s.Last7Days), ZoneScoresResponse.From(s.Past)),
        new UserCarBehaviorFeaturesResponse("UserCarBehaviorFeatures", WindowFeaturesResponse.From(s.Last7DaysFeatures), WindowFeaturesResponse.From(s.PastFeatures)));
}

public sealed record UserCarBehaviorScoresResponse(ZoneScoresResponse? L7d, ZoneScoresResponse? Past);

public sealed record ZoneScoresResponse(
    string Type, CarBehaviorScoresResponse All, CarBehaviorScoresResponse Motorway, CarBehaviorScoresResponse City,
    CarBehaviorScoresResponse NonCity, CarBehaviorScoresResponse Total)
{
    public static ZoneScoresResponse? From(ZoneScores? z) => z is null
        ? null
        : new("ZoneCarBehaviorScores", CarBehaviorScoresResponse.From(z.All, withPhoneScores: true), CarBehaviorScoresResponse.From(z.Motorway),
            CarBehaviorScoresResponse.From(z.City), CarBehaviorScoresResponse.From(z.NonCity), CarBehaviorScoresResponse.From(z.Total));
}

public sealed record UserCarBehaviorFeaturesResponse(string Type, WindowFeaturesResponse L7d, WindowFeaturesResponse Past);

public sealed record WindowFeaturesResponse(string Type, double PhoneHandling, long Distance)
{
    public static WindowFeaturesResponse From(WindowFeatures f) =>
        new("TimeWindowUserCarBehaviorFeatures", Math.Round(f.PhoneHandlingMillisecondsPerHour, 1), f.DistanceMeters);
}

/// <summary>Scores of one aggregation period (no type, no overall; with the phone-use scores).</summary>
public sealed record AggregatedScoresResponse(
    double Smooth, double Legal, double Anticipative, double Focus, double Mounted,
    double HardAccel, double HardBrake, double HardEvents, double LegalV2, double HardTurn, double SmoothV2, double AnticipativeV2,
    double HandheldCalling, long HandheldCallingDuration, double HandsfreeCalling,
    double HandlingWithoutCalling, long HandlingWithoutCallingDuration, double Attention)
{
    public static AggregatedScoresResponse From(DrivingScores s) => new(
        R(s.Smooth), R(s.Legal), R(s.Anticipative), R(s.Focus), R(s.Mounted), R(s.HardAccel), R(s.HardBrake), R(s.HardEvents),
        R(s.LegalV2), R(s.HardTurn), R(s.SmoothV2), R(s.AnticipativeV2), R(s.HandheldCalling), (long)Math.Round(s.HandheldCallingDurationSeconds),
        R(s.HandsfreeCalling), R(s.HandlingWithoutCalling), (long)Math.Round(s.HandlingWithoutCallingDurationSeconds), R(s.Attention));

    private static double R(double v) => Math.Round(v, 2);
}
