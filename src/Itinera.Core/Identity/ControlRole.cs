namespace Itinera.Core.Identity;

/// <summary>
/// Roles of a control (dashboard) user on its account. <c>basic</c> reaches only itself;
/// <c>spectator</c> reads every user of every application of the account; <c>developer</c> has
/// spectator rights plus application administration.
/// </summary>
public enum ControlRole
{
    Basic,
    Spectator,
    Developer,
}

/// <summary>Wire names of <see cref="ControlRole"/>.</summary>
public static class ControlRoles
{
    public static string ToWire(this ControlRole role) => role switch
    {
        ControlRole.Basic => "basic",
        ControlRole.Spectator => "spectator",
        ControlRole.Developer => "developer",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static ControlRole? Parse(string value) => value.Trim().ToLowerInvariant() switch
    {
        "basic" => ControlRole.Basic,
        "spectator" => ControlRole.Spectator,
        "developer" => ControlRole.Developer,
        _ => null,
    };

    /// <summary>True when the role may read users other than itself.</summary>
    public static bool ReadsWholeAccount(this ControlRole role) => role is ControlRole.Spectator or ControlRole.Developer;
}
