namespace Itinera.Core.Identity;

/// <summary>Lifecycle state of an SDK user or install. Wire names are lower-case.</summary>
public static class UserState
{
    public const string Active = "active";
    public const string Disabled = "disabled";
    public const string Deleted = "deleted";
    public const string Deactivated = "deactivated";
}
