using System.Globalization;
using Itinera.Core.Timeline;

namespace Itinera.Core.Insights;

/// <summary>One segment rule: the ids it assigns (the same trait in every id generation) and how it decides.</summary>
/// <param name="Ids">Segment ids of <see cref="Catalogues.SegmentCatalogue"/> assigned together.</param>
/// <param name="Explain">The explanation in the user's own numbers and places, or null when the user is not in the segment.</param>
public sealed record SegmentRule(IReadOnlyList<string> Ids, Func<SegmentFeatures, string?> Explain);

/// <summary>
/// Assigns lifestyle segments from the user's last nine weeks of timeline, each with an <c>explanation_you</c> built
/// from the user's own numbers and places. Every id of <see cref="Catalogues.SegmentCatalogue"/> has a rule in
/// <see cref="Rules"/> or in <see cref="DrivingSegmentRules"/> (driving behaviour, from the driving detectors);
/// docs/segments.md lists them. A user with fewer than
/// <see cref="MinDays"/> observed days gets no segment.
/// </summary>
public static class SegmentDetector
{
    /// <summary>Days of timeline needed before any segment is assigned.</summary>
    public const int MinDays = 14;

    /// <summary>The window the rules look at.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(63);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly HashSet<string> Fresh = new(StringComparer.Ordinal) { "bakery", "greengrocer", "butcher", "deli", "marketplace", "cheese", "seafood_shop" };

    private static readonly HashSet<string> Snack = new(StringComparer.Ordinal) { "snack", "fries", "sandwich", "kebab" };

    private static readonly HashSet<string> Supermarket = new(StringComparer.Ordinal) { "supermarket" };

    private static readonly HashSet<string> RestaurantOrBar = [.. PlaceCategories.Restaurant, .. PlaceCategories.Bar];

    /// <summary>Segments for the timeline, ordered by id.</summary>
    public static List<UserSegment> Detect(InsightTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        if (timeline.Days.Count < MinDays)
        {
            return [];
        }

        var features = new SegmentFeatures(timeline);
        var segments = new List<UserSegment>();
        foreach (var rule in Rules)
        {
            if (rule.Explain(features) is { } explanation)
            {
                segments.AddRange(rule.Ids.Select(id => new UserSegment(id, explanation)));
            }
        }

        // Brand loyalty in general follows from any of its kinds.
        var loyal = segments.FirstOrDefault(s => s.DefinitionId.Contains("brand_loyal", StringComparison.Ordinal));
        if (loyal is not null)
        {
            segments.Add(new UserSegment("lifestyle.brand_loyalty", loyal.ExplanationYou));
            segments.Add(new UserSegment("leisure.shopping.brand_loyalty", loyal.ExplanationYou));
        }

        return [.. segments.DistinctBy(s => s.DefinitionId).OrderBy(s => s.DefinitionId, StringComparer.Ordinal)];
    }


