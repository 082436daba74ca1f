using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Itinera.Core.Maps;
using Itinera.Core.Places.Geocoding;
using Itinera.Storage.Maps;

namespace Itinera.Cli.Commands;

/// <summary><c>itinera map …</c>: OpenStreetMap data for map matching, speed limits and places.</summary>
internal static class MapCommand
{
    public static Command Create()
    {
        var map = new Command("map", "OpenStreetMap data: roads with speed limits, and points of interest.");
        map.Subcommands.Add(Import());
        return map;
    }

    private static Command Import()
    {
        var file = new Argument<FileInfo>("file") { Description = "An OSM extract: .osm.pbf or .osm (XML)." };
        var country = new Option<string?>("--country") { Description = "Country (ISO 3166 alpha-2) whose default speed limits apply to untagged roads; default: from the extract's implicit maxspeed tags, else the gazetteer." };
        var gazetteer = new Option<string?>("--gazetteer") { Description = "Folder of a GeoNames gazetteer (default: $ITINERA_GAZETTEER), used to find the country." };
        var command = new Command("import", "Import roads (class, speed limit, one-way) and points of interest, and mark affected users for reprocessing.")
        {
            file, country, gazetteer,
        };
        command.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                return CliContext.Fail(result, $"No such file: {path.FullName}");
            }

            var stopwatch = Stopwatch.StartNew();
            var fixedCountry = result.GetValue(country)?.ToUpperInvariant();
            var places = fixedCountry is null ? Gazetteer.TryLoad(result.GetValue(gazetteer) ?? Environment.GetEnvironmentVariable("ITINERA_GAZETTEER")) : null;
            MapExtract extract;
            try
            {
                extract = OsmExtractReader.Read(path.FullName, (lat, lon) => fixedCountry ?? places?.Nearest(lat, lon, Gazetteer.TimeZoneMaxDistanceMeters)?.CountryCode);
            }
            catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or InvalidOperationException or ArgumentException or ProtoBuf.ProtoException or EndOfStreamException)
            {
                return CliContext.Fail(result, $"{path.Name} is not a readable OSM extract: {e.Message}");
            }

            var readSeconds = stopwatch.Elapsed.TotalSeconds;
            await using var database = CliContext.OpenDatabase(result);
            await database.MigrateAsync(ct);
            var imported = await new MapStore(database, TimeProvider.System).ImportAsync(extract, path.Name, ct);
            var seconds = stopwatch.Elapsed.TotalSeconds;
            CliContext.Print(result,
                new
                {
                    import_id = imported.ImportId,
                    roads = imported.Roads,
                    pois = imported.Pois,
                    railways = imported.Railways,
                    transit_stops = imported.TransitStops,
                    tiles = imported.Tiles,
                    country_code = imported.CountryCode,
                    users_marked_for_reprocessing = imported.UsersMarkedForReprocessing,
                    read_seconds = Math.Round(readSeconds, 3),
                    seconds = Math.Round(seconds, 3),
                },
                string.Create(CultureInfo.InvariantCulture,
                    $"Imported {imported.Roads:N0} roads, {imported.Railways:N0} railways, {imported.TransitStops:N0} public-transport stops and {imported.Pois:N0} points of interest into {imported.Tiles} tiles (country {imported.CountryCode ?? "unknown"}) in {seconds:F2} s; {imported.UsersMarkedForReprocessing} user(s) marked for reprocessing."));
            return 0;
        });
        return command;
    }
}
