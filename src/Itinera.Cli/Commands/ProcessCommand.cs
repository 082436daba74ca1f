using System.CommandLine;
using Itinera.Core.Places.Geocoding;
using Itinera.Core.Timeline.Detection;
using Itinera.Storage.Identity;
using Itinera.Storage.Maps;
using Itinera.Storage.Processing;
using Itinera.Storage.Raw;
using Itinera.Storage.Resources;

namespace Itinera.Cli.Commands;

/// <summary><c>itinera process</c>: runs the timeline processor once over every user (or one) with new data.</summary>
internal static class ProcessCommand
{
    public static Command Create()
    {
        var user = new Option<string?>("--user") { Description = "Only this user." };
        var gazetteer = new Option<string?>("--gazetteer") { Description = "Folder of a GeoNames gazetteer (default: $ITINERA_GAZETTEER)." };
        var modeModel = new Option<string?>("--mode-model") { Description = "A learned mode classifier from 'itinera train modes' (default: the rules)." };
        var command = new Command("process", "Recompute the timelines of users with new data, once.") { user, gazetteer, modeModel };
        command.SetAction(async (result, ct) =>
        {
            await using var database = CliContext.OpenDatabase(result);
            await database.MigrateAsync(ct);
            var time = TimeProvider.System;
            var raw = new RawDataStore(database, time);
            var resources = new UserResourceStore(database);
            var maps = new MapStore(database, time);
            var processor = new TimelineProcessor(raw, resources, new IdentityStore(database, time),
                new ProcessingWorkList(database, time), time,
                Gazetteer.TryLoad(result.GetValue(gazetteer) ?? Environment.GetEnvironmentVariable("ITINERA_GAZETTEER")), TimelineOptions.Default with { ModeModel = ModeModel.LoadFile(result.GetValue(modeModel)) },
                new DrivingStage(maps, raw, resources), maps);
            var count = await processor.ProcessPendingAsync($"cli/{Environment.ProcessId}", result.GetValue(user)?.ToLowerInvariant(), ct: ct);
            CliContext.Print(result, new { processed_users = count }, $"Processed {count} user(s).");
            return 0;
        });
        return command;
    }
}
