namespace Itinera.Core.Timeline.Detection;

/// <summary>
/// Thresholds of the timeline engine. Defaults start from the peers' (trackintel: 100 m, 5 min) and are
/// tuned on data; every figure in docs/accuracy.md names the options it ran with.
/// </summary>
public sealed record TimelineOptions
{
    /// <summary>Fixes less accurate than this are dropped.</summary>
    public double MaxAccuracyMeters { get; init; } = 200;

    /// <summary>Faster than this between two fixes is a jump, not a movement (airliners stay below).</summary>
    public double MaxSpeedMetersPerSecond { get; init; } = 300;

    /// <summary>A stay's fixes lie within this distance of its centre.</summary>
    public double StayRadiusMeters { get; init; } = 100;

    /// <summary>A stay lasts at least this long.</summary>
    public TimeSpan MinStayDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A stay whose still part (after the walks at its edges went to the trips) is shorter than this is no stay: its
    /// cluster was a slow passage, and its fixes stay in the movement.
    /// </summary>
    public TimeSpan MinStillStayDuration { get; init; } = TimeSpan.FromMinutes(2.5);

    /// <summary>Two stays this close, separated by a movement shorter than <see cref="MergeGapDuration"/>, are one stay.</summary>
    public double MergeStayDistanceMeters { get; init; } = 150;

    public TimeSpan MergeGapDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>A movement shorter than this (in path length) between two stays is GPS noise, not a trip.</summary>
    public double MinTransportDistanceMeters { get; init; } = 200;

    /// <summary>Fixes slower than this are on foot or stopped; faster ones are riding.</summary>
    public double WalkSpeedMetersPerSecond { get; init; } = 2.3;

    /// <summary>A walk inside a trip lasts at least this long to split the trip.</summary>
    public TimeSpan MinWalkDuration { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>… and covers at least this distance (a vehicle waiting at lights covers none).</summary>
    public double MinWalkDistanceMeters { get; init; } = 60;

    /// <summary>A ride shorter than this is absorbed into its neighbours.</summary>
    public TimeSpan MinRideDuration { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Inside a movement, a silence longer than this (phone off, no signal, a trajectory file ending) breaks
    /// it: what happened in between is unknown and no event is made up for it.
    /// </summary>
    public TimeSpan MaxTransportGap { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>A step longer than this counts as a signal gap in a leg's features.</summary>
    public TimeSpan SignalGap { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>A stay this short between a walk and a public-transport ride (or inside one ride) is a wait, part of the journey.</summary>
    public TimeSpan MaxTransitWait { get; init; } = TimeSpan.FromMinutes(12);

    /// <summary>
    /// A stay this short between two stretches of one train ride is the train standing in a station: long-distance
    /// trains stand 20–35 minutes at major stations, and a passenger aboard has visited no place.
    /// </summary>
    public TimeSpan MaxTrainStationStop { get; init; } = TimeSpan.FromMinutes(40);

    /// <summary>
    /// A walk this short (and at most <see cref="MaxPlatformWalkMeters"/> long) between two stretches of one train ride
    /// is a passenger on the platform (or a still phone's jitter) while the train stands, not a change of train.
    /// </summary>
    public TimeSpan MaxPlatformWalk { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A stretch at walking or running speed this short between two stretches of the same car, motorcycle or bike, with no
    /// stop between them, is the vehicle crawling (a jam, a bike pushed across a junction), not a walk.
    /// </summary>
    public TimeSpan MaxCrawlOnFoot { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>See <see cref="MaxPlatformWalk"/>, metres walked.</summary>
    public double MaxPlatformWalkMeters { get; init; } = 300;

    /// <summary>Fixes at a stay's edges farther than this from its centre, while moving, belong to the trip, metres.</summary>
    public double StayEdgeRadiusMeters { get; init; } = 30;

    /// <summary>Moving, for <see cref="StayEdgeRadiusMeters"/>: a step speed of at least this, m/s.</summary>
    public double StayEdgeSpeedMetersPerSecond { get; init; } = 0.6;

    /// <summary>Roads and railways around the data (from an imported map) as context for modes; null without a map.</summary>
    public Maps.TransportNetworks? Networks { get; init; }

    /// <summary>A learned mode classifier (<c>itinera train modes</c>); null (the default) uses the rules alone.</summary>
    public ModeModel? ModeModel { get; init; }

    public static TimelineOptions Default { get; } = new();
}
