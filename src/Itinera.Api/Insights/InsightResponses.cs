using System.Text.Json.Serialization;
using Itinera.Api.Http;
using Itinera.Core.Insights;

namespace Itinera.Api.Insights;

/// <summary>A moment on the wire: <c>GenericMoment</c>, <c>CityMoment</c> or <c>CountryMoment</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(GenericMomentResponse), "GenericMoment")]
[JsonDerivedType(typeof(CityMomentResponse), "CityMoment")]
[JsonDerivedType(typeof(CountryMomentResponse), "CountryMoment")]
public abstract record MomentResponse(string Start, string? End, string MomentDefinitionId, string AnalysisType)
{
    public static MomentResponse From(Moment m)
    {
        var start = WireTime.Millis(m.Start, m.TimeZoneId);
        var end = WireTime.Millis(m.End, m.TimeZoneId);
        var analysis = m.AnalysisType.ToString().ToLowerInvariant();
        return m switch
        {
            { CityName: { } city } => new CityMomentResponse(start, end, m.DefinitionId, analysis, city),
            { CountryName: { } country } => new CountryMomentResponse(start, end, m.DefinitionId, analysis, country),
            _ => new GenericMomentResponse(start, end, m.DefinitionId, analysis),
        };
    }
}

public sealed record GenericMomentResponse(string Start, string? End, string MomentDefinitionId, string AnalysisType)
    : MomentResponse(Start, End, MomentDefinitionId, AnalysisType);

public sealed record CityMomentResponse(string Start, string? End, string MomentDefinitionId, string AnalysisType, string CityName)
    : MomentResponse(Start, End, MomentDefinitionId, AnalysisType);

public sealed record CountryMomentResponse(string Start, string? End, string MomentDefinitionId, string AnalysisType, string CountryName)
    : MomentResponse(Start, End, MomentDefinitionId, AnalysisType);

/// <summary>A segment the user belongs to.</summary>
public sealed record SegmentResponse(string Type, string SegmentDefinitionId, string ExplanationYou)
{
    public static SegmentResponse From(UserSegment s) => new("GenericSegment", s.DefinitionId, s.ExplanationYou);
}

/// <summary>An anomaly on the wire; the type says which measure its observed and expected values are in.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(DistanceAnomalyResponse), "DistanceAnomaly")]
[JsonDerivedType(typeof(AggregatedDistanceAnomalyResponse), "AggregatedDistanceAnomaly")]
[JsonDerivedType(typeof(DurationAnomalyResponse), "DurationAnomaly")]
[JsonDerivedType(typeof(AggregatedDurationAnomalyResponse), "AggregatedDurationAnomaly")]
[JsonDerivedType(typeof(DayCountAnomalyResponse), "DayCountAnomaly")]
[JsonDerivedType(typeof(OccurrenceCountAnomalyResponse), "OccurrenceCountAnomaly")]
public abstract record AnomalyResponse
{
    public required string Start { get; init; }
    public required string End { get; init; }
    public required string AnalysisType { get; init; }
    public required double? Sigma { get; init; }
    public required double Probability { get; init; }
    public required string Anomaly { get; init; }

    [JsonPropertyOrder(10)] public required string? PlaceCategory { get; init; }
    [JsonPropertyOrder(11)] public required string? LocationSignificance { get; init; }
    [JsonPropertyOrder(12)] public required string? TransportMode { get; init; }
    [JsonPropertyOrder(13)] public required string? TransportModeCategory { get; init; }
    [JsonPropertyOrder(14)] public required string? MomentDefinitionId { get; init; }

