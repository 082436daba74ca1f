using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Itinera.Core.Geo;
using Itinera.Core.Maps;
using Itinera.Storage.Processing;

namespace Itinera.Storage.Maps;

/// <summary>What an import stored and whom it affected.</summary>
public sealed record MapImportResult(long ImportId, int Roads, int Pois, int Tiles, int UsersMarkedForReprocessing, string? CountryCode)
{
    /// <summary>Railway tracks stored (context for transport modes).</summary>
    public int Railways { get; init; }

    /// <summary>Bus and tram stops and stations stored (context for transport modes; not counted in <see cref="Pois"/>).</summary>
    public int TransitStops { get; init; }
}

/// <summary>
/// Stores imported OSM roads and points of interest by tile, and loads the road network around a trip. Networks are
/// cached per process by (map version, tiles), so a node pays for building one only when the map changes or a trip
/// goes somewhere new.
/// </summary>
public sealed class MapStore(Database database, TimeProvider time)
{
    private const int MaxCachedNetworks = 64;
    private static readonly long NineWeeksMs = (long)TimeSpan.FromDays(63).TotalMilliseconds;
    private readonly ConcurrentDictionary<string, TransportNetworks> _networks = new(StringComparer.Ordinal);

    /// <summary>
    /// Stores an extract (a road or POI already stored under the same id is replaced) and marks for reprocessing every
    /// user whose last location lies within 50 km of it, from their first transport of the last nine weeks.
    /// </summary>
    public async Task<MapImportResult> ImportAsync(MapExtract extract, string source, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(extract);
        await using var c = await database.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var tiles = new HashSet<long>();
        foreach (var road in extract.Roads.Concat(extract.Railways))
        {
            var geometry = RoadGeometryCodec.Encode(road);
            foreach (var tile in MapTiles.KeysOf(road))
            {
                tiles.Add(tile);
                await c.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO map_roads (tile_key, way_id, highway, speed_limit_kmh, speed_limit_source, oneway, name, geometry)
                    VALUES (@tile, @wayId, @highway, @limit, @limitSource, @oneway, @name, @geometry)
                    ON CONFLICT (tile_key, way_id) DO UPDATE SET highway = excluded.highway, speed_limit_kmh = excluded.speed_limit_kmh,
                        speed_limit_source = excluded.speed_limit_source, oneway = excluded.oneway, name = excluded.name, geometry = excluded.geometry
                    """,
                    new
                    {
                        tile,
                        wayId = road.WayId,
                        highway = road.Highway,
                        limit = road.SpeedLimit.Kmh,
                        limitSource = (short)road.SpeedLimit.Source,
                        oneway = (short)road.Oneway,
                        name = road.Name,
                        geometry,
                    },
                    tx, cancellationToken: ct));
            }
        }

        // Stops are stored with the points of interest (a public_transport category), read back as mode context only.
        foreach (var poi in extract.Pois.Concat(extract.TransitStops.Select(s => s.ToPoi())))
        {
            var tile = MapTiles.KeyOf(poi.Latitude, poi.Longitude);
            tiles.Add(tile);
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO map_pois (tile_key, poi_id, latitude, longitude, name, categories)
                VALUES (@tile, @poiId, @lat, @lon, @name, @categories)
                ON CONFLICT (tile_key, poi_id) DO UPDATE SET latitude = excluded.latitude, longitude = excluded.longitude,
                    name = excluded.name, categories = excluded.categories
                """,
                new { tile, poiId = poi.PoiId, lat = poi.Latitude, lon = poi.Longitude, name = poi.Name, categories = string.Join('/', poi.CategoryHierarchy) },
                tx, cancellationToken: ct));
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var importId = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO map_imports (source, imported_at, min_latitude, min_longitude, max_latitude, max_longitude, country_code, road_count, poi_count)
            VALUES (@source, @now, @minLat, @minLon, @maxLat, @maxLon, @country, @roads, @pois)
            RETURNING import_id
            """,
            new
            {
                source,
                now,
                minLat = extract.MinLatitude,
                minLon = extract.MinLongitude,
                maxLat = extract.MaxLatitude,
                maxLon = extract.MaxLongitude,
                country = extract.CountryCode,
                roads = extract.Roads.Count,
                pois = extract.Pois.Count,
            },
            tx, cancellationToken: ct));

        var marked = await MarkAffectedUsersAsync(c, tx, extract, now, ct);
        await tx.CommitAsync(ct);
        return new MapImportResult(importId, extract.Roads.Count, extract.Pois.Count, tiles.Count, marked, extract.CountryCode) { Railways = extract.Railways.Count, TransitStops = extract.TransitStops.Count };
    }

    /// <summary>The current map version: the id of the latest import, 0 when no map was imported.</summary>
    public async Task<long> VersionAsync(CancellationToken ct = default)
    {
        await using var c = await database.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(import_id) FROM map_imports", cancellationToken: ct)) ?? 0;
    }

    /// <summary>
    /// The road network along a track (the tiles of <see cref="MapTiles.KeysAlong"/>), or null when no roads are stored
    /// there. Map matching on it gives what it gives on the network of the track's whole box, but a long diagonal trip
    /// loads a band of tiles instead of a square. Built once per map version and set of tiles.
    /// </summary>
    public async Task<RoadNetwork?> NetworkAlongAsync(IReadOnlyList<GeoPoint> points, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        return points.Count == 0 ? null : (await NetworksOfTilesAsync(MapTiles.KeysAlong(points), roadsOnly: true, ct))?.Roads;
    }

    /// <summary>The road and rail networks around a box (widened by about 1 km), or null without map data there.</summary>
    public Task<TransportNetworks?> NetworksAroundAsync(double minLatitude, double minLongitude, double maxLatitude, double maxLongitude, CancellationToken ct = default) =>
        NetworksOfTilesAsync(MapTiles.KeysCovering(minLatitude, minLongitude, maxLatitude, maxLongitude), roadsOnly: false, ct);

    /// <summary>The networks of the tiles; <paramref name="roadsOnly"/> (map matching) skips the railways and stops.</summary>
    private async Task<TransportNetworks?> NetworksOfTilesAsync(IReadOnlyList<long> keys, bool roadsOnly, CancellationToken ct)
    {
        var version = await VersionAsync(ct);
        if (version == 0)
        {
            return null;
        }

        var cacheKey = (roadsOnly ? "roads:" : "all:") + version + ":" + string.Join(',', keys);
        if (_networks.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }

        var all = await LoadRoadsAsync(keys, ct);
        var roads = all.Where(r => !IsRailway(r)).ToList();
        var rails = roadsOnly ? [] : all.Where(IsRailway).ToList();
        var stops = roadsOnly ? [] : await LoadTransitStopsAsync(keys, ct);
        var networks = roads.Count == 0 && rails.Count == 0
            ? null
            : new TransportNetworks(roads.Count > 0 ? new RoadNetwork(roads) : null, rails.Count > 0 ? new RoadNetwork(rails) : null)
            {
                Stops = stops.Count > 0 ? new TransitStopIndex(stops) : null,
            };
        if (networks is not null)
        {
            if (_networks.Count >= MaxCachedNetworks)
            {
                _networks.Clear();
            }

            _networks[cacheKey] = networks;
        }

        return networks;
    }

    private static bool IsRailway(MapRoad road) => road.Highway.StartsWith("railway:", StringComparison.Ordinal);

    /// <summary>The roads stored in the given tiles (a road in several tiles appears once).</summary>
    public async Task<IReadOnlyList<MapRoad>> LoadRoadsAsync(IReadOnlyList<long> tileKeys, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tileKeys);
        await using var c = await database.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<RoadRow>(new CommandDefinition(
            $"""
            SELECT way_id AS WayId, highway AS Highway, speed_limit_kmh AS SpeedLimitKmh, speed_limit_source AS SpeedLimitSource,
                   oneway AS Oneway, name AS Name, geometry AS Geometry
            FROM map_roads WHERE {TileFilter("tileKeys")}
            """,
            new { tileKeys = tileKeys.ToArray() }, cancellationToken: ct));
        var seen = new HashSet<long>();
        var roads = new List<MapRoad>();
        foreach (var row in rows)
        {
            if (!seen.Add(row.WayId))
            {
                continue;
            }

            var (ids, lats, lons) = RoadGeometryCodec.Decode(row.Geometry);
            roads.Add(new MapRoad(
                row.WayId, row.Highway, new SpeedLimit(row.SpeedLimitKmh, (SpeedLimitSource)row.SpeedLimitSource),
                (Oneway)row.Oneway, row.Name, ids, lats, lons));
        }

        return roads;
    }

    /// <summary>Points of interest within a box (public-transport stops excluded: they are not places people stay at).</summary>
    public async Task<IReadOnlyList<MapPoi>> PoisWithinAsync(double minLatitude, double minLongitude, double maxLatitude, double maxLongitude, CancellationToken ct = default)
    {
        var keys = MapTiles.KeysCovering(minLatitude, minLongitude, maxLatitude, maxLongitude, marginDegrees: 0);
        await using var c = await database.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<PoiRow>(new CommandDefinition(
            $"""
            SELECT poi_id AS PoiId, latitude AS Latitude, longitude AS Longitude, name AS Name, categories AS Categories
            FROM map_pois
            WHERE {TileFilter("keys")} AND latitude BETWEEN @minLatitude AND @maxLatitude AND longitude BETWEEN @minLongitude AND @maxLongitude
              AND categories NOT LIKE @stops
            """,
            new { keys = keys.ToArray(), minLatitude, maxLatitude, minLongitude, maxLongitude, stops = StopCategoryPattern }, cancellationToken: ct));
        return [.. rows.Select(r => new MapPoi(r.PoiId, r.Latitude, r.Longitude, r.Name, r.Categories.Split('/')))];
    }

    private const string StopCategoryPattern = MapTransitStop.CategoryRoot + "/%";

    /// <summary>The public-transport stops stored in the given tiles.</summary>
    public async Task<IReadOnlyList<MapTransitStop>> LoadTransitStopsAsync(IReadOnlyList<long> tileKeys, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tileKeys);
        await using var c = await database.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<PoiRow>(new CommandDefinition(
            $"""
            SELECT poi_id AS PoiId, latitude AS Latitude, longitude AS Longitude, name AS Name, categories AS Categories
            FROM map_pois WHERE {TileFilter("tileKeys")} AND categories LIKE @stops
            ORDER BY poi_id
            """,
            new { tileKeys = tileKeys.ToArray(), stops = StopCategoryPattern }, cancellationToken: ct));
        var stops = new List<MapTransitStop>();
        foreach (var row in rows)
        {
            if (MapTransitStop.FromPoi(new MapPoi(row.PoiId, row.Latitude, row.Longitude, row.Name, row.Categories.Split('/'))) is { } stop)
            {
                stops.Add(stop);
            }
        }

        return stops;
    }

    /// <summary>Dapper expands a list for SQLite's IN; PostgreSQL takes the array as one parameter.</summary>
    private string TileFilter(string parameter) =>
        database.Engine == DatabaseEngine.Postgres ? $"tile_key = ANY(@{parameter})" : $"tile_key IN @{parameter}";

    /// <summary>
    /// Queues every user whose last location lies within half a degree of the extract, from their first transport of the
    /// nine weeks before that location, in one statement however many users there are.
    /// </summary>
    private Task<int> MarkAffectedUsersAsync(DbConnection c, DbTransaction tx, MapExtract extract, long nowMs, CancellationToken ct)
    {
        const double MarginDegrees = 0.5;
        // The position lives only in the stored JSON body (LocationFix), so each engine reads it with its JSON functions.
        var (latitude, longitude) = database.Engine == DatabaseEngine.Postgres
            ? ("(l.body::jsonb ->> 'Latitude')::double precision", "(l.body::jsonb ->> 'Longitude')::double precision")
            : ("json_extract(l.body, '$.Latitude')", "json_extract(l.body, '$.Longitude')");
        // The WHERE clause also keeps SQLite from reading ON CONFLICT as a join constraint.
        return c.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO processing_queue (user_id, dirty_from_ms, dirty_to_ms, pending_items, updated_at)
            SELECT l.user_id, MIN(e.start_ms), l.timestamp_ms, 0, @nowMs
            FROM last_locations l
            JOIN events e ON e.user_id = l.user_id AND e.kind = 'Transport' AND e.start_ms >= l.timestamp_ms - @nineWeeksMs
            WHERE {latitude} BETWEEN @minLatitude AND @maxLatitude AND {longitude} BETWEEN @minLongitude AND @maxLongitude
            GROUP BY l.user_id, l.timestamp_ms
            {ProcessingWorkList.MergeChange}
            """,
            new
            {
                nowMs,
                nineWeeksMs = NineWeeksMs,
                minLatitude = extract.MinLatitude - MarginDegrees,
                maxLatitude = extract.MaxLatitude + MarginDegrees,
                minLongitude = extract.MinLongitude - MarginDegrees,
                maxLongitude = extract.MaxLongitude + MarginDegrees,
            },
            tx, cancellationToken: ct));
    }

    // Settable properties, so Dapper converts each engine's integer widths (SQLite gives Int64 for everything).
    private sealed class RoadRow
    {
        public long WayId { get; set; }
        public string Highway { get; set; } = "";
        public int? SpeedLimitKmh { get; set; }
        public short SpeedLimitSource { get; set; }
        public short Oneway { get; set; }
        public string? Name { get; set; }
        public byte[] Geometry { get; set; } = [];
    }

    private sealed class PoiRow
    {
        public string PoiId { get; set; } = "";
        public double Latitude { get; set; }
        public double Longitude { get; set; }
        public string? Name { get; set; }
        public string Categories { get; set; } = "";
    }
}
