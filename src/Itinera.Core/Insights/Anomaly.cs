namespace Itinera.Core.Insights;

/// <summary>Which quantity an anomaly measures; decides the unit of its observed and expected values.</summary>
public enum AnomalyMeasure
{
    /// <summary>Metres.</summary>
    Distance,
    /// <summary>Seconds.</summary>
    Duration,
    /// <summary>Days.</summary>
    DayCount,
    /// <summary>Occurrences.</summary>
    OccurrenceCount,
}

/// <summary>
/// A deviation of one of the user's quantities from its baseline. Aggregated anomalies carry a
/// <see cref="Period"/> and optionally a <see cref="DayPart"/>.
/// </summary>
/// <param name="Name">The anomaly id, e.g. <c>stationary_location_significance_duration</c>.</param>
/// <param name="Aggregated">True for the Aggregated*/DayCount/OccurrenceCount types, which have period and day part.</param>
public sealed record Anomaly(
    string AnomalyId,
    AnomalyMeasure Measure,
    bool Aggregated,
    DateTimeOffset Start,
    DateTimeOffset End,
    string TimeZoneId,
    string Name,
    double? Sigma,
    double Probability,
    double? Observed,
    double? Expected,
    string? Period,
    string? DayPart,
    string? PlaceCategory,
    string? LocationSignificance,
    string? TransportMode,
    string? TransportModeCategory,
    string? MomentDefinitionId);
