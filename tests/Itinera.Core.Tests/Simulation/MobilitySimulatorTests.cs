using System.Globalization;
using System.Text.Json;
using Itinera.Core.Catalogues;
using Itinera.Core.Ingestion;
using Itinera.Core.Simulation;
using Itinera.Core.Timeline;

namespace Itinera.Core.Tests.Simulation;

public sealed class MobilitySimulatorTests(SimulationFixture fixture) : IClassFixture<SimulationFixture>
{
    private static readonly string[] PublicTransportModes = [TransportModes.Bus, TransportModes.Tram, TransportModes.Train, TransportModes.Subway];

    [Fact]
    public void The_same_seed_gives_byte_identical_truth_and_identical_sensor_streams()
    {
        var options = new SimulationOptions { Seed = 11, Users = 4, Days = 3, InjectAnomalies = true };

        var (firstTruth, firstDays) = Generate(options);
        var (secondTruth, secondDays) = Generate(options);

        Assert.Equal(firstTruth, secondTruth);
        Assert.Equal(firstDays.Count, secondDays.Count);
        for (var i = 0; i < firstDays.Count; i++)
        {
            Assert.Equal(firstDays[i].Fixes, secondDays[i].Fixes);
            Assert.Equal(firstDays[i].Activities, secondDays[i].Activities);
            Assert.Equal(firstDays[i].PhoneEvents, secondDays[i].PhoneEvents);
            Assert.Equal(firstDays[i].MotionBatches.Count, secondDays[i].MotionBatches.Count);
            for (var b = 0; b < firstDays[i].MotionBatches.Count; b++)
            {
                Assert.Equal(firstDays[i].MotionBatches[b].StartMs, secondDays[i].MotionBatches[b].StartMs);
                Assert.Equal(firstDays[i].MotionBatches[b].Accelerometer, secondDays[i].MotionBatches[b].Accelerometer);
                Assert.Equal(firstDays[i].MotionBatches[b].Gyroscope, secondDays[i].MotionBatches[b].Gyroscope);
            }
        }
    }

    [Fact]
    public void A_different_seed_gives_different_data()
    {
        var (firstTruth, firstDays) = Generate(new SimulationOptions { Seed = 11, Users = 2, Days = 2 });
        var (otherTruth, otherDays) = Generate(new SimulationOptions { Seed = 12, Users = 2, Days = 2 });

        Assert.NotEqual(firstTruth, otherTruth);
        Assert.NotEqual(firstDays[0].Fixes, otherDays[0].Fixes);
    }

    [Fact]
    public void A_user_depends_only_on_the_seed_and_its_index_not_on_other_users_or_the_generation_order()
    {
        var small = MobilitySimulator.Simulate(new SimulationOptions { Seed = 5, Users = 3, Days = 2 });
        var large = MobilitySimulator.Simulate(new SimulationOptions { Seed = 5, Users = 6, Days = 2 });

        // Generate the larger run backwards and in parallel, the smaller one forwards.
        var parallel = new List<Fix>[large.Users.Count];
        Parallel.For(0, large.Users.Count, i => parallel[large.Users.Count - 1 - i] = large.Users[large.Users.Count - 1 - i].GenerateDays().SelectMany(d => d.Fixes).ToList());

        for (var i = 0; i < small.Users.Count; i++)
        {
            Assert.Equal(small.Users[i].GenerateDays().SelectMany(d => d.Fixes), parallel[i]);
        }
    }

    [Fact]
    public void Users_get_personas_round_robin_and_external_ids_from_the_seed()
    {
        Assert.Equal(PersonaCatalogue.All, fixture.Run.Users.Select(u => u.Persona));
        Assert.All(fixture.Run.Users, u => Assert.Equal($"sim-{SimulationFixture.Seed}-{u.Index}", u.ExternalId));
        Assert.Equal(PersonaCatalogue.All.Count, PersonaCatalogue.All.Select(p => p.Id).Distinct().Count());
    }

