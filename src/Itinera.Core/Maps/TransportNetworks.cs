using Itinera.Core.Ingestion;

namespace Itinera.Core.Maps;

/// <summary>How a leg relates to the public-transport stops and tram tracks of a map (<see cref="TransportNetworks.Transit"/>).</summary>
/// <param name="TramTrackShare">Share of the leg's fixes (at most 60, evenly spread) within 25 m of a tram track.</param>
/// <param name="BusStopsPassed">Distinct bus stops the leg came within <see cref="TransportNetworks.StopMeters"/> of.</param>
/// <param name="BusStopsServed">Of those, the ones where it paused (a step slower than 0.5 m/s).</param>
/// <param name="TramStopsPassed">Distinct tram stops passed.</param>
/// <param name="TramStopsServed">Tram stops where it paused.</param>
/// <param name="Pauses">Pauses (runs of steps slower than 0.5 m/s).</param>
/// <param name="PausesAtStops">Pauses within <see cref="TransportNetworks.StopMeters"/> of a bus or tram stop.</param>
public readonly record struct TransitContext(
    double TramTrackShare, int BusStopsPassed, int BusStopsServed, int TramStopsPassed, int TramStopsServed, int Pauses, int PausesAtStops);

/// <summary>
/// The road and rail networks and the public-transport stops around a user's data, as context for transport modes:
/// how much of a leg runs along a road and how much along a railway (a car on a motorway and a train look alike
/// without it), and whether it halts at the bus and tram stops it passes (a bus and a car in town look alike without it).
/// </summary>
public sealed record TransportNetworks(RoadNetwork? Roads, RoadNetwork? Rails)
{
    /// <summary>A pause or a fix this close to a stop is at it, metres (GPS error in town, the stop's offset from the
    /// road's centre line, and where along the kerb a vehicle halts).</summary>
    public const double StopMeters = 30;

    /// <summary>A station is a node in the middle of platforms 100–300 m long: waiting within this distance of it is
    /// waiting at it, metres.</summary>
    public const double StationMeters = 100;

    /// <summary>Bus and tram stops and stations; null when the map has none (or predates their import).</summary>
    public TransitStopIndex? Stops { get; init; }

    /// <summary>A fix this close to a road or track is "along" it, metres (GPS error plus the width of the way).</summary>
    public const double AlongMeters = 25;

    private const int MaxSamples = 60;

    /// <summary>Builds the networks of an extract (null members where it has no roads or no railways).</summary>
    public static TransportNetworks From(MapExtract extract)
    {
        ArgumentNullException.ThrowIfNull(extract);
        return new TransportNetworks(
            extract.Roads.Count > 0 ? new RoadNetwork(extract.Roads) : null,
            extract.Railways.Count > 0 ? new RoadNetwork(extract.Railways) : null)
        {
            Stops = extract.TransitStops.Count > 0 ? new TransitStopIndex(extract.TransitStops) : null,
        };
    }

    /// <summary>Shares of the fixes [<paramref name="first"/>, <paramref name="last"/>] (at most 60, evenly spread)
    /// near a road and near a railway; NaN for a network that is missing.</summary>
    public (double RoadShare, double RailShare) Shares(Fix[] fixes, int first, int last)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        var count = last - first + 1;
        if (count <= 0)
        {
            return (double.NaN, double.NaN);
        }

        var step = Math.Max(1, count / MaxSamples);
        int samples = 0, road = 0, rail = 0;
        for (var i = first; i <= last; i += step)
        {
            samples++;
            if (Roads?.Nearest(fixes[i].Latitude, fixes[i].Longitude, AlongMeters) is not null)
            {
                road++;
            }

            if (Rails?.Nearest(fixes[i].Latitude, fixes[i].Longitude, AlongMeters) is not null)
            {
                rail++;
            }
        }

