namespace Itinera.Core.Catalogues;

/// <summary>
/// A user segment (a long-term profile trait) the platform can assign, as served by
/// <c>GET /v2/segment_definitions</c>.
/// </summary>
/// <param name="Id">
/// The dotted wire identifier, e.g. <c>lifestyle.culture_buff</c> or <c>leisure.shopping.brand_loyalty.supermarket</c>;
/// segments reference it as <c>segment_definition_id</c>. Several id generations coexist and are all served.
/// </param>
/// <param name="Category">
/// The first dotted part of <paramref name="Id"/>, e.g. <c>lifestyle</c>, <c>mobility</c>, <c>leisure</c>,
/// <c>work_life</c>, <c>behavior</c>, <c>driver_behavior</c>, <c>geography</c> or <c>other</c>.
/// </param>
/// <param name="Subcategory">
/// The second dotted part of <paramref name="Id"/> when the id has three or more parts
/// (e.g. <c>commute</c> for <c>mobility.commute.long_commuter</c>); otherwise <see langword="null"/>.
/// </param>
/// <param name="DisplayName">A short human-readable name.</param>
/// <param name="Description">A one-sentence explanation of what the segment says about the user.</param>
public sealed record SegmentDefinition(
    string Id,
    string Category,
    string? Subcategory,
    string DisplayName,
    string Description);