    /// <summary>Every rule, in the order of docs/segments.md.</summary>
    public static IReadOnlyList<SegmentRule> Rules { get; } =
    [
        // ---- Commute ----
        new(["mobility.long_commuter", "mobility.commute.long_commuter"], f => Commuter(f, d => d >= 15_000)),
        new(["mobility.short_commuter", "mobility.commute.short_commuter"], f => Commuter(f, d => d < 3_000)),
        new(["mobility.normal_commuter", "mobility.commute.normal_commuter"], f =>
            Commuter(f, d => d is >= 3_000 and < 15_000) is { } e && f.Commutes.Count >= 2 * f.Weeks && f.MedianCommuteMinutes is >= 10 and <= 45 ? e : null),
        new(["mobility.easy_commuter", "mobility.commute.easy_commuter"], f =>
            f.Commutes.Count >= 2 * f.Weeks && f.MedianCommuteMinutes <= 20
                ? F($"Because your commute usually takes about {f.MedianCommuteMinutes:F0} minutes") : null),
        new(["mobility.heavy_commuter", "mobility.commute.heavy_commuter"], f =>
            f.Commutes.Count >= 2 * f.Weeks && f.MedianCommuteMinutes >= 50
                ? F($"Because your commute usually takes about {f.MedianCommuteMinutes:F0} minutes") : null),
        new(["mobility.green_commuter", "mobility.commute.green_commuter"], f =>
            f.Commutes.Count >= 2 * f.Weeks && f.Commutes.Count(f.IsGreen) >= 0.75 * f.Commutes.Count
                ? F($"Because {Percent(f.Commutes.Count(f.IsGreen), f.Commutes.Count)} of your {f.Commutes.Count} commutes were on foot or by bike") : null),
        new(["mobility.public_transports_user", "mobility.transport.public_transports_user"], f =>
            f.PerWeek(f.PublicTransportLegs) >= 4 ? F($"Because you took a bus, tram, train or metro about {f.PerWeek(f.PublicTransportLegs):F1} times a week") : null),
        new(["mobility.public_transport_commuter", "mobility.transport.public_transports_commuter"], f =>
        {
            var transit = f.Commutes.Count(j => j.Legs.Any(f.IsPublicTransport));
            return f.Commutes.Count >= 2 * f.Weeks && transit >= 0.5 * f.Commutes.Count
                ? F($"Because {Percent(transit, f.Commutes.Count)} of your commutes were by public transport") : null;
        }),
        new(["mobility.die_hard_driver", "mobility.driving.die_hard_driver"], f =>
        {
            var longer = f.Timeline.Journeys.Where(j => j.DistanceMeters >= 1000).ToList();
            var byCar = longer.Count(j => j.Legs.Any(f.IsCar));
            return longer.Count >= 5 * f.Weeks && byCar >= 0.8 * longer.Count
                ? F($"Because you took the car for {Percent(byCar, longer.Count)} of your {longer.Count} trips of a kilometre or more") : null;
        }),
        new(["mobility.car_owner"], f =>
            f.PerWeek(f.CarLegs.Count) >= 2 ? F($"Because you made about {f.PerWeek(f.CarLegs.Count):F1} car trips a week") : null),
        new(["mobility.frequent_flyer", "mobility.travel.frequent_flyer"], f =>
        {
            var flights = f.Timeline.Legs.Count(l => l.Mode == TransportModes.Flight);
            return flights >= 2 && f.PerWeek(flights) >= 0.25 ? F($"Because you took {flights} flights in the last {f.Weeks:F0} weeks") : null;
        }),
        new(["mobility.mobility.high", "mobility.transport.mobility.high"], f => Band(f, Km(f), 250, double.MaxValue, "travelled")),
        new(["mobility.mobility.moderate", "mobility.transport.mobility.moderate"], f => Band(f, Km(f), 75, 250, "travelled")),
        new(["mobility.mobility.limited", "mobility.transport.mobility.limited"], f => Band(f, Km(f), 0, 75, "travelled")),

        // ---- Driving (from the timeline's car legs) ----
        new(["driver_behavior.heavy_driver"], f => Driver(f, f.CarHoursPerWeek, 7, double.MaxValue, "hours")),
        new(["driver_behavior.medium_driver"], f => Driver(f, f.CarHoursPerWeek, 2, 7, "hours")),
        new(["driver_behavior.light_driver"], f => Driver(f, f.CarHoursPerWeek, 0, 2, "hours")),
        new(["driver_behavior.long_distance"], f => Driver(f, f.CarKmPerWeek, 250, double.MaxValue, "km")),
        new(["driver_behavior.medium_distance"], f => Driver(f, f.CarKmPerWeek, 75, 250, "km")),
        new(["driver_behavior.short_distance"], f => Driver(f, f.CarKmPerWeek, 0, 75, "km")),
        new(["driver_behavior.day_driver"], f =>
            f.CarLegs.Count >= 8 && NightShare(f) <= 0.1 ? F($"Because {Percent(1 - NightShare(f))} of your driving time was between 06:00 and 22:00") : null),
        new(["driver_behavior.night_driver"], f =>
            f.CarLegs.Count >= 8 && NightShare(f) >= 0.25 ? F($"Because {Percent(NightShare(f))} of your driving time was between 22:00 and 06:00") : null),
        new(["driver_behavior.motorway_driver", "mobility.driving.motorway_driver"], f =>
            f.CarLegs.Count >= 8 && CarShare(f, kmh => kmh >= 75) >= 0.5 ? F($"Because {Percent(CarShare(f, kmh => kmh >= 75))} of your car kilometres were on fast roads") : null),
        new(["driver_behavior.city_driver", "mobility.driving.city_driver"], f =>
            f.CarLegs.Count >= 8 && CarShare(f, kmh => kmh < 40) >= 0.6 ? F($"Because {Percent(CarShare(f, kmh => kmh < 40))} of your car kilometres were on slow urban trips") : null),
        new(["driver_behavior.congestion_driver"], f =>
        {
            var hours = f.CarLegs.Sum(l => l.Duration.TotalHours);
            var kmh = hours > 0 ? f.CarLegs.Sum(l => l.DistanceMeters) / 1000 / hours : 0;
            return f.CarLegs.Count >= 8 && kmh < 22 ? F($"Because your average driving speed was about {kmh:F0} km/h") : null;
        }),

        // ---- Work ----
        new(["lifestyle.fulltime_worker", "work_life.work.fulltime_worker"], f =>
            f.PerWeek(f.WorkHoursByDay.Count(kv => kv.Value >= 7)) >= 3.5
                ? F($"Because you work about {f.WorkHoursPerWeek:F0} hours a week at {WorkName(f)}") : null),
        new(["lifestyle.parttime_worker", "work_life.work.parttime_worker"], f =>
            f.PerWeek(f.WorkDays) >= 1 && f.WorkHoursPerWeek is >= 8 and < 28 && f.PerWeek(f.WorkHoursByDay.Count(kv => kv.Value >= 7)) < 3.5
                ? F($"Because you work about {f.WorkHoursPerWeek:F0} hours a week at {WorkName(f)}") : null),
        new(["behavior.workaholic", "work_life.work.workaholic"], f =>
            f.WorkHoursPerWeek >= 50 ? F($"Because you work about {f.WorkHoursPerWeek:F0} hours a week") : null),
        new(["lifestyle.late_worker", "work_life.work.late_worker"], f =>
            f.PerWeek(f.LateWorkEnds) >= 1.5 ? F($"Because you left work after 19:30 about {f.PerWeek(f.LateWorkEnds):F1} times a week") : null),
        new(["behavior.nightworker", "work_life.work.nightworker"], f =>
            f.PerWeek(f.WorkNights) >= 1 ? F($"Because you worked through the night about {f.PerWeek(f.WorkNights):F1} times a week") : null),
        new(["behavior.homeworker", "work_life.work.homeworker"], Homeworker),
        new(["lifestyle.student", "work_life.work.student"], f =>
            f.Timeline.WorkPlace is { } place && place.Categories.Any(PlaceCategories.Education.Contains) && f.PerWeek(f.WorkDays) >= 1
                ? F($"Because you spend your weekdays at {place.Name ?? "a university"}") : null),
        new(["lifestyle.work_life_balance", "work_life.home.work_life_balance"], f =>
        {
            var weekend = f.PerWeek(f.WorkHoursByDay.Where(kv => kv.Key.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).Sum(kv => kv.Value));
            return f.WorkHoursPerWeek is >= 20 and <= 45 && weekend < 1 && f.PerWeek(f.LateWorkEnds) < 0.5 && f.WorkNights == 0
                ? F($"Because you work about {f.WorkHoursPerWeek:F0} hours a week, rarely late and not at weekends") : null;
        }),
        new(["behavior.work_traveller", "work_life.work.work_traveller"], f =>
        {
            var elsewhere = f.Visits.Count(s => s.IsA(PlaceCategories.Office) && s.Duration >= TimeSpan.FromHours(2));
            return f.PerWeek(elsewhere) >= 1 ? F($"Because you worked at other offices about {f.PerWeek(elsewhere):F1} times a week") : null;
        }),
        new(["behavior.recently_changed_job", "work_life.work.recently_changed_job"], f =>
            Moved(f, daytime: true) is { } km ? F($"Because your weekday place moved about {km:F1} km in the last weeks") : null),
        new(["behavior.recently_moved_home", "work_life.home.recently_moved_home"], f =>
            Moved(f, daytime: false) is { } km ? F($"Because the place where you sleep moved about {km:F1} km in the last weeks") : null),

        // ---- Home and work place ----
        new(["behavior.city_home", "work_life.home.city_home"], f => CityType(f.Timeline.HomeAddress, "city", "home")),
        new(["behavior.town_home", "work_life.home.town_home"], f => CityType(f.Timeline.HomeAddress, "town", "home")),
        new(["behavior.rural_home", "work_life.home.rural_home"], f => CityType(f.Timeline.HomeAddress, "village", "home")),
        new(["behavior.city_worker", "work_life.work.city_worker"], f => CityType(f.Timeline.WorkAddress, "city", "work")),
        new(["behavior.town_worker", "work_life.work.town_worker"], f => CityType(f.Timeline.WorkAddress, "town", "work")),
        new(["behavior.rural_worker", "work_life.work.rural_worker"], f => CityType(f.Timeline.WorkAddress, "village", "work")),
        new(["geography.home.antwerpen", "other.geography.home.antwerp"], f => InCity(f.Timeline.HomeAddress, "home", "Antwerpen", "Antwerp", "Anvers")),
        new(["geography.home.bruxelles", "other.geography.home.brussels"], f => InCity(f.Timeline.HomeAddress, "home", "Brussels", "Bruxelles", "Brussel")),
        new(["geography.home.gent", "other.geography.home.ghent"], f => InCity(f.Timeline.HomeAddress, "home", "Gent", "Ghent", "Gand")),
        new(["geography.work.antwerpen", "other.geography.work.antwerp"], f => InCity(f.Timeline.WorkAddress, "work", "Antwerpen", "Antwerp", "Anvers")),
        new(["geography.work.bruxelles", "other.geography.work.brussels"], f => InCity(f.Timeline.WorkAddress, "work", "Brussels", "Bruxelles", "Brussel")),
        new(["geography.work.gent", "other.geography.work.ghent"], f => InCity(f.Timeline.WorkAddress, "work", "Gent", "Ghent", "Gand")),

        // ---- Home life ----
        new(["behavior.early_bird", "work_life.home.early_bird"], f =>
            f.Rhythm.Nights >= 7 && f.Rhythm.WakeMinute <= 6.5 * 60 ? F($"Because you usually get up around {Clock(f.Rhythm.WakeMinute)}") : null),
        new(["behavior.night_owl", "work_life.home.night_owl"], f =>
            f.Rhythm.Nights >= 7 && f.WorkNights == 0 && f.Rhythm.BedMinute >= 24.5 * 60 && f.Rhythm.BedMinute < 30 * 60
                ? F($"Because you usually go to bed around {Clock(f.Rhythm.BedMinute)}") : null),
        new(["work_life.home.sleep_deprived"], f =>
            f.Rhythm.Nights >= 7 && 1440 - (f.Rhythm.BedMinute - f.Rhythm.WakeMinute) < 6 * 60
                ? F($"Because you usually sleep only about {(1440 - (f.Rhythm.BedMinute - f.Rhythm.WakeMinute)) / 60:F1} hours") : null),
        new(["lifestyle.couch_potato", "work_life.home.homebody"], f =>
            WeekendHomeShare(f) is { } share && share >= 0.8 ? F($"Because you spend {Percent(share)} of your weekend daytime at home") : null),
        new(["work_life.home.home_bound"], f =>
        {
            var total = f.Timeline.Stays.Sum(s => s.Duration.TotalHours);
            var home = f.Timeline.Stays.Where(s => s.IsHome).Sum(s => s.Duration.TotalHours);
            var farthest = f.Timeline.Stays.Select(s => f.Timeline.FromHomeMeters(s) ?? double.MaxValue).DefaultIfEmpty(0).Max();
            return f.Timeline.Home is not null && total > 0 && home / total >= 0.9 && farthest < 10_000
                ? F($"Because you spent {Percent(home / total)} of your time at home and never went further than {farthest / 1000:F1} km") : null;
        }),
        new(["lifestyle.dog_walker", "work_life.home.dog_walker", "work_life.home.pet_owner"], f =>
        {
            var walks = f.Timeline.Journeys.Count(j => f.Timeline.Stays[j.From].IsHome && f.Timeline.Stays[j.To].IsHome
                && j.Legs.All(l => l.Mode == TransportModes.Walking) && j.Duration >= TimeSpan.FromMinutes(10) && j.Duration <= TimeSpan.FromMinutes(90));
            return f.PerWeek(walks) >= 7 ? F($"Because you take about {f.PerWeek(walks):F1} walks a week from your door and back") : null;
        }),
        new(["lifestyle.uber_parent", "work_life.family.uber_parent"], f =>
        {
            var drops = f.Timeline.Stays.Count(s => s.IsA(PlaceCategories.ChildCare) && s.Duration <= TimeSpan.FromMinutes(30));
            return f.PerWeek(drops) >= 2 ? F($"Because you stop briefly at a school or day care about {f.PerWeek(drops):F1} times a week") : null;
        }),
        new(["work_life.home.do_it_yourselver"], f => Visitor(f, PlaceCategories.DoItYourself, 0.5, "DIY stores")),

        // ---- Leisure ----
        new(["lifestyle.sportive", "leisure.wellbeing.sportive"], f =>
        {
            var runs = f.Timeline.Legs.Count(l => l.Mode == TransportModes.Running && l.Duration >= TimeSpan.FromMinutes(15));
            var sessions = f.VisitsTo(PlaceCategories.Sport) + runs;
            return f.PerWeek(sessions) >= 1.5 ? F($"Because you did sports about {f.PerWeek(sessions):F1} times a week{Favourite(f, PlaceCategories.Sport, ", mostly at ")}") : null;
        }),
        new(["lifestyle.resto_lover", "leisure.wining_and_dining.resto_lover"], f => Visitor(f, PlaceCategories.Restaurant, 3.5, "restaurants")),
        new(["lifestyle.culture_buff", "leisure.entertainment.culture_buff"], f => Visitor(f, PlaceCategories.Culture, 1.25, "museums and cultural venues")),
        new(["behavior.shopaholic", "leisure.shopping.shopaholic"], f =>
            f.PerWeek(f.VisitsTo(PlaceCategories.Fashion)) >= 2 || f.PerWeek(f.VisitsTo(PlaceCategories.Shop)) >= 7
                ? F($"Because you went shopping about {f.PerWeek(f.VisitsTo(PlaceCategories.Shop)):F1} times a week{Favourite(f, PlaceCategories.Shop, ", mostly at ")}") : null),
        new(["leisure.shopping.fashionista"], f => Visitor(f, PlaceCategories.Fashion, 1.5, "clothes shops")),
        new(["leisure.shopping.foodie"], f => Visitor(f, Fresh, 3, "bakeries and fresh-food shops")),
        new(["leisure.shopping.beauty_queen"], f => Visitor(f, PlaceCategories.Beauty, 0.5, "beauty shops")),
        new(["lifestyle.clubber", "leisure.entertainment.clubber"], f =>
        {
            var late = f.Visits.Count(s => s.IsA(PlaceCategories.Bar) && (f.Timeline.LocalMinute(s.End) >= 22 * 60 || f.Timeline.LocalMinute(s.End) < 5 * 60));
            return f.PerWeek(late) >= 1.5 ? F($"Because you stayed out at bars after 22:00 about {f.PerWeek(late):F1} times a week") : null;
        }),
        new(["leisure.entertainment.bar_goer"], f => Visitor(f, PlaceCategories.Bar, 1, "bars")),
        new(["leisure.entertainment.music_lover"], f => Visitor(f, PlaceCategories.Music, 0.5, "concert venues")),
        new(["leisure.entertainment.gamer"], f => Visitor(f, PlaceCategories.Gambling, 0.5, "casinos and betting shops")),
        new(["leisure.entertainment.nature_lover"], f => Visitor(f, PlaceCategories.Nature, 1, "parks and nature")),
        new(["lifestyle.healthy_biker", "leisure.wellbeing.healthy_biker"], f =>
            f.KmPerWeek(TransportModes.Biking) >= 20 ? F($"Because you cycle about {f.KmPerWeek(TransportModes.Biking):F0} km a week") : null),
        new(["lifestyle.healthy_walker", "leisure.wellbeing.healthy_walker"], f =>
            f.KmPerWeek(TransportModes.Walking, TransportModes.Running) >= 15 ? F($"Because you walk about {f.KmPerWeek(TransportModes.Walking, TransportModes.Running):F0} km a week") : null),
        new(["lifestyle.physical_activity.high", "leisure.wellbeing.physical_activity.high"], f => Active(f, 300, double.MaxValue)),
        new(["lifestyle.physical_activity.moderate", "leisure.wellbeing.physical_activity.moderate"], f => Active(f, 150, 300)),
        new(["lifestyle.physical_activity.limited", "leisure.wellbeing.physical_activity.limited"], f => Active(f, 0, 150)),
        new(["lifestyle.social_activity.high", "work_life.social.social_activity.high"], f => Social(f, 6, double.MaxValue)),
        new(["lifestyle.social_activity.moderate", "work_life.social.social_activity.moderate"], f => Social(f, 2, 6)),
        new(["lifestyle.social_activity.limited", "work_life.social.social_activity.limited"], f => Social(f, 0, 2)),

        // ---- Cuisine ----
        Cuisine("american", "american", "burger"),
        Cuisine("asian", "asian", "chinese", "japanese", "thai", "vietnamese", "sushi", "indian", "korean"),
        Cuisine("french", "french"),
        Cuisine("german", "german"),
        Cuisine("greek", "greek"),
        Cuisine("grill", "grill", "steak_house"),
        Cuisine("barbecue", "barbecue"),
        Cuisine("international", "international"),
        Cuisine("italian", "italian", "pizza"),
        Cuisine("mexican", "mexican"),
        Cuisine("seafood", "seafood", "fish"),
        Cuisine("mediterranean", "mediterranean", "spanish", "lebanese", "turkish"),
        new(["leisure.wining_and_dining.resto_lover.fastfood"], f => Visitor(f, PlaceCategories.FastFood, 2, "fast-food places")),
        new(["leisure.wining_and_dining.resto_lover.snack"], f => Visitor(f, Snack, 2, "snack bars")),

        // ---- Brand loyalty ----
        new(["lifestyle.brand_loyalty.supermarket", "leisure.shopping.brand_loyalty.supermarket"], f => Loyal(f, Supermarket, 0.7, "shop at")),
        new(["lifestyle.brand_loyalty.gas_stations", "mobility.driving.brand_loyalty.gas_stations"], f => Loyal(f, PlaceCategories.Fuel, 0.7, "refuel at")),
        new(["lifestyle.brand_loyalty.restaurant_bar", "leisure.wining_and_dining.brand_loyalty.restaurant_bar"],
            f => Loyal(f, RestaurantOrBar, 0.5, "go to")),
        new(["leisure.wining_and_dining.brand_loyal.restaurant"], f => Loyal(f, PlaceCategories.Restaurant, 0.5, "eat at")),
        new(["leisure.wining_and_dining.brand_loyal.bar"], f => Loyal(f, PlaceCategories.Bar, 0.5, "go out at")),
        new(["leisure.wining_and_dining.brand_loyal.cafe"], f => Loyal(f, PlaceCategories.Cafe, 0.5, "have coffee at")),
        new(["leisure.shopping.brand_loyal.retail"], f => Loyal(f, PlaceCategories.Fashion, 0.6, "shop at")),
    ];

