using System.CommandLine;
using Itinera.Cli;
using Itinera.Cli.Commands;

var root = new RootCommand("Itinera: self-hostable mobility intelligence (timeline, driving behaviour, places, moments, segments).")
{
    CliContext.DatabaseOption,
    CliContext.JsonOption,
    ServeCommand.Create(),
    DatabaseCommands.Migrate(),
    IdentityCommands.Accounts(),
    IdentityCommands.Apps(),
    IdentityCommands.Keys(),
    IdentityCommands.Users(),
    IdentityCommands.ControlUsers(),
};

return await root.Parse(args).InvokeAsync();