    public static AnomalyResponse From(Anomaly a)
    {
        // The day window is written as its first second and its last microsecond, as the platform does.
        var start = WireTime.Seconds(a.Start, a.TimeZoneId);
        var end = WireTime.Micros(a.End.AddTicks(-10), a.TimeZoneId);
        var sigma = a.Sigma is { } s ? Math.Round(s, 3) : (double?)null;
        var probability = Math.Round(a.Probability, 3);
        AnomalyResponse r = (a.Measure, a.Aggregated) switch
        {
            (AnomalyMeasure.Distance, false) => new DistanceAnomalyResponse
            { Start = start, End = end, AnalysisType = "processed", Sigma = sigma, Probability = probability, Anomaly = a.Name, ObservedDistance = a.Observed, ExpectedDistance = a.Expected, PlaceCategory = a.PlaceCategory, LocationSignificance = a.LocationSignificance, TransportMode = a.TransportMode, TransportModeCategory = a.TransportModeCategory, MomentDefinitionId = a.MomentDefinitionId },
            (AnomalyMeasure.Distance, true) => new AggregatedDistanceAnomalyResponse
            { Start = start, End = end, AnalysisType = "processed", Sigma = sigma, Probability = probability, Anomaly = a.Name, ObservedDistance = a.Observed, ExpectedDistance = a.Expected, Period = a.Period, DayPart = a.DayPart, PlaceCategory = a.PlaceCategory, LocationSignificance = a.LocationSignificance, TransportMode = a.TransportMode, TransportModeCategory = a.TransportModeCategory, MomentDefinitionId = a.MomentDefinitionId },
            (AnomalyMeasure.Duration, false) => new DurationAnomalyResponse
            { Start = start, End = end, AnalysisType = "processed", Sigma = sigma, Probability = probability, Anomaly = a.Name, ObservedDuration = a.Observed, ExpectedDuration = a.Expected, PlaceCategory = a.PlaceCategory, LocationSignificance = a.LocationSignificance, TransportMode = a.TransportMode, TransportModeCategory = a.TransportModeCategory, MomentDefinitionId = a.MomentDefinitionId },
            (AnomalyMeasure.Duration, true) => new AggregatedDurationAnomalyResponse
            { Start = start, End = end, AnalysisType = "processed", Sigma = sigma, Probability = probability, Anomaly = a.Name, ObservedDuration = a.Observed, ExpectedDuration = a.Expected, Period = a.Period, DayPart = a.DayPart, PlaceCategory = a.PlaceCategory, LocationSignificance = a.LocationSignificance, TransportMode = a.TransportMode, TransportModeCategory = a.TransportModeCategory, MomentDefinitionId = a.MomentDefinitionId },
            (AnomalyMeasure.DayCount, _) => new DayCountAnomalyResponse
            { Start = start, End = end, AnalysisType = "processed", Sigma = sigma, Probability = probability, Anomaly = a.Name, ObservedDays = a.Observed, ExpectedDays = a.Expected, Period = a.Period, DayPart = a.DayPart, PlaceCategory = a.PlaceCategory, LocationSignificance = a.LocationSignificance, TransportMode = a.TransportMode, TransportModeCategory = a.TransportModeCategory, MomentDefinitionId = a.MomentDefinitionId },
            _ => new OccurrenceCountAnomalyResponse
            { Start = start, End = end, AnalysisType = "processed", Sigma = sigma, Probability = probability, Anomaly = a.Name, ObservedOccurrences = a.Observed, ExpectedOccurrences = a.Expected, Period = a.Period, DayPart = a.DayPart, PlaceCategory = a.PlaceCategory, LocationSignificance = a.LocationSignificance, TransportMode = a.TransportMode, TransportModeCategory = a.TransportModeCategory, MomentDefinitionId = a.MomentDefinitionId },
        };
        return r;
    }
}

public sealed record DistanceAnomalyResponse : AnomalyResponse
{
    [JsonPropertyOrder(1)] public required double? ObservedDistance { get; init; }
    [JsonPropertyOrder(2)] public required double? ExpectedDistance { get; init; }
}

public sealed record AggregatedDistanceAnomalyResponse : AnomalyResponse
{
    [JsonPropertyOrder(1)] public required double? ObservedDistance { get; init; }
    [JsonPropertyOrder(2)] public required double? ExpectedDistance { get; init; }
    [JsonPropertyOrder(3)] public required string? Period { get; init; }
    [JsonPropertyOrder(4)] public required string? DayPart { get; init; }
}

public sealed record DurationAnomalyResponse : AnomalyResponse
{
    [JsonPropertyOrder(1)] public required double? ObservedDuration { get; init; }
    [JsonPropertyOrder(2)] public required double? ExpectedDuration { get; init; }
}

public sealed record AggregatedDurationAnomalyResponse : AnomalyResponse
{
    [JsonPropertyOrder(1)] public required double? ObservedDuration { get; init; }
    [JsonPropertyOrder(2)] public required double? ExpectedDuration { get; init; }
    [JsonPropertyOrder(3)] public required string? Period { get; init; }
    [JsonPropertyOrder(4)] public required string? DayPart { get; init; }
}

public sealed record DayCountAnomalyResponse : AnomalyResponse
{
    [JsonPropertyOrder(1)] public required double? ObservedDays { get; init; }
    [JsonPropertyOrder(2)] public required double? ExpectedDays { get; init; }
    [JsonPropertyOrder(3)] public required string? Period { get; init; }
    [JsonPropertyOrder(4)] public required string? DayPart { get; init; }
}

public sealed record OccurrenceCountAnomalyResponse : AnomalyResponse
{
    [JsonPropertyOrder(1)] public required double? ObservedOccurrences { get; init; }
    [JsonPropertyOrder(2)] public required double? ExpectedOccurrences { get; init; }
    [JsonPropertyOrder(3)] public required string? Period { get; init; }
    [JsonPropertyOrder(4)] public required string? DayPart { get; init; }
}
