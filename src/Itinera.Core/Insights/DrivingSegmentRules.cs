using System.Globalization;
using Itinera.Core.Driving.Scoring;

namespace Itinera.Core.Insights;

/// <summary>The user's driving over the nine-week window: the summed features of their car transports, how many there
/// were, and how many of them had the phone in hand for at least a quarter of the trip (as a passenger's would).</summary>
public sealed record DrivingProfile(DriveFeatures Features, int CarTrips, int HandsOnPhoneTrips = 0)
{
    /// <summary>A trip counts in <see cref="HandsOnPhoneTrips"/> when the phone was handled this share of it.</summary>
    public const double HandsOnPhoneShare = 0.25;

    /// <summary>The profile of a set of car transports (all zones).</summary>
    public static DrivingProfile Of(IEnumerable<TransportFeatures> transports)
    {
        ArgumentNullException.ThrowIfNull(transports);
        var sum = DriveFeatures.Empty;
        var count = 0;
        var handsOn = 0;
        foreach (var t in transports)
        {
            sum = sum.Add(t.Features.All);
            count++;
            if (t.Features.All.DurationSeconds > 0 && t.Features.All.HandlingMilliseconds / 1000 >= HandsOnPhoneShare * t.Features.All.DurationSeconds)
            {
                handsOn++;
            }
        }

        return new DrivingProfile(sum, count, handsOn);
    }
}

/// <summary>
/// The driving-behaviour segments, from the driving detectors' features over nine weeks (docs/segments.md, "Driving
/// behaviour"): harsh accelerations and brakings per 100 km, their mean severity, harsh brakes around turns, the share
/// of time over the speed limit, and the share of driving time handling the phone. A user needs at least
/// <see cref="MinimumKilometres"/> km and <see cref="MinimumTrips"/> car trips with the measurement in question.
/// </summary>
public static class DrivingSegmentRules
{
    public const double MinimumKilometres = 50;
    public const int MinimumTrips = 8;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Every id these rules can assign.</summary>
    public static IReadOnlyList<string> Ids { get; } =
    [
        "driver_behavior.aggressive_driver", "mobility.driving.aggressive_driver",
        "driver_behavior.normal_driver",
        "driver_behavior.conservative",
        "driver_behavior.efficient_driver", "mobility.driving.efficient_driver",
        "driver_behavior.anticipative_driver", "mobility.driving.anticipative_driver",
        "driver_behavior.illegal_driver", "mobility.driving.illegal_driver",
        "driver_behavior.legal_driver", "mobility.driving.legal_driver",
        "driver_behavior.distracted_driver", "mobility.driving.distracted_driver",
        "mobility.focused_driver",
        "mobility.passenger",
    ];

    /// <summary>The driving-behaviour segments of a profile.</summary>
    public static List<UserSegment> Detect(DrivingProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var f = profile.Features;
        var segments = new List<UserSegment>();
        if (profile.CarTrips < MinimumTrips || f.DistanceMeters < MinimumKilometres * 1000)
        {
            return segments;
        }

        void Add(string explanation, params string[] ids) => segments.AddRange(ids.Select(id => new UserSegment(id, explanation)));

        var coveredKm = f.EventCoverageMeters / 1000;
        if (coveredKm >= MinimumKilometres)
        {
            var harsh = f.AccelerationCount + f.BrakeCount;
            var per100 = harsh * 100 / coveredKm;
            var severity = harsh == 0 ? 0 : (f.AccelerationSeverity + f.BrakeSeverity) / harsh;
            var rate = string.Create(Invariant, $"Because you braked or accelerated harshly about {per100:F1} times per 100 km over {coveredKm:F0} km");
            if (per100 >= 5)
            {
                Add(rate, "driver_behavior.aggressive_driver", "mobility.driving.aggressive_driver");
            }
            else if (per100 >= 1)
            {
                Add(rate, "driver_behavior.normal_driver");
            }
            else
            {
                Add(rate, "driver_behavior.conservative");
            }

            if (per100 < 2 && severity < 1.3)
            {
                Add(string.Create(Invariant, $"Because you rarely braked or accelerated harshly (about {per100:F1} times per 100 km), and gently when you did"),
                    "driver_behavior.efficient_driver", "mobility.driving.efficient_driver");
            }

            var turnPer100 = f.TurnAnticipationCount * 100 / coveredKm;
            if (f.BrakeCount * 100 / coveredKm < 1 && turnPer100 < 0.5)
            {
                Add(string.Create(Invariant, $"Because you braked harshly only about {f.BrakeCount * 100 / coveredKm:F1} times per 100 km and rarely around turns"),
                    "driver_behavior.anticipative_driver", "mobility.driving.anticipative_driver");
            }
        }

        if (f.LimitKnownSeconds >= 0.5 * f.DurationSeconds && f.LimitKnownSeconds > 0)
        {
            var share = f.SpeedingSeconds / f.LimitKnownSeconds;
            var text = string.Create(Invariant, $"Because you drove above the speed limit {share * 100:F1}% of the time");
            if (share >= 0.10)
            {
                Add(text, "driver_behavior.illegal_driver", "mobility.driving.illegal_driver");
            }
            else if (share <= 0.02)
            {
                Add(text, "driver_behavior.legal_driver", "mobility.driving.legal_driver");
            }
        }

        if (f.DurationSeconds > 0)
        {
            var handling = f.HandlingMilliseconds / 1000 / f.DurationSeconds;
            var text = string.Create(Invariant, $"Because you handled your phone {handling * 100:F1}% of your driving time");
            if (handling >= 0.05)
            {
                Add(text, "driver_behavior.distracted_driver", "mobility.driving.distracted_driver");
            }
            else if (handling <= 0.01)
            {
                Add(text, "mobility.focused_driver");
            }
        }

        // Drivers rarely hold the phone for long stretches; passengers do. A heuristic (documented as such): at least
        // a third of the car trips with the phone in hand for a quarter of the trip or more.
        if (profile.HandsOnPhoneTrips >= 3 && profile.HandsOnPhoneTrips >= profile.CarTrips / 3.0)
        {
            Add(string.Create(Invariant, $"Because you had your phone in hand for much of {profile.HandsOnPhoneTrips} of your {profile.CarTrips} car trips, as passengers do"),
                "mobility.passenger");
        }

        return segments;
    }
}
