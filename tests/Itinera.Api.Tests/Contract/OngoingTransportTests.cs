using System.Net;
using Itinera.Core.Driving;
using Itinera.Core.Timeline;
using Itinera.Storage.Resources;
using Itinera.Testing;

namespace Itinera.Api.Tests.Contract;

/// <summary>
/// Behaviour scores and annotations "are only available when the full trip is processed" (the reference's
/// data model; docs/api-decisions.md): a car transport still under way has neither, although the pipeline
/// keeps provisional ones for it.
/// </summary>
public sealed class OngoingTransportTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string OngoingCarId = "0ac0ffee9e1e0b140b3d531466f0b79811044bb22925ed0e4d420e3fa44d65d6";

    public static TheoryData<string, string> ScoreRoutes()
    {
        var data = new TheoryData<string, string>();
        foreach (var engine in new[] { "sqlite", "postgres" })
        {
            data.Add(engine, $"/v3/users/{{u}}/events/{OngoingCarId}/behavior_scores");
            data.Add(engine, $"/v3/users/{{u}}/events/{OngoingCarId}/behavior_annotations");
            data.Add(engine, "/v2/users/{u}/events/2026-03-02T08%3A20%3A14.000%2B01%3A00/behavior_scores");
            data.Add(engine, "/v2/users/{u}/events/2026-03-02T08%3A20%3A14.000%2B01%3A00/behavior_annotations");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScoreRoutes))]
    public async Task AnOngoingCarTransport_HasNoBehaviourScoresOrAnnotationsYet(string engine, string route)
    {
        var (server, world) = await fixture.GetAsync(engine);
        var user = (await server.Identity.CreateSdkUserAsync(world.AppId, null, null, ApiClient.Ct))!.Value.User;
        var start = DateTimeOffset.Parse("2026-03-02T08:20:14.000+01:00", System.Globalization.CultureInfo.InvariantCulture);
        var ongoing = new TimelineEvent(OngoingCarId, EventKind.Transport, start, null, SampleData.Zone, AnalysisType.Preliminary, null,
            new TransportDetails(TransportModes.Car, 6664, new BehaviorFeatures(0, 6649)));
        var boundary = new BehaviorAnnotation(AnnotationKind.Boundary, start, start.AddMinutes(10), null, null, 0, []);
        await server.Resources.SaveEventsAsync(user.UserId, [new StoredEvent(ongoing, null, SampleData.Scores, [boundary])], ApiClient.Ct);
        using var client = server.ClientWith(world.FullKey);

        var (status, body) = await client.GetJsonAsync(route.Replace("{u}", user.UserId, StringComparison.Ordinal));

        Assert.True(status == HttpStatusCode.NotFound, $"{route}: {(int)status} {body}");
        Assert.Equal("NOT_FOUND", body.Str("errorCode"));
    }
}
