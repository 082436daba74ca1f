using Itinera.Core.Ingestion;
using Itinera.Core.Timeline;

namespace Itinera.Core.Simulation;

/// <summary>
/// Turns true positions into what a phone reports. GPS: accuracy 3–10 m outdoors (worse in vehicles, much worse
/// in the urban canyon of the centre and for the first seconds after leaving a building), position error a
/// first-order Gauss–Markov process per axis with σ = accuracy / 2 and correlation 0.9 between 1 Hz fixes;
/// indoor fixes every 1–5 minutes with 10–45 m accuracy. Activity recognition about every 30 s while moving
/// (every 3–6 minutes after the first three minutes of a stay) with about 10 % confusions. Screen on/off while
/// awake during stays. One instance per user; <see cref="Random"/> is the current day's generator.
/// </summary>
internal sealed class SensorModel(SyntheticCity city, DayBuffer buffer, LocalClock clock)
{
    private const double Correlation = 0.9;
    private static readonly double Innovation = Math.Sqrt(1 - Correlation * Correlation);
    private static readonly ActivityType[] StillConfusions = [ActivityType.Tilting, ActivityType.Unknown, ActivityType.Walking];
    private static readonly ActivityType[] WalkingConfusions = [ActivityType.Running, ActivityType.Still, ActivityType.OnBicycle, ActivityType.Unknown];
    private static readonly ActivityType[] RunningConfusions = [ActivityType.Walking, ActivityType.OnBicycle];
    private static readonly ActivityType[] BikeConfusions = [ActivityType.InVehicle, ActivityType.Walking, ActivityType.Unknown];
    private static readonly ActivityType[] VehicleConfusions = [ActivityType.OnBicycle, ActivityType.Still, ActivityType.Unknown, ActivityType.Tilting];

    private readonly double _canyonRadiusSquared = SyntheticCity.UrbanCanyonRadiusMeters * SyntheticCity.UrbanCanyonRadiusMeters;
    private readonly double _centreMetersPerDegreeLongitude = Geodesy.MetersPerDegreeLongitude(city.CentreLatitude);

    private double _noiseEast;
    private double _noiseNorth;
    private double _legAccuracy;
    private double _canyonExtra;
    private double _metersPerDegreeLongitude;
    private int _secondsIntoLeg;
    private bool _coldStart;
    private long _nextActivityMs;
    private double _stayLatitude;
    private double _stayLongitude;
    private long _nextStayFixMs;
    private long _nextStayActivityMs;
    private long _stayArrivalMs;
    private long _nextScreenMs;

    public SimulationRandom Random { get; set; } = null!;

    /// <summary>Prepares the GPS and activity state for a leg starting at <paramref name="startMs"/>.</summary>
    /// <param name="afterStay">True when the leg starts right after a stay (cold GPS start).</param>
    public void BeginLeg(string mode, long startMs, double latitude, bool afterStay)
    {
        var random = Random;
        _legAccuracy = mode switch
        {
            TransportModes.Car => random.Uniform(3, 7),
            TransportModes.Bus or TransportModes.Tram => random.Uniform(5, 10),
            TransportModes.Train => random.Uniform(6, 14),
            _ => random.Uniform(3, 8),
        };
        _canyonExtra = random.Uniform(6, 20);
        _metersPerDegreeLongitude = Geodesy.MetersPerDegreeLongitude(latitude);
        _noiseEast = random.Gaussian(0, _legAccuracy / 2);
        _noiseNorth = random.Gaussian(0, _legAccuracy / 2);
        _secondsIntoLeg = 0;
        _coldStart = afterStay;
        _nextActivityMs = Math.Max(_nextActivityMs, startMs + (long)random.Uniform(5_000, 30_000));
    }

