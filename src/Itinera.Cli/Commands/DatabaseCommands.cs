using System.CommandLine;

namespace Itinera.Cli.Commands;

/// <summary><c>itinera migrate</c>: applies the versioned migrations of the selected engine.</summary>
internal static class DatabaseCommands
{
    public static Command Migrate()
    {
        var command = new Command("migrate", "Create or upgrade the database schema.");
        command.SetAction(async (result, ct) =>
        {
            await using var database = CliContext.OpenDatabase(result);
            var applied = await database.MigrateAsync(ct);
            CliContext.Print(result, new { database = database.Description, applied },
                applied.Count == 0 ? $"{database.Description} is up to date." : $"Applied {applied.Count} migration(s) to {database.Description}: {string.Join(", ", applied)}");
            return 0;
        });
        return command;
    }
}