    private static string F(FormattableString text) => text.ToString(Invariant);

    private static string Percent(double share) => F($"{share * 100:F0}%");

    private static string Percent(int part, int whole) => Percent(whole == 0 ? 0 : (double)part / whole);

    private static string Clock(double minute)
    {
        var m = (int)Math.Round(((minute % 1440) + 1440) % 1440);
        return F($"{m / 60:D2}:{m % 60:D2}");
    }

    private static string WorkName(SegmentFeatures f) =>
        f.Timeline.WorkPlace?.Name ?? (f.Timeline.WorkAddress?.City is { } city ? "your workplace in " + city : "your workplace");

    private static string? Commuter(SegmentFeatures f, Func<double, bool> distance)
    {
        if (f.Timeline.HomeWorkMeters is not { } meters || f.PerWeek(f.WorkDays) < 1 || !distance(meters))
        {
            return null;
        }

        var from = f.Timeline.HomeAddress?.City;
        var to = f.Timeline.WorkAddress?.City;
        return from is not null && to is not null
            ? F($"Because your commute distance from {from} to {to} is about {meters / 1000:F1} km")
            : F($"Because your commute distance from home to work is about {meters / 1000:F1} km");
    }

    private static double Km(SegmentFeatures f) => f.PerWeek(f.Timeline.Legs.Sum(l => l.DistanceMeters) / 1000);