    /// <summary>Records one second of movement at a true position; <paramref name="emitFix"/> is false in gaps and underground.</summary>
    /// <param name="speedMetersPerSecond">True speed, m/s.</param>
    /// <param name="bearingDegrees">True heading, degrees.</param>
    public void Moving(long timestampMs, double latitude, double longitude, double speedMetersPerSecond, double bearingDegrees, string mode, bool emitFix)
    {
        var random = Random;
        _secondsIntoLeg++;
        if (emitFix)
        {
            var dy = (latitude - city.CentreLatitude) * Geodesy.MetersPerDegreeLatitude;
            var dx = (longitude - city.CentreLongitude) * _centreMetersPerDegreeLongitude;
            var accuracy = _legAccuracy + Math.Abs(random.NextGaussian());
            if (dx * dx + dy * dy < _canyonRadiusSquared)
            {
                accuracy += _canyonExtra;
            }

            if (_coldStart && _secondsIntoLeg < 40)
            {
                accuracy += 15 * Math.Exp(-_secondsIntoLeg / 8.0);
            }

            var sigma = accuracy / 2;
            _noiseEast = Correlation * _noiseEast + Innovation * sigma * random.NextGaussian();
            _noiseNorth = Correlation * _noiseNorth + Innovation * sigma * random.NextGaussian();
            var speed = Math.Max(0, speedMetersPerSecond + 0.25 * random.NextGaussian());
            double? bearing = speedMetersPerSecond > 1 ? (bearingDegrees + 4 * random.NextGaussian() + 360) % 360 : null;
            buffer.Fixes.Add(new Fix(
                timestampMs,
                latitude + _noiseNorth / Geodesy.MetersPerDegreeLatitude,
                longitude + _noiseEast / _metersPerDegreeLongitude,
                Math.Round(accuracy, 1),
                Math.Round(Altitude(latitude, longitude) + 3 * random.NextGaussian(), 1),
                Math.Round(speed, 2),
                bearing is { } b ? Math.Round(b, 1) : null));
        }

        if (timestampMs >= _nextActivityMs)
        {
            var truth = mode switch
            {
                TransportModes.Walking => ActivityType.Walking,
                TransportModes.Running => ActivityType.Running,
                TransportModes.Biking => ActivityType.OnBicycle,
                _ => speedMetersPerSecond < 0.3 && random.Chance(0.5) ? ActivityType.Still : ActivityType.InVehicle,
            };
            if (string.Equals(mode, TransportModes.Walking, StringComparison.Ordinal) && speedMetersPerSecond < 0.2)
            {
                truth = ActivityType.Still;
            }

            buffer.Activities.Add(Recognise(timestampMs, truth));
            _nextActivityMs = timestampMs + (long)random.Uniform(25_000, 35_000);
        }
    }

    /// <summary>Starts a stay at a true position on arrival at <paramref name="arrivalMs"/>.</summary>
    public void BeginStay(double latitude, double longitude, long arrivalMs)
    {
        var random = Random;
        _stayLatitude = latitude;
        _stayLongitude = longitude;
        _stayArrivalMs = arrivalMs;
        _nextStayFixMs = arrivalMs + (long)random.Uniform(20_000, 90_000);
        _nextStayActivityMs = arrivalMs + 30_000;
        _nextScreenMs = arrivalMs + (long)random.Uniform(5 * 60_000, 60 * 60_000);
    }

    /// <summary>Emits the stay's samples strictly before <paramref name="untilMs"/>.</summary>
    public void Stationary(long untilMs)
    {
        var random = Random;
        var metersPerDegreeLongitude = Geodesy.MetersPerDegreeLongitude(_stayLatitude);
        while (_nextStayFixMs < untilMs)
        {
            var accuracy = random.Uniform(10, 45);
            buffer.Fixes.Add(new Fix(
                _nextStayFixMs,
                _stayLatitude + random.Gaussian(0, accuracy / 2) / Geodesy.MetersPerDegreeLatitude,
                _stayLongitude + random.Gaussian(0, accuracy / 2) / metersPerDegreeLongitude,
                Math.Round(accuracy, 1),
                Math.Round(Altitude(_stayLatitude, _stayLongitude) + 5 * random.NextGaussian(), 1),
                0,
                null));
            _nextStayFixMs += (long)random.Uniform(60_000, 300_000);
        }

        while (_nextStayActivityMs < untilMs)
        {
            buffer.Activities.Add(Recognise(_nextStayActivityMs, ActivityType.Still));
            _nextStayActivityMs += _nextStayActivityMs - _stayArrivalMs < 180_000 ? 30_000 : (long)random.Uniform(180_000, 360_000);
        }

        while (_nextScreenMs < untilMs)
        {
            var duration = (long)random.Uniform(15_000, 300_000);
            if (_nextScreenMs + duration >= untilMs)
            {
                break;
            }

            var minute = clock.LocalMinuteOfDay(_nextScreenMs);
            if (minute is >= 7 * 60 and <= 23.5 * 60)
            {
                buffer.PhoneEvents.Add(new PhoneEvent(_nextScreenMs, PhoneEventType.ScreenOn));
                buffer.PhoneEvents.Add(new PhoneEvent(_nextScreenMs + duration, PhoneEventType.ScreenOff));
            }

            _nextScreenMs += duration + (long)random.Uniform(20 * 60_000, 120 * 60_000);
        }
    }

    private ActivitySample Recognise(long timestampMs, ActivityType truth)
    {
        var random = Random;
        if (random.Chance(0.1))
        {
            var confusions = truth switch
            {
                ActivityType.Still => StillConfusions,
                ActivityType.Walking => WalkingConfusions,
                ActivityType.Running => RunningConfusions,
                ActivityType.OnBicycle => BikeConfusions,
                _ => VehicleConfusions,
            };
            return new ActivitySample(timestampMs, confusions[random.Next(confusions.Length)], random.Next(30, 70));
        }

        return new ActivitySample(timestampMs, truth, random.Next(65, 101));
    }

    /// <summary>A smooth synthetic terrain, metres above sea level.</summary>
    private static double Altitude(double latitude, double longitude) =>
        55 + 25 * Math.Sin(latitude * 180) * Math.Cos(longitude * 140);
}
