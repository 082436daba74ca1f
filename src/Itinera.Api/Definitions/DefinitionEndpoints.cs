using Itinera.Core.Catalogues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Itinera.Api.Definitions;

/// <summary>The catalogues of segment and moment definitions; they need no authentication.</summary>
public static class DefinitionEndpoints
{
    private static readonly IReadOnlyList<DefinitionResponse> Segments =
        [.. SegmentCatalogue.All.Select(static d => new DefinitionResponse("SegmentDefinition", d.Id, d.DisplayName, d.Description))];

    private static readonly IReadOnlyList<DefinitionResponse> Moments =
        [.. MomentCatalogue.All.Select(static d => new DefinitionResponse("MomentDefinition", d.Id, d.DisplayName, d.Description))];

    public static IEndpointRouteBuilder MapDefinitionEndpoints(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/v2").WithTags("Definitions");
        v2.MapGet("/segment_definitions", GetSegmentDefinitions).WithName("GetSegmentDefinitions");
        v2.MapGet("/moment_definitions", GetMomentDefinitions).WithName("GetMomentDefinitions");
        return app;
    }

    private static Ok<IReadOnlyList<DefinitionResponse>> GetSegmentDefinitions() => TypedResults.Ok(Segments);

    private static Ok<IReadOnlyList<DefinitionResponse>> GetMomentDefinitions() => TypedResults.Ok(Moments);
}

/// <summary>A segment or moment definition on the wire.</summary>
public sealed record DefinitionResponse(string Type, string Id, string DisplayName, string Description);