    private static string? Band(SegmentFeatures f, double kmPerWeek, double low, double high, string verb) =>
        kmPerWeek >= low && kmPerWeek < high ? F($"Because you {verb} about {kmPerWeek:F0} km a week") : null;

    private static string? Driver(SegmentFeatures f, double perWeek, double low, double high, string unit)
    {
        if (f.CarLegs.Count < 4 || perWeek < low || perWeek >= high)
        {
            return null;
        }

        return unit == "hours" ? F($"Because you drive about {perWeek:F1} hours a week") : F($"Because you drive about {perWeek:F0} km a week");
    }

    /// <summary>Share of the driving time between 22:00 and 06:00.</summary>
    private static double NightShare(SegmentFeatures f) => f.CarNightShare;

    /// <summary>Share of the car kilometres on legs whose average speed satisfies <paramref name="speed"/> (km/h).</summary>
    private static double CarShare(SegmentFeatures f, Func<double, bool> speed)
    {
        var total = f.CarLegs.Sum(l => l.DistanceMeters);
        var matching = f.CarLegs.Where(l => l.Duration > TimeSpan.Zero && speed(l.DistanceMeters / l.Duration.TotalSeconds * 3.6)).Sum(l => l.DistanceMeters);
        return total > 0 ? matching / total : 0;
    }

