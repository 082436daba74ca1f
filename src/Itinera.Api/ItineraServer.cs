using System.Text.Json;
using System.Threading.RateLimiting;
using Itinera.Api.Auth;
using Itinera.Api.Definitions;
using Itinera.Api.Driving;
using Itinera.Api.Http;
using Itinera.Api.Insights;
using Itinera.Api.Places;
using Itinera.Api.Sdk;
using Itinera.Api.Timeline;
using Itinera.Api.Uploads;
using Itinera.Api.Users;
using Itinera.Storage;
using Itinera.Storage.Identity;
using Itinera.Storage.Maps;
using Itinera.Storage.Processing;
using Itinera.Storage.Raw;
using Itinera.Storage.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scalar.AspNetCore;

namespace Itinera.Api;

/// <summary>Composes the Itinera HTTP server: services, error pipeline, rate limiting, routes and OpenAPI.</summary>
public static class ItineraServer
{
    /// <summary>Concurrent upload writers on PostgreSQL (measured in docs/benchmarks.md).</summary>
    public const int PostgresUploadWriters = 2;

    /// <summary>Builds (without starting) a server for <paramref name="options"/>.</summary>
    public static WebApplication Build(ServerOptions options, TimeProvider? time = null, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            k.AddServerHeader = false;
        });
        logging?.Invoke(builder.Logging);

        var clock = time ?? TimeProvider.System;
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(_ => Database.Open(options.Database));
        builder.Services.AddSingleton(sp => new IdentityStore(sp.GetRequiredService<Database>(), clock)
        {
            AccessTokenLifetime = options.AccessTokenLifetime,
        });
        builder.Services.AddSingleton<UserResourceStore>();
        builder.Services.AddSingleton<CallerResolver>();
        builder.Services.AddSingleton(sp => new RawDataStore(sp.GetRequiredService<Database>(), clock));
        builder.Services.AddSingleton(options.UploadLimits);
        builder.Services.AddSingleton(sp => new UploadWriter(
            sp.GetRequiredService<RawDataStore>(), sp.GetRequiredService<ILogger<UploadWriter>>(), options.UploadQueueCapacity,
            sp.GetRequiredService<Database>().Engine == DatabaseEngine.Postgres ? PostgresUploadWriters : 1));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UploadWriter>());
        var gazetteer = Core.Places.Geocoding.Gazetteer.TryLoad(options.GazetteerFolder);
        var timelineOptions = Core.Timeline.Detection.TimelineOptions.Default with { ModeModel = Core.Timeline.Detection.ModeModel.LoadFile(options.ModeModelPath) };
        builder.Services.AddSingleton(new TimeZoneResolver(gazetteer));
        builder.Services.AddSingleton(sp => new ProcessingWorkList(sp.GetRequiredService<Database>(), clock));
        builder.Services.AddSingleton(sp => new MapStore(sp.GetRequiredService<Database>(), clock));
        builder.Services.AddSingleton(sp => new DrivingStage(
            sp.GetRequiredService<MapStore>(), sp.GetRequiredService<RawDataStore>(), sp.GetRequiredService<UserResourceStore>()));
        builder.Services.AddSingleton(sp => new TimelineProcessor(
            sp.GetRequiredService<RawDataStore>(), sp.GetRequiredService<UserResourceStore>(), sp.GetRequiredService<IdentityStore>(),
            sp.GetRequiredService<ProcessingWorkList>(), clock, gazetteer, timelineOptions,
            sp.GetRequiredService<DrivingStage>(), sp.GetRequiredService<MapStore>()));
        if (options.ProcessTimelines)
        {
            builder.Services.AddHostedService<TimelineWorker>();
        }

        builder.Services.AddSingleton(sp => new ProcessingBacklog(sp.GetRequiredService<Database>(), clock, options.MaxProcessingBacklogItems));
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.DictionaryKeyPolicy = null;
            // Bodies are application/json, never HTML: no need to escape apostrophes and angle brackets.
            json.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        builder.Services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Itinera API";
                document.Info.Description =
                    "Mobility intelligence: timeline, trajectories, driving behaviour, places, moments, segments and anomalies. " +
                    "Authenticate with 'Authorization: Bearer <API key or user token>'.";
                return Task.CompletedTask;
            });
        });
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var partition = RateLimitKey.For(CallerResolver.ResolvedCaller(http), http.Connection.RemoteIpAddress);
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.RateLimitPerSecond,
                    Window = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, _) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
                await new ApiError(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
                    "Too many requests; retry after the number of seconds in Retry-After.")
                { RetryAfterSeconds = retry }
                    .ExecuteAsync(context.HttpContext);
            };
        });

        var app = builder.Build();
        app.UseItineraErrors();
        // The limiter counts per identity, so the credential is resolved before it; endpoint filters reuse
        // the cached result. An invalid credential thus costs one indexed lookup even when the request is refused.
        app.Use(async (http, next) =>
        {
            if (http.Request.Headers.Authorization.Count > 0)
            {
                await http.RequestServices.GetRequiredService<CallerResolver>().ResolveAsync(http);
            }

            await next(http);
        });
        app.UseRateLimiter();

        app.MapOpenApi("/openapi.json");
        // The reference page (served offline from the package) loads the document relative to itself.
        app.MapOpenApi("/docs/openapi.json").ExcludeFromDescription();
        app.MapScalarApiReference("/docs", o => o.WithTitle("Itinera API").WithOpenApiRoutePattern("openapi.json"));

        app.MapDefinitionEndpoints();
        app.MapUserEndpoints();
        app.MapControlAuthEndpoints();
        app.MapSdkEndpoints();
        app.MapEventEndpoints();
        app.MapInsightEndpoints();
        app.MapPlaceEndpoints();
        app.MapDrivingEndpoints();
        app.MapUploadEndpoints();

        app.Map("/v1/{**rest}", () => new ApiError(StatusCodes.Status410Gone, ErrorCodes.ApiVersionGone,
            "API v1 has been retired; use /v2 or /v3.")).ExcludeFromDescription();

        if (options.MigrateOnStart)
        {
            app.Services.GetRequiredService<Database>().MigrateAsync().GetAwaiter().GetResult();
        }

        return app;
    }

    /// <summary>The addresses the started server listens on (with the real ports when port 0 was asked for).</summary>
    public static IReadOnlyList<string> ListeningUrls(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return [.. app.Urls];
    }
}
