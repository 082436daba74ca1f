using Itinera.Core.Timeline;

namespace Itinera.Core.Insights;

/// <summary>
/// An occurrence of a moment (a definition of <see cref="Catalogues.MomentCatalogue"/>) for a user.
/// <see cref="End"/> is null while the moment is active.
/// </summary>
/// <param name="CityName">Set for <c>city_name</c> moments.</param>
/// <param name="CountryName">Set for <c>country</c> moments.</param>
public sealed record Moment(
    string MomentId,
    string DefinitionId,
    DateTimeOffset Start,
    DateTimeOffset? End,
    string TimeZoneId,
    AnalysisType AnalysisType,
    string? CityName,
    string? CountryName);

/// <summary>A lifestyle segment the user belongs to, with the reason in the user's own numbers and places.</summary>
public sealed record UserSegment(string DefinitionId, string ExplanationYou);