    [Fact]
    public void Stays_and_transports_partition_every_day_without_overlap()
    {
        foreach (var days in fixture.UserDays)
        {
            foreach (var day in days)
            {
                AssertPartition(day.Stays.Select(s => (s.Start, s.End)).Concat(day.Transports.Select(t => (t.Start, t.End))), day.Start, day.End);
            }
        }

        foreach (var truth in fixture.Truths)
        {
            AssertPartition(truth.Stays.Select(s => (s.Start, s.End)).Concat(truth.Transports.Select(t => (t.Start, t.End))), fixture.Run.Start, fixture.Run.End);
        }
    }

    [Fact]
    public void Stays_that_cross_midnight_are_merged_in_the_user_truth()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(fixture.Run.TimeZoneId);
        var home = fixture.Truths[0].Places[0];
        var overnight = fixture.Truths[0].Stays.Where(s => s.PlaceId == home.PlaceId
            && TimeZoneInfo.ConvertTime(s.Start, zone).Date != TimeZoneInfo.ConvertTime(s.End, zone).Date).ToList();

        Assert.Equal(PlaceKinds.Home, home.Kind);
        Assert.True(overnight.Count >= SimulationFixture.Days - 4, $"Only {overnight.Count} overnight stays at home.");
    }

    [Fact]
    public void Every_stream_is_time_ordered_and_inside_its_day()
    {
        foreach (var day in fixture.UserDays.SelectMany(d => d))
        {
            var (start, end) = (day.Start.ToUnixTimeMilliseconds(), day.End.ToUnixTimeMilliseconds());
            AssertIncreasing(day.Fixes.Select(f => f.TimestampMs), strictly: true, start, end);
            AssertIncreasing(day.Activities.Select(a => a.TimestampMs), strictly: true, start, end);
            AssertIncreasing(day.PhoneEvents.Select(p => p.TimestampMs), strictly: false, start, end);
            AssertIncreasing(day.MotionBatches.Select(m => m.StartMs), strictly: false, start, end);
        }
    }

    [Fact]
    public void Fixes_arrive_at_1_Hz_while_moving_and_every_1_to_5_minutes_while_stationary()
    {
        foreach (var (days, truth) in fixture.UserDays.Zip(fixture.Truths))
        {
            var fixes = days.SelectMany(d => d.Fixes).Select(f => f.TimestampMs).ToArray();
            var underground = truth.Transports.Where(t => t.Mode == TransportModes.Subway).SelectMany(t => new[] { t.Start, t.End }).ToHashSet();
            foreach (var transport in truth.Transports.Where(t => t.Mode != TransportModes.Subway && (t.End - t.Start).TotalMinutes >= 5))
            {
                if (underground.Contains(transport.Start) || underground.Contains(transport.End))
                {
                    continue;
                }

                // At most one signal gap of up to three minutes per leg.
                var inside = Between(fixes, transport.Start, transport.End);
                var seconds = (transport.End - transport.Start).TotalSeconds;
                Assert.True(inside.Length >= seconds - 190, $"{transport.Mode} of {seconds} s at {transport.Start:O} has only {inside.Length} fixes.");
                var oneSecond = inside.Zip(inside.Skip(1)).Count(p => p.Second - p.First == 1000);
                Assert.True(oneSecond >= 0.95 * (inside.Length - 1), $"{transport.Mode} at {transport.Start:O}: {oneSecond} of {inside.Length - 1} intervals are 1 s.");
            }

            foreach (var stay in truth.Stays.Where(s => (s.End - s.Start).TotalMinutes >= 30))
            {
                var inside = Between(fixes, stay.Start, stay.End);
                Assert.True(inside.Length >= 2, $"Stay at {stay.Start:O} has {inside.Length} fixes.");
                Assert.All(inside.Zip(inside.Skip(1)), pair => Assert.InRange(pair.Second - pair.First, 60_000, 300_000));
            }
        }
    }

    [Fact]
    public void Metro_rides_have_no_fixes()
    {
        var rides = 0;
        foreach (var (days, truth) in fixture.UserDays.Zip(fixture.Truths))
        {
            var fixes = days.SelectMany(d => d.Fixes).Select(f => f.TimestampMs).ToArray();
            foreach (var ride in truth.Transports.Where(t => t.Mode == TransportModes.Subway))
            {
                rides++;
                Assert.Empty(Between(fixes, ride.Start, ride.End.AddSeconds(-1)));
            }
        }

        Assert.True(rides > 0);
    }

    [Fact]
    public void Car_trips_follow_the_roads()
    {
        var city = fixture.Run.City;
        var segments = RoadSegments(city);
        var checkedNearRoad = 0;
        foreach (var (days, truth) in fixture.UserDays.Zip(fixture.Truths))
        {
            var fixes = days.SelectMany(d => d.Fixes).ToArray();
            var times = fixes.Select(f => f.TimestampMs).ToArray();
            foreach (var trip in truth.Transports.Where(t => t.Mode == TransportModes.Car))
            {
                var from = Array.BinarySearch(times, trip.Start.ToUnixTimeMilliseconds() + 1);
                from = from < 0 ? ~from : from;
                var to = from;
                while (to < fixes.Length && fixes[to].TimestampMs <= trip.End.ToUnixTimeMilliseconds())
                {
                    to++;
                }

                // Consecutive fixes are never farther apart than the top speed for the time between them plus noise.
                for (var i = from + 1; i < to; i++)
                {
                    var (a, b) = (fixes[i - 1], fixes[i]);
                    var seconds = (b.TimestampMs - a.TimestampMs) / 1000.0;
                    var bound = 50 * seconds + 2 * (a.AccuracyMeters!.Value + b.AccuracyMeters!.Value);
                    Assert.True(Geo.Meters(a.Latitude, a.Longitude, b.Latitude, b.Longitude) <= bound, $"Jump of more than {bound:F0} m at {b.TimestampMs}.");
                }

                // Fixes lie on the road network, within their accuracy (past the driveways at both ends).
                for (var i = from + 15; i < to - 15 && checkedNearRoad < 1500; i += 17)
                {
                    checkedNearRoad++;
                    var fix = fixes[i];
                    var nearest = segments.Min(s => DistanceToSegment(fix.Latitude, fix.Longitude, s));
                    Assert.True(nearest <= 4 * fix.AccuracyMeters!.Value + 10, $"Car fix {nearest:F0} m from any road (accuracy {fix.AccuracyMeters} m).");
                }
            }
        }

        Assert.True(checkedNearRoad > 200, $"Only {checkedNearRoad} car fixes were checked.");
    }

    [Fact]
    public void Transport_modes_across_personas_include_every_mode_the_simulator_models()
    {
        var modes = fixture.Truths.SelectMany(t => t.Transports).Select(t => t.Mode).ToHashSet();

        string[] expected = [TransportModes.Car, TransportModes.Bus, TransportModes.Train, TransportModes.Tram, TransportModes.Subway, TransportModes.Biking, TransportModes.Walking, TransportModes.Running];
        Assert.All(expected, mode => Assert.Contains(mode, modes));
        Assert.All(modes, mode => Assert.Contains(mode, TransportModes.All));
    }

    [Theory]
    [InlineData("office_car_commuter", TransportModes.Car)]
    [InlineData("long_car_commuter", TransportModes.Car)]
    [InlineData("bus_commuter", TransportModes.Bus)]
    [InlineData("train_commuter", TransportModes.Train)]
    [InlineData("tram_commuter", TransportModes.Tram)]
    [InlineData("metro_commuter", TransportModes.Subway)]
    [InlineData("cyclist", TransportModes.Biking)]
    [InlineData("walker", TransportModes.Walking)]
    public void Commuters_reach_work_by_their_commute_mode(string personaId, string mode)
    {
        var index = fixture.IndexOf(PersonaCatalogue.Find(personaId)!);
        var truth = fixture.Truths[index];
        var (home, work) = (truth.Places[0], truth.Places.Single(p => p.Kind == PlaceKinds.Work));
        var arrivals = truth.Stays.Zip(truth.Stays.Skip(1)).Where(p => p.First.PlaceId == home.PlaceId && p.Second.PlaceId == work.PlaceId).ToList();
        var byMode = arrivals.Count(pair => truth.Transports.Any(t => t.Start >= pair.First.End && t.End <= pair.Second.Start && t.Mode == mode));

        Assert.True(arrivals.Count >= 4, $"{personaId} went to work {arrivals.Count} times.");
        Assert.True(byMode >= 0.75 * arrivals.Count, $"{personaId}: {byMode} of {arrivals.Count} arrivals at work by {mode}.");
    }

    [Fact]
    public void The_long_car_commuter_drives_the_motorway_and_the_train_commuter_rides_to_the_town()
    {
        var car = fixture.Truths[fixture.IndexOf(PersonaCatalogue.LongCarCommuter)];
        var train = fixture.Truths[fixture.IndexOf(PersonaCatalogue.TrainCommuter)];

        Assert.Contains(car.Transports, t => t.Mode == TransportModes.Car && t.DistanceMeters > 20_000);
        Assert.Contains(train.Transports, t => t.Mode == TransportModes.Train && t.DistanceMeters > 20_000);
    }

    [Fact]
    public void Activity_recognition_is_mostly_right_with_some_confusions()
    {
        var samples = 0;
        var right = 0;
        foreach (var (days, truth) in fixture.UserDays.Zip(fixture.Truths))
        {
            var activities = days.SelectMany(d => d.Activities).ToList();
            foreach (var transport in truth.Transports)
            {
                var expected = transport.Mode switch
                {
                    TransportModes.Walking => ActivityType.Walking,
                    TransportModes.Running => ActivityType.Running,
                    TransportModes.Biking => ActivityType.OnBicycle,
                    _ => ActivityType.InVehicle,
                };
                var inside = activities.Where(a => a.TimestampMs > transport.Start.ToUnixTimeMilliseconds() && a.TimestampMs <= transport.End.ToUnixTimeMilliseconds()).ToList();
                samples += inside.Count;
                right += inside.Count(a => a.Type == expected || a.Type == ActivityType.Still);
            }
        }

        var rate = (double)right / samples;
        Assert.True(samples > 1000);
        Assert.InRange(rate, 0.8, 0.97);
    }

    [Fact]
    public void Harsh_events_have_matching_imu_peaks_above_3_m_per_s2()
    {
        var events = 0;
        foreach (var (days, truth) in fixture.UserDays.Zip(fixture.Truths))
        {
            var batches = days.SelectMany(d => d.MotionBatches).ToList();
            foreach (var harsh in truth.HarshEvents)
            {
                events++;
                var time = harsh.Time.ToUnixTimeMilliseconds();
                var batch = batches.Single(b => b.StartMs <= time && time < b.EndMs);
                var gravity = MeanVector(batch, 0, 25);
                var peak = 0.0;
                for (var i = 0; i < batch.SampleCount; i++)
                {
                    var sampleTime = batch.StartMs + i * 1000 / batch.RateHz;
                    if (Math.Abs(sampleTime - time) <= 1500)
                    {
                        var (x, y, z) = (batch.Accelerometer[i * 3] - gravity.X, batch.Accelerometer[i * 3 + 1] - gravity.Y, batch.Accelerometer[i * 3 + 2] - gravity.Z);
                        peak = Math.Max(peak, Math.Sqrt(x * x + y * y + z * z));
                    }
                }

                Assert.True(peak > 3, $"{harsh.Kind} at {harsh.Time:O}: IMU peak {peak:F2} m/s².");
                Assert.InRange(peak, harsh.MagnitudeMetersPerSecondSquared - 0.5, harsh.MagnitudeMetersPerSecondSquared + 1.0);
            }
        }

        var kinds = fixture.Truths.SelectMany(t => t.HarshEvents).Select(h => h.Kind).ToHashSet();
        Assert.Equal([HarshEventKinds.Accel, HarshEventKinds.Brake, HarshEventKinds.LeftTurn, HarshEventKinds.RightTurn], kinds.Order(StringComparer.Ordinal));
        Assert.True(events >= 20, $"Only {events} harsh events.");
    }

    [Fact]
    public void Motion_batches_are_50_Hz_device_frame_with_gravity_and_only_during_car_trips()
    {
        foreach (var (days, truth) in fixture.UserDays.Zip(fixture.Truths))
        {
            var carTrips = truth.Transports.Where(t => t.Mode == TransportModes.Car).ToList();
            foreach (var batch in days.SelectMany(d => d.MotionBatches))
            {
                Assert.Equal(50, batch.RateHz);
                Assert.Equal(MotionFrame.Device, batch.Frame);
                Assert.Equal(batch.Accelerometer.Length, batch.Gyroscope!.Length);
                var gravity = MeanVector(batch, 0, 25);
                Assert.InRange(Math.Sqrt(gravity.X * gravity.X + gravity.Y * gravity.Y + gravity.Z * gravity.Z), 9.3, 10.3);
                var start = DateTimeOffset.FromUnixTimeMilliseconds(batch.StartMs);
                Assert.Contains(carTrips, t => t.Start <= start && start <= t.End);
            }
        }
    }

    [Fact]
    public void Car_trips_get_a_calibration_batch_of_ordinary_driving()
    {
        var index = fixture.IndexOf(PersonaCatalogue.LongCarCommuter);
        var harsh = fixture.Truths[index].HarshEvents.Select(h => h.Time.ToUnixTimeMilliseconds()).ToList();
        var calibration = fixture.UserDays[index].SelectMany(d => d.MotionBatches)
            .Where(b => !harsh.Exists(t => b.StartMs <= t && t < b.EndMs))
            .ToList();
        var longTrips = fixture.Truths[index].Transports.Count(t => t.Mode == TransportModes.Car && (t.End - t.Start).TotalMinutes > 5);

        Assert.True(calibration.Count >= 0.8 * longTrips, $"{calibration.Count} calibration batches for {longTrips} car trips.");
        Assert.All(calibration, batch => Assert.Equal(500, batch.SampleCount));
    }

    [Fact]
    public void Speeding_episodes_show_in_the_reported_speeds()
    {
        var episodes = 0;
        foreach (var (days, truth) in fixture.UserDays.Zip(fixture.Truths))
        {
            var fixes = days.SelectMany(d => d.Fixes).ToList();
            foreach (var speeding in truth.Speeding)
            {
                episodes++;
                Assert.True(speeding.SpeedKmh > speeding.LimitKmh);
                Assert.True((speeding.End - speeding.Start).TotalSeconds >= 5);
                var inside = fixes.Where(f => f.TimestampMs >= speeding.Start.ToUnixTimeMilliseconds() && f.TimestampMs <= speeding.End.ToUnixTimeMilliseconds()).ToList();
                if (inside.Count > 3)
                {
                    Assert.True(inside.Max(f => f.SpeedMetersPerSecond!.Value) * 3.6 > speeding.LimitKmh, $"No fix above {speeding.LimitKmh} km/h at {speeding.Start:O}.");
                }
            }
        }

        Assert.True(episodes > 10);
    }

    [Fact]
    public void Phone_use_while_driving_has_matching_phone_events()
    {
        var uses = 0;
        foreach (var (days, truth) in fixture.UserDays.Zip(fixture.Truths))
        {
            var events = days.SelectMany(d => d.PhoneEvents).ToList();
            foreach (var use in truth.PhoneUse)
            {
                uses++;
                var (start, end) = (use.Start.ToUnixTimeMilliseconds(), use.End.ToUnixTimeMilliseconds());
                Assert.Contains(truth.Transports, t => t.Mode == TransportModes.Car && t.Start <= use.Start && use.End <= t.End);
                switch (use.Kind)
                {
                    case PhoneUseKinds.Handling:
                        Assert.Contains(new PhoneEvent(start, PhoneEventType.HandlingStart), events);
                        Assert.Contains(new PhoneEvent(end, PhoneEventType.HandlingEnd), events);
                        break;
                    case PhoneUseKinds.HandheldCall:
                        Assert.Contains(new PhoneEvent(start, PhoneEventType.CallStart, false), events);
                        Assert.Contains(new PhoneEvent(end, PhoneEventType.CallEnd, false), events);
                        break;
                    default:
                        Assert.Equal(PhoneUseKinds.HandsfreeCall, use.Kind);
                        Assert.Contains(new PhoneEvent(start, PhoneEventType.CallStart, true), events);
                        Assert.Contains(new PhoneEvent(end, PhoneEventType.CallEnd, true), events);
                        break;
                }
            }
        }

        Assert.True(uses > 5);
    }

    [Fact]
    public void Anomalies_appear_only_when_injected()
    {
        var plain = MobilitySimulator.Simulate(new SimulationOptions { Seed = SimulationFixture.Seed, Users = PersonaCatalogue.All.Count, Days = SimulationFixture.Days });

        Assert.All(plain.Users, user => Assert.Empty(user.GenerateDays().SelectMany(d => d.Anomalies)));
        Assert.All(fixture.Truths, truth => Assert.NotEmpty(truth.Anomalies));
        Assert.Equal(
            [AnomalyKinds.LongTrip, AnomalyKinds.LongWorkingDay, AnomalyKinds.MissedCommute],
            fixture.Truths.SelectMany(t => t.Anomalies).Select(a => a.Kind).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Injected_anomalies_show_in_the_truth()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(fixture.Run.TimeZoneId);
        DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
        foreach (var truth in fixture.Truths)
        {
            var work = truth.Places.FirstOrDefault(p => p.Kind == PlaceKinds.Work);
            double WorkHours(DateOnly date) => truth.Stays.Where(s => s.PlaceId == work?.PlaceId && LocalDate(s.Start) == date).Sum(s => (s.End - s.Start).TotalHours);
            foreach (var anomaly in truth.Anomalies)
            {
                Assert.InRange(anomaly.Date, fixture.Run.Options.Start.AddDays(7), fixture.Run.Options.Start.AddDays(SimulationFixture.Days - 1));
                switch (anomaly.Kind)
                {
                    case AnomalyKinds.MissedCommute:
                        Assert.Equal(0, WorkHours(anomaly.Date));
                        break;
                    case AnomalyKinds.LongWorkingDay:
                        var usual = truth.Stays.Where(s => s.PlaceId == work!.PlaceId).Select(s => LocalDate(s.Start)).Distinct()
                            .Where(d => d != anomaly.Date).Select(WorkHours).Order().ToList();
                        Assert.True(WorkHours(anomaly.Date) >= usual[usual.Count / 2] + 3, $"{truth.Persona}: {WorkHours(anomaly.Date):F1} h vs usual {usual[usual.Count / 2]:F1} h.");
                        break;
                    default:
                        Assert.Equal(AnomalyKinds.LongTrip, anomaly.Kind);
                        var distance = truth.Transports.Where(t => LocalDate(t.Start) == anomaly.Date).Sum(t => t.DistanceMeters);
                        Assert.True(distance > 150_000, $"{truth.Persona}: long trip of {distance / 1000:F0} km.");
                        break;
                }
            }
        }
    }

    [Fact]
    public void Expected_segments_exist_in_the_segment_catalogue()
    {
        var ids = fixture.Truths.SelectMany(t => t.ExpectedSegments).ToList();

        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.True(SegmentCatalogue.Contains(id), $"Unknown segment id {id}."));
    }

    [Theory]
    [InlineData("long_car_commuter", "mobility.long_commuter")]
    [InlineData("long_car_commuter", "mobility.die_hard_driver")]
    [InlineData("train_commuter", "mobility.long_commuter")]
    [InlineData("train_commuter", "mobility.public_transports_user")]
    [InlineData("bus_commuter", "mobility.public_transports_user")]
    [InlineData("metro_commuter", "mobility.public_transports_user")]
    [InlineData("cyclist", "mobility.green_commuter")]
    [InlineData("walker", "mobility.green_commuter")]
    [InlineData("sporty", "lifestyle.sportive")]
    [InlineData("night_shift_worker", "behavior.nightworker")]
    [InlineData("remote_worker", "behavior.homeworker")]
    [InlineData("retiree", "behavior.homeworker")]
    [InlineData("student", "lifestyle.student")]
    [InlineData("foodie", "lifestyle.resto_lover")]
    [InlineData("culture_buff", "lifestyle.culture_buff")]
    [InlineData("shopaholic", "behavior.shopaholic")]
    [InlineData("reckless_driver", "driver_behavior.illegal_driver")]
    [InlineData("reckless_driver", "driver_behavior.aggressive_driver")]
    public void Personas_get_the_segments_their_routine_makes_true(string personaId, string segmentId)
    {
        var truth = fixture.Truths[fixture.IndexOf(PersonaCatalogue.Find(personaId)!)];

        Assert.Contains(segmentId, truth.ExpectedSegments);
    }

    [Theory]
    [InlineData("cyclist", "mobility.die_hard_driver")]
    [InlineData("long_car_commuter", "mobility.green_commuter")]
    [InlineData("office_car_commuter", "behavior.nightworker")]
    [InlineData("retiree", "lifestyle.fulltime_worker")]
    [InlineData("night_shift_worker", "behavior.homeworker")]
    public void Personas_do_not_get_segments_their_routine_contradicts(string personaId, string segmentId)
    {
        var truth = fixture.Truths[fixture.IndexOf(PersonaCatalogue.Find(personaId)!)];

        Assert.DoesNotContain(segmentId, truth.ExpectedSegments);
    }

    [Fact]
    public void The_truth_document_has_the_documented_shape()
    {
        using var document = JsonDocument.Parse(fixture.TruthJson);
        var root = document.RootElement;

        Assert.Equal(fixture.Run.Start, DateTimeOffset.Parse(root.GetProperty("start").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(fixture.Run.End, DateTimeOffset.Parse(root.GetProperty("end").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal("2026-01-05T00:00:00.000+01:00", root.GetProperty("start").GetString());
        Assert.Contains("\"start\": \"2026-01-05T00:00:00.000+01:00\"", fixture.TruthText, StringComparison.Ordinal);
        var users = root.GetProperty("users").EnumerateArray().ToList();
        Assert.Equal(PersonaCatalogue.All.Count, users.Count);
        string[] keys = ["user_id", "external_id", "persona", "places", "stays", "transports", "harsh_events", "speeding", "phone_use", "expected_segments", "anomalies"];
        foreach (var user in users)
        {
            Assert.Equal(keys, user.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Null, user.GetProperty("user_id").ValueKind);
            var places = user.GetProperty("places").EnumerateArray().ToList();
            Assert.Equal("home", places[0].GetProperty("kind").GetString());
            Assert.All(places, p => Assert.True(p.GetProperty("radius_m").GetInt32() > 0));
            var stay = user.GetProperty("stays")[0];
            Assert.Contains(places, p => p.GetProperty("id").GetString() == stay.GetProperty("place").GetString());
            var transport = user.GetProperty("transports")[0];
            Assert.True(transport.GetProperty("distance_m").GetDouble() > 0);
            Assert.Contains(transport.GetProperty("mode").GetString(), TransportModes.All);
            Assert.EndsWith("+01:00", transport.GetProperty("start").GetString(), StringComparison.Ordinal);
        }

        var reckless = users[fixture.IndexOf(PersonaCatalogue.RecklessDriver)];
        Assert.True(reckless.GetProperty("harsh_events")[0].GetProperty("magnitude_mps2").GetDouble() >= 3);
        Assert.True(reckless.GetProperty("speeding")[0].GetProperty("speed_kmh").GetDouble() > reckless.GetProperty("speeding")[0].GetProperty("limit_kmh").GetInt32());
    }

    [Fact]
    public void The_truth_writer_streams_users_and_writes_the_user_id_once_known()
    {
        var truth = fixture.Truths[0];
        using var stream = new MemoryStream();
        using (var writer = new TruthWriter(stream, fixture.Run.Start, fixture.Run.End, fixture.Run.TimeZoneId, indented: false))
        {
            var withId = new UserTruth
            {
                ExternalId = truth.ExternalId,
                Persona = truth.Persona,
                Places = truth.Places,
                Stays = truth.Stays,
                Transports = truth.Transports,
                HarshEvents = truth.HarshEvents,
                Speeding = truth.Speeding,
                PhoneUse = truth.PhoneUse,
                ExpectedSegments = truth.ExpectedSegments,
                Anomalies = truth.Anomalies,
                UserId = "0123456789abcdef01234567",
            };
            writer.WriteUser(withId);
            var partial = stream.Length;
            Assert.True(partial > 1000, "The user was not flushed to the stream.");
            writer.Complete();
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        Assert.Equal("0123456789abcdef01234567", document.RootElement.GetProperty("users")[0].GetProperty("user_id").GetString());
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => MobilitySimulator.Simulate(new SimulationOptions { Users = 0 }));
        Assert.ThrowsAny<ArgumentException>(() => MobilitySimulator.Simulate(new SimulationOptions { Days = 0 }));
        Assert.ThrowsAny<ArgumentException>(() => MobilitySimulator.Simulate(new SimulationOptions { TimeZoneId = "Not/AZone" }));
    }

    private static (byte[] Truth, List<SimulatedDay> Days) Generate(SimulationOptions options)
    {
        var run = MobilitySimulator.Simulate(options);
        var days = new List<SimulatedDay>();
        var truths = new List<UserTruth>();
        foreach (var user in run.Users)
        {
            var builder = new UserTruthBuilder(user);
            foreach (var day in user.GenerateDays())
            {
                days.Add(day);
                builder.Add(day);
            }

            truths.Add(builder.Build());
        }

        using var stream = new MemoryStream();
        TruthWriter.Write(stream, new SimulationTruth(run.Start, run.End, run.TimeZoneId, truths));
        return (stream.ToArray(), days);
    }

    private static void AssertPartition(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> items, DateTimeOffset start, DateTimeOffset end)
    {
        var ordered = items.OrderBy(i => i.Start).ToList();
        Assert.NotEmpty(ordered);
        Assert.Equal(start, ordered[0].Start);
        Assert.Equal(end, ordered[^1].End);
        for (var i = 0; i < ordered.Count; i++)
        {
            Assert.True(ordered[i].Start < ordered[i].End, $"Empty item at {ordered[i].Start:O}.");
            if (i > 0)
            {
                Assert.Equal(ordered[i - 1].End, ordered[i].Start);
            }
        }
    }

    private static void AssertIncreasing(IEnumerable<long> times, bool strictly, long start, long end)
    {
        var previous = long.MinValue;
        foreach (var time in times)
        {
            Assert.InRange(time, start, end - 1);
            Assert.True(strictly ? time > previous : time >= previous, $"{time} after {previous}.");
            previous = time;
        }
    }

    private static long[] Between(long[] sorted, DateTimeOffset start, DateTimeOffset end)
    {
        var from = Array.BinarySearch(sorted, start.ToUnixTimeMilliseconds() + 1);
        from = from < 0 ? ~from : from;
        var to = Array.BinarySearch(sorted, end.ToUnixTimeMilliseconds() + 1);
        to = to < 0 ? ~to : to;
        return sorted[from..Math.Max(from, to)];
    }

    private static (double X, double Y, double Z) MeanVector(MotionBatch batch, int from, int count)
    {
        double x = 0, y = 0, z = 0;
        for (var i = from; i < from + count; i++)
        {
            x += batch.Accelerometer[i * 3];
            y += batch.Accelerometer[i * 3 + 1];
            z += batch.Accelerometer[i * 3 + 2];
        }

        return (x / count, y / count, z / count);
    }

    private static List<(double Lat1, double Lon1, double Lat2, double Lon2)> RoadSegments(SyntheticCity city)
    {
        var segments = new List<(double, double, double, double)>();
        foreach (var way in city.Ways.Where(w => w.Kind == WayKind.Road))
        {
            for (var i = 1; i < way.NodeIds.Count; i++)
            {
                var (a, b) = (city.Nodes[(int)way.NodeIds[i - 1] - 1], city.Nodes[(int)way.NodeIds[i] - 1]);
                segments.Add((a.Latitude, a.Longitude, b.Latitude, b.Longitude));
            }
        }

        return segments;
    }

    private static double DistanceToSegment(double latitude, double longitude, (double Lat1, double Lon1, double Lat2, double Lon2) segment)
    {
        var metersPerDegreeLongitude = 111_195 * Math.Cos(latitude * Math.PI / 180);
        var (px, py) = (0.0, 0.0);
        var (ax, ay) = ((segment.Lon1 - longitude) * metersPerDegreeLongitude, (segment.Lat1 - latitude) * 111_195);
        var (bx, by) = ((segment.Lon2 - longitude) * metersPerDegreeLongitude, (segment.Lat2 - latitude) * 111_195);
        var (dx, dy) = (bx - ax, by - ay);
        var lengthSquared = dx * dx + dy * dy;
        var t = lengthSquared == 0 ? 0 : Math.Clamp(((px - ax) * dx + (py - ay) * dy) / lengthSquared, 0, 1);
        var (cx, cy) = (ax + t * dx, ay + t * dy);
        return Math.Sqrt(cx * cx + cy * cy);
    }
}
