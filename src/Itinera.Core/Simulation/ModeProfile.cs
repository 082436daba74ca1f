using Itinera.Core.Timeline;

namespace Itinera.Core.Simulation;

/// <summary>Kinematic parameters of a mode for one leg (speeds m/s, accelerations m/s², dwells s).</summary>
internal sealed record ModeProfile
{
    public double CruiseMetersPerSecond { get; init; }

    public bool UsesLimits { get; init; }

    /// <summary>Fraction of the speed limit kept when cruising (below 1: limits are respected).</summary>
    public double LimitFactor { get; init; } = 1;

    public double AccelerationMetersPerSecondSquared { get; init; }

    public double DecelerationMetersPerSecondSquared { get; init; }

    public double SharpTurnMetersPerSecond { get; init; }

    public double MildTurnMetersPerSecond { get; init; }

    /// <summary>Probability of stopping at an intersection (a traffic light or, on foot, a crossing of a major road).</summary>
    public double LightProbability { get; init; }

    public int LightDwellMinSeconds { get; init; }

    public int LightDwellMaxSeconds { get; init; }

    public int StopDwellMinSeconds { get; init; }

    public int StopDwellMaxSeconds { get; init; }

    public bool IsPedestrian { get; init; }

    public static ModeProfile For(string mode, SimulationRandom random) => mode switch
    {
        TransportModes.Walking => new ModeProfile
        {
            CruiseMetersPerSecond = random.Uniform(1.15, 1.5),
            AccelerationMetersPerSecondSquared = 0.7,
            DecelerationMetersPerSecondSquared = 1.0,
            LightProbability = 0.12,
            LightDwellMinSeconds = 5,
            LightDwellMaxSeconds = 30,
            IsPedestrian = true,
        },
        TransportModes.Running => new ModeProfile
        {
            CruiseMetersPerSecond = random.Uniform(2.5, 3.4),
            AccelerationMetersPerSecondSquared = 1.0,
            DecelerationMetersPerSecondSquared = 1.5,
            LightProbability = 0.08,
            LightDwellMinSeconds = 3,
            LightDwellMaxSeconds = 15,
            IsPedestrian = true,
        },
        TransportModes.Biking => new ModeProfile
        {
            CruiseMetersPerSecond = random.Uniform(4.2, 6.0),
            AccelerationMetersPerSecondSquared = 0.8,
            DecelerationMetersPerSecondSquared = 1.5,
            SharpTurnMetersPerSecond = 3.5,
            MildTurnMetersPerSecond = 4.5,
            LightProbability = 0.15,
            LightDwellMinSeconds = 3,
            LightDwellMaxSeconds = 25,
        },
        TransportModes.Car => new ModeProfile
        {
            CruiseMetersPerSecond = 45,
            UsesLimits = true,
            LimitFactor = random.Uniform(0.88, 0.97),
            AccelerationMetersPerSecondSquared = random.Uniform(1.3, 2.0),
            DecelerationMetersPerSecondSquared = random.Uniform(1.6, 2.4),
            SharpTurnMetersPerSecond = random.Uniform(4.5, 5.5),
            MildTurnMetersPerSecond = 9,
            LightProbability = 0.22,
            LightDwellMinSeconds = 5,
            LightDwellMaxSeconds = 45,
        },
        TransportModes.Bus => new ModeProfile
        {
            CruiseMetersPerSecond = 50 / 3.6,
            UsesLimits = true,
            LimitFactor = 0.92,
            AccelerationMetersPerSecondSquared = 1.0,
            DecelerationMetersPerSecondSquared = 1.2,
            SharpTurnMetersPerSecond = 4.0,
            MildTurnMetersPerSecond = 7,
            LightProbability = 0.15,
            LightDwellMinSeconds = 5,
            LightDwellMaxSeconds = 30,
            StopDwellMinSeconds = 8,
            StopDwellMaxSeconds = 30,
        },
        TransportModes.Tram => new ModeProfile
        {
            CruiseMetersPerSecond = 50 / 3.6,
            UsesLimits = true,
            LimitFactor = 0.95,
            AccelerationMetersPerSecondSquared = 1.0,
            DecelerationMetersPerSecondSquared = 1.1,
            SharpTurnMetersPerSecond = 4.5,
            MildTurnMetersPerSecond = 7,
            LightProbability = 0.08,
            LightDwellMinSeconds = 5,
            LightDwellMaxSeconds = 20,
            StopDwellMinSeconds = 12,
            StopDwellMaxSeconds = 30,
        },
        TransportModes.Subway => new ModeProfile
        {
            CruiseMetersPerSecond = 80 / 3.6,
            UsesLimits = true,
            LimitFactor = 0.95,
            AccelerationMetersPerSecondSquared = 1.1,
            DecelerationMetersPerSecondSquared = 1.1,
            StopDwellMinSeconds = 20,
            StopDwellMaxSeconds = 35,
        },
        _ => new ModeProfile
        {
            CruiseMetersPerSecond = 140 / 3.6,
            UsesLimits = true,
            LimitFactor = 0.95,
            AccelerationMetersPerSecondSquared = 0.5,
            DecelerationMetersPerSecondSquared = 0.6,
            StopDwellMinSeconds = 40,
            StopDwellMaxSeconds = 90,
        },
    };
}
