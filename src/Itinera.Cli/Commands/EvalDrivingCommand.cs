using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Itinera.Core.Driving;
using Itinera.Core.Driving.Detection;
using Itinera.Core.Evaluation;
using Itinera.Core.Geo;
using Itinera.Core.Ingestion;
using Itinera.Core.Maps;
using Itinera.Core.Simulation;
using Itinera.Core.Timeline;

namespace Itinera.Cli.Commands;

/// <summary>
/// <c>itinera eval driving</c>: harsh events on the labelled phone-IMU trips (<c>--imu</c>), the speeding share on
/// NDS-BR drivers (<c>--ndsbr</c>), or harsh events, speeding and phone use against simulated truth (<c>--sim</c>).
/// Definitions in docs/accuracy.md ("Driving").
/// </summary>
internal static class EvalDrivingCommand
{
    /// <summary>A detection matches a labelled event when it overlaps the label widened by this on both sides.</summary>
    internal static readonly TimeSpan LabelTolerance = TimeSpan.FromSeconds(1);

    /// <summary>Simulated harsh events are instants (the peak); a detection matches within this of it.</summary>
    internal static readonly TimeSpan SimulatedEventTolerance = TimeSpan.FromSeconds(2);

    public static Command Create()
    {
        var imu = new Option<DirectoryInfo[]>("--imu") { Description = "A trip folder of the phone-IMU harsh-event data set; may repeat." };
        var ndsbr = new Option<FileInfo[]>("--ndsbr") { Description = "An NDS-BR driver CSV (speed and posted limit per fix); may repeat." };
        var sim = new Option<bool>("--sim") { Description = "Score against simulated users with ground truth." };
        var users = new Option<int>("--users") { Description = "Simulated users (--sim).", DefaultValueFactory = _ => 20 };
        var days = new Option<int>("--days") { Description = "Simulated days (--sim).", DefaultValueFactory = _ => 28 };
        var seed = new Option<int>("--seed") { Description = "Simulation seed (--sim).", DefaultValueFactory = _ => 1 };
        var command = new Command("driving", "Score harsh-event, speeding and phone-use detection on labelled data or simulated truth.")
        {
            imu, ndsbr, sim, users, days, seed,
        };
        command.SetAction((result, ct) =>
        {
            var json = new JsonObject();
            var imuFolders = result.GetValue(imu) ?? [];
            var ndsbrFiles = result.GetValue(ndsbr) ?? [];
            if (imuFolders.Length == 0 && ndsbrFiles.Length == 0 && !result.GetValue(sim))
            {
                return Task.FromResult(CliContext.Fail(result, "Give --imu DIR, --ndsbr FILE or --sim."));
            }

            if (imuFolders.Length > 0)
            {
                Merge(json, EvaluateImu(imuFolders));
            }

            if (ndsbrFiles.Length > 0)
            {
                Merge(json, EvaluateNdsbr(ndsbrFiles));
            }

            if (result.GetValue(sim))
            {
                Merge(json, EvaluateSimulation(result.GetValue(users), result.GetValue(days), result.GetValue(seed), ct));
            }

            Console.Out.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = !result.GetValue(CliContext.JsonOption) }));
            return Task.FromResult(0);
        });
        return command;
    }

    internal static JsonObject EvaluateImu(IEnumerable<DirectoryInfo> folders)
    {
        var labels = new List<LabelledDrivingEvent>();
        var detections = new List<DetectedDrivingEvent>();
        var trips = 0;
        foreach (var folder in folders)
        {
            var trip = ImuTripDataset.Read(folder.FullName);
            trips++;
            labels.AddRange(trip.Labels);
            detections.AddRange(HarshEventDetector.Detect([], trip.Motion).Select(ToDetected).OfType<DetectedDrivingEvent>());
        }

        var score = DrivingEventScorer.Score(labels, detections, LabelTolerance);
        var json = HarshJson("harsh", score);
        json["imu_trips"] = trips;
        json["lane_switch_detections"] = detections.Count(d => d.Kind == DrivingEventKinds.LaneChange);
        json["label_tolerance_s"] = LabelTolerance.TotalSeconds;
        return json;
    }

    internal static JsonObject EvaluateNdsbr(IEnumerable<FileInfo> files)
    {
        var options = SpeedingOptions.Default;
        var drivers = new JsonArray();
        var trips = 0;
        double worst = 0;
        foreach (var file in files)
        {
            double driving = 0, speeding = 0, directDriving = 0, directSpeeding = 0;
            var fileTrips = NdsbrDataset.Read(file.FullName);
            foreach (var trip in fileTrips)
            {
                var detected = SpeedingDetector.Detect(trip.Fixes, trip.SpeedLimitsKmh, options);
                driving += detected.DrivingSeconds;
                speeding += detected.SpeedingSeconds;
                var (d, s) = NdsbrDataset.DirectSeconds(trip, options);
                directDriving += d;
                directSpeeding += s;
            }

            trips += fileTrips.Count;
            var share = driving > 0 ? speeding / driving : 0;
            var direct = directDriving > 0 ? directSpeeding / directDriving : 0;
            var error = (share - direct) * 100;
            worst = Math.Max(worst, Math.Abs(error));
            drivers.Add(new JsonObject
            {
                ["file"] = file.Name,
                ["trips"] = fileTrips.Count,
                ["driving_hours"] = Math.Round(driving / 3600, 3),
                ["speeding_share"] = Math.Round(share, 4),
                ["direct_share"] = Math.Round(direct, 4),
                ["error_pp"] = Math.Round(error, 3),
            });
        }

        return new JsonObject
        {
            ["speeding_share_error_pp"] = Math.Round(worst, 3),
            ["trips"] = trips,
            ["drivers"] = drivers,
        };
    }

    internal static JsonObject EvaluateSimulation(int users, int days, int seed, CancellationToken ct)
    {
        var run = MobilitySimulator.Simulate(new SimulationOptions { Users = Math.Max(1, users), Days = Math.Max(1, days), Seed = seed });
        // Speed limits come from the city's map the way the server gets them: the city as an OSM extract, imported and
        // map-matched (never from the truth).
        var network = new RoadNetwork(SimulatedCityMap.Read(run.City).Roads);
        var matcher = new MapMatcher(network);
        var harshLabels = new List<LabelledDrivingEvent>();
        var harshDetections = new List<DetectedDrivingEvent>();
        var gpsDetections = new List<DetectedDrivingEvent>();
        var speeding = new IntervalScore(0, 0, 0, 0);
        var phone = new IntervalScore(0, 0, 0, 0);
        var carLegs = 0;
        int fixesWithLimit = 0, carFixes = 0;
        foreach (var user in run.Users)
        {
            ct.ThrowIfCancellationRequested();
            var fixes = new List<Fix>();
            var motion = new List<MotionBatch>();
            var events = new List<PhoneEvent>();
            var truthBuilder = new UserTruthBuilder(user);
            foreach (var day in user.GenerateDays())
            {
                fixes.AddRange(day.Fixes);
                motion.AddRange(day.MotionBatches);
                events.AddRange(day.PhoneEvents);
                truthBuilder.Add(day);
            }

            var truth = truthBuilder.Build();
            foreach (var leg in truth.Transports.Where(t => t.Mode == TransportModes.Car))
            {
                carLegs++;
                var (startMs, endMs) = (leg.Start.ToUnixTimeMilliseconds(), leg.End.ToUnixTimeMilliseconds());
                var legFixes = fixes.Where(f => f.TimestampMs >= startMs && f.TimestampMs <= endMs).ToList();
                var legMotion = motion.Where(b => b.StartMs >= startMs - 10_000 && b.StartMs <= endMs).ToList();

                harshLabels.AddRange(truth.HarshEvents.Where(h => h.Time >= leg.Start && h.Time <= leg.End)
                    .Select(h => new LabelledDrivingEvent(h.Kind, h.Time - SimulatedEventTolerance, h.Time + SimulatedEventTolerance)));
                harshDetections.AddRange(HarshEventDetector.Detect(legFixes, legMotion).Select(ToDetected).OfType<DetectedDrivingEvent>());
                gpsDetections.AddRange(GpsHarshEventDetector.Detect(legFixes).Select(ToDetected).OfType<DetectedDrivingEvent>());

                var legLimits = matcher.Match([.. legFixes.Select(f => new GeoPoint(f.Latitude, f.Longitude))])
                    .Select(m => m.IsMatched ? (double?)network.RoadOf(m.Segment).SpeedLimitKmh : null).ToList();
                carFixes += legFixes.Count;
                fixesWithLimit += legLimits.Count(l => l is not null);
                var detected = SpeedingDetector.Detect(legFixes, legLimits);
                speeding += IntervalScorer.Score(
                    [.. truth.Speeding.Where(s => s.Start >= leg.Start && s.Start < leg.End).Select(s => ("speeding", s.Start, s.End))],
                    [.. detected.Intervals.Select(s => ("speeding", s.Start, s.End))]);

                var uses = PhoneUseDetector.Detect(events, startMs, endMs, legFixes);
                phone += IntervalScorer.Score(
                    [.. truth.PhoneUse.Where(p => p.Start >= leg.Start && p.Start < leg.End).Select(p => (p.Kind, p.Start, p.End))],
                    [.. uses.Select(ToPhoneUse).OfType<(string, DateTimeOffset, DateTimeOffset)>()]);
            }
        }

        // The simulator only emits IMU around its harsh events (plus one calibration window per trip), as a phone that
        // uploads IMU windows around on-device candidates would; simulated precision therefore says little about false
        // alarms in ordinary IMU driving. The GPS-only figures show the fallback for transports without IMU.
        var harsh = DrivingEventScorer.Score(harshLabels, harshDetections, TimeSpan.Zero);
        var json = HarshJson("harsh", harsh);
        json["harsh_f1"] = Round(harsh.Total.F1);
        var gpsOnly = DrivingEventScorer.Score(harshLabels, gpsDetections, TimeSpan.Zero);
        json["harsh_gps_only_f1"] = Round(gpsOnly.Total.F1);
        json["harsh_gps_only_recall"] = Round(gpsOnly.Total.Recall);
        json["harsh_gps_only_precision"] = Round(gpsOnly.Total.Precision);
        AddInterval(json, "speeding", speeding);
        AddInterval(json, "phone_use", phone);
        json["speed_limit_source"] = "the simulated city's OSM map, imported and map-matched (HMM), not the truth";
        json["car_fixes_with_limit"] = carFixes == 0 ? null : Math.Round((double)fixesWithLimit / carFixes, 4);
        json["car_legs"] = carLegs;
        json["simulation"] = new JsonObject { ["users"] = run.Users.Count, ["days"] = days, ["seed"] = seed };
        return json;
    }

    private static JsonObject HarshJson(string prefix, DrivingEventScore score)
    {
        var perType = new JsonObject();
        foreach (var (type, counts) in score.ByType)
        {
            perType[type] = Counts(counts);
        }

        return new JsonObject
        {
            [prefix + "_recall"] = Round(score.Total.Recall),
            [prefix + "_precision"] = Round(score.Total.Precision),
            [prefix + "_labels"] = score.Total.Labels,
            [prefix + "_detections"] = score.Total.Detections,
            [prefix + "_matched"] = score.Total.Matched,
            [prefix + "_per_type"] = perType,
            [prefix + "_any_type"] = Counts(score.AnyKind),
        };
    }

    private static JsonObject Counts(EventCounts counts) => new()
    {
        ["labels"] = counts.Labels,
        ["detections"] = counts.Detections,
        ["matched"] = counts.Matched,
        ["recall"] = Round(counts.Recall),
        ["precision"] = Round(counts.Precision),
    };

    private static void AddInterval(JsonObject json, string prefix, IntervalScore score)
    {
        json[prefix + "_f1"] = Round(score.F1);
        json[prefix + "_recall"] = Round(score.Recall);
        json[prefix + "_precision"] = Round(score.Precision);
        json[prefix + "_truth"] = score.Truth;
        json[prefix + "_detections"] = score.Detections;
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var key in source.Select(p => p.Key).ToList())
        {
            var value = source[key];
            source.Remove(key);
            target[key] = value;
        }
    }

    private static DetectedDrivingEvent? ToDetected(BehaviorAnnotation a)
    {
        var kind = (a.Acceleration, a.Maneuver) switch
        {
            (AccelerationKinds.Accelerate, _) => DrivingEventKinds.Accel,
            (AccelerationKinds.Brake, _) => DrivingEventKinds.Brake,
            (_, ManeuverKinds.LeftTurn) => DrivingEventKinds.LeftTurn,
            (_, ManeuverKinds.RightTurn) => DrivingEventKinds.RightTurn,
            (_, ManeuverKinds.LaneSwitch) => DrivingEventKinds.LaneChange,
            _ => null,
        };
        return kind is null ? null : new DetectedDrivingEvent(kind, a.Start, a.End);
    }

    private static (string, DateTimeOffset, DateTimeOffset)? ToPhoneUse(BehaviorAnnotation a) => a.Kind switch
    {
        AnnotationKind.HandlingWithoutCalling => (PhoneUseKinds.Handling, a.Start, a.End),
        AnnotationKind.HandheldCalling => (PhoneUseKinds.HandheldCall, a.Start, a.End),
        AnnotationKind.HandsfreeCalling => (PhoneUseKinds.HandsfreeCall, a.Start, a.End),
        _ => null,
    };
}