    /// <summary>No work on at least 60 % of the observed weekdays (days on a trip do not count).</summary>
    private static string? Homeworker(SegmentFeatures f)
    {
        var weekdays = f.Timeline.Days.Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !f.Timeline.IsAway(d)).ToList();
        var without = weekdays.Count(d => f.WorkHoursByDay.GetValueOrDefault(d) < 0.5);
        return weekdays.Count >= 10 && without >= 0.6 * weekdays.Count
            ? F($"Because you did not go to a workplace on {without} of your {weekdays.Count} weekdays") : null;
    }

    /// <summary>Kilometres the dominant night (or weekday daytime) place moved between the first five and the last three weeks, when over 1 km.</summary>
    private static double? Moved(SegmentFeatures f, bool daytime)
    {
        if (f.Timeline.Days.Count < 35)
        {
            return null;
        }

        var split = f.Timeline.Days[^1].AddDays(-21);
        (double Lat, double Lon)? Dominant(Func<DateOnly, bool> when)
        {
            var stays = f.Timeline.Stays.Where(s => when(f.Timeline.LocalDay(s.Start)) && s.Duration >= TimeSpan.FromHours(4)
                && (daytime ? f.Timeline.LocalMinute(s.Start) is >= 6 * 60 and < 14 * 60 && f.Timeline.LocalDay(s.Start).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) : Covers3(f, s)))
                .ToList();
            if (stays.Count < 5)
            {
                return null;
            }

            // The place with the most such stays within 300 m of each other.
            var best = stays.OrderByDescending(s => stays.Count(o => Geo.GeoMath.ApproxDistanceMeters(s.Latitude, s.Longitude, o.Latitude, o.Longitude) < 300))
                .ThenBy(s => s.Start).First();
            return stays.Count(o => Geo.GeoMath.ApproxDistanceMeters(best.Latitude, best.Longitude, o.Latitude, o.Longitude) < 300) >= 0.6 * stays.Count
                ? (best.Latitude, best.Longitude) : null;
        }

        var before = Dominant(d => d < split);
        var after = Dominant(d => d >= split);
        if (before is null || after is null)
        {
            return null;
        }

        var meters = Geo.GeoMath.DistanceMeters(before.Value.Lat, before.Value.Lon, after.Value.Lat, after.Value.Lon);
        return meters >= 1000 ? meters / 1000 : null;
    }

    private static bool Covers3(SegmentFeatures f, InsightStay s)
    {
        var minute = f.Timeline.LocalMinute(s.Start);
        return ((180 - minute) % 1440 + 1440) % 1440 < s.Duration.TotalMinutes;
    }

    private static string? CityType(Address? address, string type, string what) =>
        address?.CityType is { } t && string.Equals(t, type, StringComparison.OrdinalIgnoreCase) && address.City is { } city
            ? F($"Because your {what} is in {city}, a {type}") : null;

    private static string? InCity(Address? address, string what, params string[] names) =>
        address?.City is { } city && names.Contains(city, StringComparer.OrdinalIgnoreCase) ? F($"Because your {what} is in {city}") : null;

    private static double? WeekendHomeShare(SegmentFeatures f)
    {
        double home = 0, total = 0;
        foreach (var s in f.Timeline.Stays.Concat<object>(f.Timeline.Legs))
        {
            var (start, end, isHome) = s is InsightStay st ? (st.Start, st.End, st.IsHome) : (((InsightLeg)s).Start, ((InsightLeg)s).End, false);
            foreach (var (day, from, to) in f.Timeline.SplitByDay(start, end))
            {
                if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    continue;
                }

                // Daytime 09:00–21:00.
                var a = f.Timeline.At(day, 9 * 60);
                var b = f.Timeline.At(day, 21 * 60);
                var overlap = ((to < b ? to : b) - (from > a ? from : a)).TotalHours;
                if (overlap > 0)
                {
                    total += overlap;
                    home += isHome ? overlap : 0;
                }
            }
        }

        return total >= 24 ? home / total : null;
    }

    private static string? Visitor(SegmentFeatures f, IReadOnlySet<string> categories, double perWeek, string what)
    {
        var visits = f.VisitsTo(categories);
        return f.PerWeek(visits) >= perWeek ? F($"Because you went to {what} about {f.PerWeek(visits):F1} times a week{Favourite(f, categories, ", most often ")}") : null;
    }

    /// <summary>", most often Chez Marcel" when one named place has most of the visits.</summary>
    private static string Favourite(SegmentFeatures f, IReadOnlySet<string> categories, string lead)
    {
        var top = f.Visits.Where(s => s.IsA(categories) && s.Place?.Name is not null).GroupBy(s => s.Place!.Name!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
        return top is not null && top.Count() >= 3 ? lead + top.Key : string.Empty;
    }

    private static SegmentRule Cuisine(string id, params string[] cuisines) =>
        new(["leisure.wining_and_dining.resto_lover." + id], f =>
        {
            var restaurants = f.Visits.Where(s => s.IsA(PlaceCategories.Restaurant)).ToList();
            var matching = restaurants.Count(s => s.Place!.Categories.Any(c => cuisines.Contains(c, StringComparer.Ordinal)));
            return f.PerWeek(matching) >= 1 && matching >= 0.4 * restaurants.Count
                ? F($"Because {matching} of your {restaurants.Count} restaurant visits were {id.Replace('_', ' ')} cuisine") : null;
        });

    /// <summary>At least four visits to places of the kind, and a <paramref name="share"/> of them to one brand (the first word of the name).</summary>
    private static string? Loyal(SegmentFeatures f, IReadOnlySet<string> categories, double share, string verb)
    {
        var named = f.Visits.Where(s => s.IsA(categories) && !string.IsNullOrWhiteSpace(s.Place?.Name)).ToList();
        if (named.Count < 4)
        {
            return null;
        }

        var top = named.GroupBy(s => s.Place!.Name!.Split(' ', 2)[0], StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        if (top.Count() < share * named.Count)
        {
            return null;
        }

        var name = top.GroupBy(s => s.Place!.Name!, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        return F($"Because you usually {verb} {name}");
    }

    /// <summary>Weekly minutes on foot, by bike or running, plus sports sessions.</summary>
    private static string? Active(SegmentFeatures f, double low, double high)
    {
        var minutes = f.PerWeek(f.Timeline.Legs.Where(l => l.Mode is TransportModes.Walking or TransportModes.Biking or TransportModes.Running).Sum(l => l.Duration.TotalMinutes)
            + f.Visits.Where(s => s.IsA(PlaceCategories.Sport)).Sum(s => Math.Min(s.Duration.TotalMinutes, 120)));
        return minutes >= low && minutes < high ? F($"Because you are active (walking, cycling, sport) about {minutes:F0} minutes a week") : null;
    }

    /// <summary>Weekly hours at restaurants, cafés, bars, culture and sport; only when places are known at all.</summary>
    private static string? Social(SegmentFeatures f, double low, double high)
    {
        if (!f.KnowsPlaces)
        {
            return null;
        }

        var hours = f.PerWeek(f.Visits.Where(s => s.IsA(PlaceCategories.Social)).Sum(s => Math.Min(s.Duration.TotalHours, 6)));
        return hours >= low && hours < high ? F($"Because you spend about {hours:F1} hours a week at restaurants, bars, cultural or sports venues") : null;
    }
}
