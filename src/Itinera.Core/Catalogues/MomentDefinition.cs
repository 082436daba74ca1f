namespace Itinera.Core.Catalogues;

/// <summary>
/// A kind of moment the platform can detect for a user, as served by <c>GET /v2/moment_definitions</c>.
/// </summary>
/// <param name="Id">
/// The stable wire identifier, e.g. <c>commute_from_work</c>; moments reference it as <c>moment_definition_id</c>.
/// </param>
/// <param name="Category">
/// The group the moment belongs to: <c>about_to_routine</c>, <c>activity</c>, <c>geography</c>,
/// <c>location</c>, <c>semantic_time</c> or <c>travel</c>.
/// </param>
/// <param name="DisplayName">
/// A short human-readable name. Note that the commute names follow the destination, not the origin:
/// <c>commute_from_work</c> is shown as "Commute to home" and <c>commute_from_home</c> as "Commute to work".
/// </param>
/// <param name="Description">A one-sentence explanation of when the moment is active.</param>
public sealed record MomentDefinition(string Id, string Category, string DisplayName, string Description);
