using System.CommandLine;
using System.Data.Common;
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
    BenchCommand.Create(),
    ImportCommand.Create(),
    SimulateCommand.Create(),
    SimulateCommand.CreateMap(),
    EvalCommand.Create(),
    ProcessCommand.Create(),
    MapCommand.Create(),
    TrainCommand.Create(),
};

var parsed = root.Parse(args);
try
{
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is ArgumentException or DbException or InvalidOperationException or IOException or TimeoutException)
{
    // Operator errors (a bad --db, an unreachable server, a failed migration) get one line, not a stack trace.
    return CliContext.Fail(parsed, e.Message);
}