        return (Roads is null ? double.NaN : (double)road / samples, Rails is null ? double.NaN : (double)rail / samples);
    }

    /// <summary>Whether a position is where people wait for public transport: within <see cref="StopMeters"/> of a bus or
    /// tram stop or <see cref="StationMeters"/> of a railway or metro station (false without stops).</summary>
    public bool IsAtStop(double latitude, double longitude) =>
        Stops is not null
        && (Stops.Nearest(latitude, longitude, TransitStopKind.Bus, StopMeters) >= 0
            || Stops.Nearest(latitude, longitude, TransitStopKind.Tram, StopMeters) >= 0
            || Stops.Nearest(latitude, longitude, TransitStopKind.Train, StationMeters) >= 0
            || Stops.Nearest(latitude, longitude, TransitStopKind.Subway, StationMeters) >= 0);

    /// <summary>Whether two fixes lie near two different metro stations (within <see cref="StationMeters"/>): with a
    /// silence between them, a ride underground.</summary>
    public bool IsMetroHop(Fix from, Fix to)
    {
        if (Stops is null)
        {
            return false;
        }

        var a = Stops.Nearest(from.Latitude, from.Longitude, TransitStopKind.Subway, StationMeters);
        var b = Stops.Nearest(to.Latitude, to.Longitude, TransitStopKind.Subway, StationMeters);
        return a >= 0 && b >= 0 && a != b;
    }

    /// <summary>The kind of the nearest bus or tram stop within <see cref="StopMeters"/>, or null (none, or no stops).</summary>
    public TransitStopKind? StopKindAt(double latitude, double longitude)
    {
        if (Stops is null)
        {
            return null;
        }

        var bus = Stops.Nearest(latitude, longitude, TransitStopKind.Bus, StopMeters);
        var tram = Stops.Nearest(latitude, longitude, TransitStopKind.Tram, StopMeters);
        if (bus < 0 || tram < 0)
        {
            return bus >= 0 ? TransitStopKind.Bus : tram >= 0 ? TransitStopKind.Tram : null;
        }

        return Distance(Stops[bus]) <= Distance(Stops[tram]) ? TransitStopKind.Bus : TransitStopKind.Tram;

        double Distance(MapTransitStop stop) => Geo.GeoMath.ApproxDistanceMeters(latitude, longitude, stop.Latitude, stop.Longitude);
    }

    /// <summary>The leg's relation to tram tracks and to bus and tram stops (fixes [<paramref name="first"/>,
    /// <paramref name="last"/>]; <paramref name="stepSpeeds"/>[i] is the speed of the step into fix i).</summary>
    public TransitContext Transit(Fix[] fixes, int first, int last, Func<int, double> stepSpeeds)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        ArgumentNullException.ThrowIfNull(stepSpeeds);
        var count = last - first + 1;
        if (count <= 0)
        {
            return new TransitContext(double.NaN, 0, 0, 0, 0, 0, 0);
        }

        var tramShare = double.NaN;
        if (Rails is not null)
        {
            var step = Math.Max(1, count / MaxSamples);
            int samples = 0, tram = 0;
            Span<RoadPosition> near = stackalloc RoadPosition[4];
            for (var i = first; i <= last; i += step)
            {
                samples++;
                var found = Rails.Candidates(fixes[i].Latitude, fixes[i].Longitude, AlongMeters, near);
                for (var c = 0; c < found; c++)
                {
                    if (Rails.RoadOf(near[c].Segment).Highway == "railway:tram")
                    {
                        tram++;
                        break;
                    }
                }
            }

            tramShare = (double)tram / samples;
        }

        if (Stops is null)
        {
            return new TransitContext(tramShare, 0, 0, 0, 0, 0, 0);
        }

        var busPassed = new HashSet<int>();
        var tramPassed = new HashSet<int>();
        var busServed = new HashSet<int>();
        var tramServed = new HashSet<int>();
        int pauses = 0, pausesAtStops = 0;
        var pauseAtStop = false;
        var wasPaused = false;
        // Each fix's nearest stops, looked up once: a pause serves the stops of fixes already passed.
        var busAt = new int[last - first + 1];
        var tramAt = new int[last - first + 1];
        for (var i = first; i <= last; i++)
        {
            var bus = busAt[i - first] = Stops.Nearest(fixes[i].Latitude, fixes[i].Longitude, TransitStopKind.Bus, StopMeters);
            var tramStop = tramAt[i - first] = Stops.Nearest(fixes[i].Latitude, fixes[i].Longitude, TransitStopKind.Tram, StopMeters);
            if (bus >= 0)
            {
                busPassed.Add(bus);
            }

            if (tramStop >= 0)
            {
                tramPassed.Add(tramStop);
            }

            // A pause spans the fixes on either side of its slow steps.
            var paused = i > first && stepSpeeds(i) < 0.5;
            if (paused && !wasPaused)
            {
                pauses++;
                pauseAtStop = false;
                Serve(i - 1);
            }

            if (paused)
            {
                Serve(i);
            }

            wasPaused = paused;
        }

        return new TransitContext(tramShare, busPassed.Count, busServed.Count, tramPassed.Count, tramServed.Count, pauses, pausesAtStops);

        void Serve(int i)
        {
            var bus = busAt[i - first];
            var tramStop = tramAt[i - first];
            if (bus >= 0)
            {
                busServed.Add(bus);
            }

            if (tramStop >= 0)
            {
                tramServed.Add(tramStop);
            }

            if ((bus >= 0 || tramStop >= 0) && !pauseAtStop)
            {
                pauseAtStop = true;
                pausesAtStops++;
            }
        }
    }
}
