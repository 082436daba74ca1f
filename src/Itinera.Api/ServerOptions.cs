namespace Itinera.Api;

/// <summary>Settings of an Itinera server process.</summary>
public sealed class ServerOptions
{
    /// <summary><c>sqlite:PATH</c> or <c>postgres:CONNECTION_STRING</c>.</summary>
    public string Database { get; set; } = Itinera.Storage.Database.DefaultSpecification;

    /// <summary>Addresses to listen on, e.g. <c>http://127.0.0.1:5080</c>; port 0 picks a free port.</summary>
    public IReadOnlyList<string> Urls { get; set; } = ["http://127.0.0.1:5080"];

    /// <summary>Requests one application's API keys, one user, or one client address without a valid credential may make per second.</summary>
    public int RateLimitPerSecond { get; set; } = 1000;

    /// <summary>The largest request body Kestrel accepts; endpoints enforce their own smaller limits.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Apply pending migrations when the server starts.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Limits of one upload (body size, items per list).</summary>
    public Uploads.UploadLimits UploadLimits { get; set; } = new();

    /// <summary>Uploads that may wait to be stored; beyond it uploads answer 429.</summary>
    public int UploadQueueCapacity { get; set; } = 512;

    /// <summary>
    /// Items waiting for the timeline processor (all users) beyond which uploads answer 429; null for no bound.
    /// </summary>
    public long? MaxProcessingBacklogItems { get; set; } = 100_000_000;

    /// <summary>
    /// Folder of a GeoNames gazetteer (docs/gazetteer.md); null for none. Used to derive a user's time zone from
    /// position when the phone does not send one (and, later, addresses).
    /// </summary>
    public string? GazetteerFolder { get; set; }

    /// <summary>Run the background timeline processor in this process (several nodes may; they share the work safely).</summary>
    public bool ProcessTimelines { get; set; } = true;

    /// <summary>A learned mode classifier written by <c>itinera train modes</c>; null uses the rules (the default).</summary>
    public string? ModeModelPath { get; set; }

    /// <summary>How long SDK access tokens live.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(4);
}
