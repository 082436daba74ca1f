using System.Security.Cryptography;
using System.Text;
using Itinera.Core.Driving.Scoring;
using Itinera.Core.Geo;
using Itinera.Core.Ingestion;
using Itinera.Core.Maps;
using Itinera.Core.Places;
using Itinera.Core.Places.Detection;
using Itinera.Core.Places.Geocoding;
using Itinera.Core.Timeline;
using Itinera.Core.Timeline.Detection;
using Itinera.Storage.Identity;
using Itinera.Storage.Maps;
using Itinera.Storage.Raw;
using Itinera.Storage.Resources;

namespace Itinera.Storage.Processing;

/// <summary>
/// Recomputes users' timelines from their raw fixes: only the window new or late data touched (from the event
/// that was going on when the new data starts), replaced in one transaction. Deterministic: processing the
/// same data again gives the same events with the same ids.
/// </summary>
public sealed class TimelineProcessor(
    RawDataStore raw, UserResourceStore resources, IdentityStore identity, ProcessingWorkList work, TimeProvider time,
    Gazetteer? gazetteer, TimelineOptions options, DrivingStage? driving = null, MapStore? maps = null)
{
    private readonly InsightProcessor _insights = new(resources);

    /// <summary>How long a node holds a user before another may take over (a node that died).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>An event whose last fix is more recent than this is still going on (<c>end: null</c>).</summary>
    public static readonly TimeSpan OngoingWithin = TimeSpan.FromMinutes(10);

    /// <summary>Processes waiting users until none is left (or only <paramref name="userId"/>); returns how many were processed.</summary>
    public async Task<int> ProcessPendingAsync(string node, string? userId = null, int batch = 8, CancellationToken ct = default)
    {
        var processed = 0;
        while (true)
        {
            var claims = await work.ClaimAsync(node, Lease, batch, userId, ct);
            if (claims.Count == 0)
            {
                return processed;
            }

            foreach (var claim in claims)
            {
                var ongoing = await ProcessAsync(claim, ct);
                await work.CompleteAsync(claim, node, ct);
                if (ongoing is { } open)
                {
                    // Look again when the ongoing event ends unless more data comes (more data queues the user anyway),
                    // from where its data ends: the look then recomputes the window that data arriving after it would
                    // (the event going on an hour before), not also the events before the ongoing one began.
                    await work.ScheduleAsync(claim.UserId, open.DataEndMs, open.EndsAtMs, ct);
                }

                processed++;
            }
        }
    }

    /// <summary>Recomputes a claimed user's window; returns the event still going on, if any: when its data ends and
    /// when it ends if no more data comes.</summary>
    private async Task<(long DataEndMs, long EndsAtMs)?> ProcessAsync(ProcessingClaim claim, CancellationToken ct)
    {
        var user = await identity.FindSdkUserAsync(claim.UserId, ct);
        if (user is null)
        {
            return null;
        }

        // Start at the event that was going on just before the new data, so it can grow or split.
        var from = claim.DirtyFromMs - (long)TimeSpan.FromHours(1).TotalMilliseconds;
        from = Math.Min(from, await resources.FindStartOfEventAtAsync(user.UserId, from, ct) ?? from);
        var fixes = await raw.ReadFixesAsync(user.UserId, from, long.MaxValue / 4, int.MaxValue, ct);
        var activities = await raw.ReadActivitiesAsync(user.UserId, from, long.MaxValue / 4, ct);
        var cleaned = FixCleaner.Clean(fixes, options);
        var timelineOptions = await WithMapContextAsync(cleaned, ct);
        var segments = TimelineBuilder.Build(cleaned, activities, timelineOptions);
        var zone = user.TimeZoneId ?? Core.Time.TimeZones.Utc;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();

        // Places from the stays of the last nine weeks (earlier stays kept, the window's recomputed), so the
        // cost is bounded whatever the history.
        var history = await resources.ListStayVisitsAsync(user.UserId, Math.Min(from, now) - (long)PlaceHistory.TotalMilliseconds, from, ct);
        var visits = history
            .Concat(segments.Where(s => s.Kind == EventKind.Stationary).Select(s => new StayVisit(s.StartMs, s.EndMs, s.Latitude, s.Longitude)))
            .ToList();
        var places = PlaceDetector.Detect(visits, zone);
        var pois = await PoisAroundAsync(segments, places, ct);

        var events = new List<StoredEvent>(segments.Count);
        (long DataEndMs, long EndsAtMs)? open = null;
        for (var i = 0; i < segments.Count; i++)
        {
            var ongoing = i == segments.Count - 1 && now - segments[i].EndMs < (long)OngoingWithin.TotalMilliseconds;
            if (ongoing)
            {
                open = (segments[i].EndMs, segments[i].EndMs + (long)OngoingWithin.TotalMilliseconds);
            }

            var significance = segments[i].Kind == EventKind.Stationary
                ? PlaceDetector.PlaceOf(places, segments[i].Latitude, segments[i].Longitude)?.Significance ?? Significances.New
                : null;
            var stored = ToEvent(user.UserId, segments[i], cleaned, zone, ongoing, significance, pois);
            if (driving is not null && segments[i].Kind == EventKind.Transport)
            {
                var legFixes = new ArraySegment<Fix>(cleaned, segments[i].FirstFix, segments[i].LastFix - segments[i].FirstFix + 1);
                // The window's road network covers each of its transports: no second load per transport.
                stored = await driving.AnalyzeAsync(user.UserId, stored, legFixes, timelineOptions.Networks?.Roads, ct);
            }

            events.Add(stored);
        }

        await resources.ReplaceEventsFromAsync(user.UserId, from, events, ct);
        IReadOnlyList<TransportFeatures>? carTrips = null;
        if (driving is not null)
        {
            carTrips = await driving.RefreshAggregatesAsync(user.UserId, from, ct);
        }

        await resources.ReplaceLocationClustersAsync(user.UserId, [.. places.Select(p => ToCluster(p, zone, pois))], ct);

        // Insights as of the newest data: now while it is live, the end of the data for an import of the past.
        if (segments.Count > 0)
        {
            await _insights.UpdateAsync(user.UserId, zone, from, DateTimeOffset.FromUnixTimeMilliseconds(Math.Min(now, segments[^1].EndMs)), carTrips, ct);
        }

        return open;
    }

    /// <summary>Windows whose box exceeds this many square degrees (100 map tiles) get no map context for modes.</summary>
    public const double MaxMapContextSquareDegrees = 1.0;

    /// <summary>How far back stays count for finding the user's places.</summary>
    public static readonly TimeSpan PlaceHistory = TimeSpan.FromDays(63);

    /// <summary>The timeline options with the roads and railways around the fixes as context for modes, when a map was imported.</summary>
    private async Task<TimelineOptions> WithMapContextAsync(Fix[] fixes, CancellationToken ct)
    {
        if (maps is null || fixes.Length == 0 || options.Networks is not null)
        {
            return options;
        }

        double minLat = 90, minLon = 180, maxLat = -90, maxLon = -180;
        foreach (var f in fixes)
        {
            (minLat, maxLat) = (Math.Min(minLat, f.Latitude), Math.Max(maxLat, f.Latitude));
            (minLon, maxLon) = (Math.Min(minLon, f.Longitude), Math.Max(maxLon, f.Longitude));
        }

        // A window spanning a region (a long trip, a first import) would load a map of the region: go without.
        if ((maxLat - minLat) * (maxLon - minLon) > MaxMapContextSquareDegrees)
        {
            return options;
        }

        var networks = await maps.NetworksAroundAsync(minLat, minLon, maxLat, maxLon, ct);
        return networks is null ? options : options with { Networks = networks };
    }

    /// <summary>The imported points of interest around the window's stays and the user's places (none without a map).</summary>
    private async Task<IReadOnlyList<MapPoi>> PoisAroundAsync(IReadOnlyList<TimelineSegment> segments, IReadOnlyList<DetectedPlace> places, CancellationToken ct)
    {
        var points = segments.Where(s => s.Kind == EventKind.Stationary).Select(s => (s.Latitude, s.Longitude))
            .Concat(places.Select(p => (p.Latitude, p.Longitude))).ToList();
        if (maps is null || points.Count == 0)
        {
            return [];
        }

        const double Margin = 0.001; // about 100 m, more than NearbyPlaces.MaxDistanceMeters
        return await maps.PoisWithinAsync(points.Min(p => p.Latitude) - Margin, points.Min(p => p.Longitude) - Margin * 2,
            points.Max(p => p.Latitude) + Margin, points.Max(p => p.Longitude) + Margin * 2, ct);
    }

    private LocationCluster ToCluster(DetectedPlace p, string zone, IReadOnlyList<MapPoi> pois)
    {
        var place = gazetteer?.Nearest(p.Latitude, p.Longitude);
        var address = place is null ? null : new Address(place.CountryName, place.Name, null);
        var id = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Math.Round(p.Latitude, 4)},{Math.Round(p.Longitude, 4)}");
        var candidate = NearbyPlaces.At(pois, p.Latitude, p.Longitude);
        var isPoi = candidate is not null && p.Significance is not (Significances.Home or Significances.Work);
        return new LocationCluster(id, p.Latitude, p.Longitude, p.RadiusMeters, DateTimeOffset.FromUnixTimeMilliseconds(p.LastVisitMs), zone, isPoi,
            p.Significance, address, candidate);
    }

    private StoredEvent ToEvent(string userId, TimelineSegment s, Fix[] fixes, string zone, bool ongoing, string? significance, IReadOnlyList<MapPoi> pois)
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(s.StartMs);
        DateTimeOffset? end = ongoing ? null : DateTimeOffset.FromUnixTimeMilliseconds(s.EndMs);
        var analysis = ongoing ? AnalysisType.Preliminary : AnalysisType.Processed;
        if (s.Kind == EventKind.Stationary)
        {
            var place = gazetteer?.Nearest(s.Latitude, s.Longitude);
            var address = place is null ? null : new Address(place.CountryName, place.Name, place.CityType);
            var id = new Guid(Hash(userId, "stay", s.StartMs).AsSpan(0, 16)).ToString();
            return new StoredEvent(new TimelineEvent(id, EventKind.Stationary, start, end, zone, analysis,
                new StationaryDetails(s.Latitude, s.Longitude, significance ?? Significances.NonRegular, NearbyPlaces.At(pois, s.Latitude, s.Longitude), address), null));
        }

        var transportId = Convert.ToHexStringLower(Hash(userId, "transport", s.StartMs));
        var features = s.Mode == TransportModes.Car ? new BehaviorFeatures(-1, -1) : null;
        var trajectory = Trajectory(fixes, s.FirstFix, s.LastFix);

        // The transport's distance is the sum of its waypoints' distances, so the two never disagree.
        var meters = trajectory.Waypoints.Sum(w => w.DistanceMeters);
        var ev = new TimelineEvent(transportId, EventKind.Transport, start, end, zone, analysis, null,
            new TransportDetails(s.Mode ?? TransportModes.InsufficientData, (long)Math.Round(meters), features));
        return new StoredEvent(ev, trajectory);
    }

    /// <summary>The cleaned path: each waypoint with the speed (km/h) and distance (m) to the next one, and its polyline.</summary>
    private static Trajectory Trajectory(Fix[] fixes, int first, int last)
    {
        var waypoints = new List<TrajectoryWaypoint>(last - first + 1);
        for (var i = first; i <= last; i++)
        {
            var f = fixes[i];
            double meters = 0, kmh = 0;
            if (i < last)
            {
                meters = GeoMath.DistanceMeters(f.Latitude, f.Longitude, fixes[i + 1].Latitude, fixes[i + 1].Longitude);
                var seconds = (fixes[i + 1].TimestampMs - f.TimestampMs) / 1000.0;
                kmh = seconds > 0 ? meters / seconds * 3.6 : 0;
            }

            waypoints.Add(new TrajectoryWaypoint(f.Latitude, f.Longitude, DateTimeOffset.FromUnixTimeMilliseconds(f.TimestampMs), null, kmh, meters, null));
        }

        var encoded = EncodedPolyline.Encode(waypoints.Select(w => (w.Latitude, w.Longitude)));
        return new Trajectory(waypoints, encoded);
    }

    private static byte[] Hash(string userId, string kind, long startMs) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{userId}|{kind}|{startMs}")));
}
