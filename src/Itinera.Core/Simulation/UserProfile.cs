using Itinera.Core.Timeline;

namespace Itinera.Core.Simulation;

/// <summary>
/// The places of one simulated user, chosen once from the user's own random stream so that the persona's
/// routine is plausible: a commuter by tram lives and works near the same tram line, a walker within 2 km of
/// work, a train commuter near a city station with work near the town station, and so on.
/// </summary>
internal sealed class UserProfile
{
    private UserProfile(Persona persona, PointOfInterest home, PointOfInterest? work)
    {
        Persona = persona;
        Home = home;
        Work = work;
    }

    public Persona Persona { get; }

    public PointOfInterest Home { get; }

    public PointOfInterest? Work { get; }

    /// <summary>Restaurants, cafés and snack bars within walking distance of work, else the two nearest restaurants.</summary>
    public List<PointOfInterest> LunchPlaces { get; private init; } = [];

    /// <summary>Cafés and bakeries near home for a lunch break on home-office days.</summary>
    public List<PointOfInterest> NearHomeLunch { get; private init; } = [];

    public List<PointOfInterest> DinnerPlaces { get; private init; } = [];

    public List<PointOfInterest> Bars { get; private init; } = [];

    public List<PointOfInterest> Groceries { get; private init; } = [];

    public List<PointOfInterest> FashionShops { get; private init; } = [];

    public List<PointOfInterest> Gyms { get; private init; } = [];

    public PointOfInterest Park { get; private init; } = null!;

    public List<PointOfInterest> Museums { get; private init; } = [];

    /// <summary>Homes 2–3.5 km from home where runs turn back.</summary>
    public List<PointOfInterest> RunTurnarounds { get; private init; } = [];

    /// <summary>The POI of the resort farthest from the hotel, where holiday runs turn back.</summary>
    public PointOfInterest CoastTurnaround { get; private init; } = null!;

    /// <summary>Places of a day trip to the town: a museum or park, then a restaurant.</summary>
    public List<PointOfInterest> TownSights { get; private init; } = [];

    public List<PointOfInterest> TownRestaurants { get; private init; } = [];

    public PointOfInterest Hotel { get; private init; } = null!;

    public PointOfInterest Beach { get; private init; } = null!;

    public List<PointOfInterest> CoastRestaurants { get; private init; } = [];

    public static UserProfile Create(SyntheticCity city, Persona persona, SimulationRandom random)
    {
        var (home, work) = ChooseHomeAndWork(city, persona, random);
        var anchor = work ?? home;
        var lunch = city.Nearest(PoiCategory.Restaurant, anchor.Area, anchor.Latitude, anchor.Longitude, 3)
            .Concat(city.Nearest(PoiCategory.Cafe, anchor.Area, anchor.Latitude, anchor.Longitude, 1))
            .Concat(city.Nearest(PoiCategory.FastFood, anchor.Area, anchor.Latitude, anchor.Longitude, 1))
            .Where(poi => Distance(poi, anchor) < 900)
            .OrderBy(poi => poi.Id)
            .ToList();
        if (lunch.Count < 2)
        {
            // Nothing close to work (a business park): the two nearest restaurants, reached by the errand mode.
            lunch = [.. lunch.Concat(city.Nearest(PoiCategory.Restaurant, anchor.Area, anchor.Latitude, anchor.Longitude, 2)).Distinct().OrderBy(poi => poi.Id)];
        }

        var restaurants = city.PoisOf(PoiCategory.Restaurant, CityArea.City);
        var dinner = city.Nearest(PoiCategory.Restaurant, CityArea.City, home.Latitude, home.Longitude, 2)
            .Concat(Sample(restaurants, 3, random))
            .Distinct()
            .ToList();
        var bars = city.Nearest(PoiCategory.Bar, CityArea.City, home.Latitude, home.Longitude, 1)
            .Concat(Sample(city.PoisOf(PoiCategory.Bar, CityArea.City), 2, random))
            .Distinct()
            .ToList();
        var groceries = city.Nearest(PoiCategory.Supermarket, CityArea.City, home.Latitude, home.Longitude, 2)
            .Concat(city.Nearest(PoiCategory.Bakery, CityArea.City, home.Latitude, home.Longitude, 1))
            .ToList();
        var gyms = city.Nearest(PoiCategory.FitnessCentre, CityArea.City, anchor.Latitude, anchor.Longitude, 1)
            .Concat(city.Nearest(PoiCategory.FitnessCentre, CityArea.City, home.Latitude, home.Longitude, 1))
            .Concat(random.Chance(0.5) ? city.Nearest(PoiCategory.SportsCentre, CityArea.City, home.Latitude, home.Longitude, 1) : [])
            .Distinct()
            .ToList();
        var nearHomeLunch = city.Nearest(PoiCategory.Cafe, CityArea.City, home.Latitude, home.Longitude, 1)
            .Concat(city.Nearest(PoiCategory.Bakery, CityArea.City, home.Latitude, home.Longitude, 1))
            .ToList();
        var turnarounds = city.PoisOf(PoiCategory.Home, CityArea.City)
            .Where(poi => Distance(poi, home) is > 2000 and < 3500)
            .ToList();
        if (turnarounds.Count == 0)
        {
            turnarounds = [city.PoisOf(PoiCategory.Home, CityArea.City).OrderByDescending(poi => Distance(poi, home)).ThenBy(poi => poi.Id).First()];
        }

        var hotel = random.Pick(city.PoisOf(PoiCategory.Hotel, CityArea.Coast));
        var coastTurnaround = city.PointsOfInterest.Where(poi => poi.Area == city.AreaOf(CityArea.Coast))
            .OrderByDescending(poi => Distance(poi, hotel)).ThenBy(poi => poi.Id).First();
        var townSights = city.PoisOf(PoiCategory.Museum, CityArea.Town).Concat(city.PoisOf(PoiCategory.Park, CityArea.Town)).ToList();
        return new UserProfile(persona, home, work)
        {
            LunchPlaces = lunch,
            NearHomeLunch = nearHomeLunch,
            DinnerPlaces = dinner,
            Bars = bars,
            Groceries = groceries,
            FashionShops = Sample(city.PoisOf(PoiCategory.Clothes, CityArea.City), 4, random),
            Gyms = gyms,
            Park = city.Nearest(PoiCategory.Park, CityArea.City, home.Latitude, home.Longitude, 1)[0],
            Museums = [.. city.PoisOf(PoiCategory.Museum, CityArea.City)],
            RunTurnarounds = Sample(turnarounds, 3, random),
            CoastTurnaround = coastTurnaround,
            TownSights = townSights,
            TownRestaurants = [.. city.PoisOf(PoiCategory.Restaurant, CityArea.Town).Concat(city.PoisOf(PoiCategory.Cafe, CityArea.Town))],
            Hotel = hotel,
            Beach = random.Pick(city.PoisOf(PoiCategory.Beach, CityArea.Coast)),
            CoastRestaurants = [.. city.PoisOf(PoiCategory.Restaurant, CityArea.Coast).Concat(city.PoisOf(PoiCategory.Cafe, CityArea.Coast))],
        };
    }

    private static (PointOfInterest Home, PointOfInterest? Work) ChooseHomeAndWork(SyntheticCity city, Persona persona, SimulationRandom random)
    {
        var homes = city.PoisOf(PoiCategory.Home, CityArea.City);
        var workCategory = persona.Workplace switch
        {
            Workplace.University => PoiCategory.University,
            Workplace.Hospital => PoiCategory.Hospital,
            _ => PoiCategory.Office,
        };
        if (persona.Workplace == Workplace.None || persona.CommuteMode is null)
        {
            return (random.Pick(homes), null);
        }

        var workplaces = city.PoisOf(workCategory, persona.WorkArea);
        PointOfInterest? fallbackHome = null;
        PointOfInterest? fallbackWork = null;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            PointOfInterest home;
            PointOfInterest work;
            switch (persona.CommuteMode)
            {
                case TransportModes.Bus or TransportModes.Tram or TransportModes.Subway:
                    {
                        var kind = persona.CommuteMode switch
                        {
                            TransportModes.Bus => TransitKind.Bus,
                            TransportModes.Tram => TransitKind.Tram,
                            _ => TransitKind.Subway,
                        };
                        var line = random.Pick(city.Lines.Where(l => l.Kind == kind).ToList());
                        var a = random.Next(line.Stops.Count);
                        var b = random.Next(line.Stops.Count);
                        if (Math.Abs(a - b) < (kind == TransitKind.Subway ? 3 : 5))
                        {
                            continue;
                        }

                        home = random.Pick(city.Nearest(PoiCategory.Home, CityArea.City, line.Stops[a].Latitude, line.Stops[a].Longitude, 4));
                        work = random.Pick(city.Nearest(workCategory, persona.WorkArea, line.Stops[b].Latitude, line.Stops[b].Longitude, 2));
                        fallbackHome ??= home;
                        fallbackWork ??= work;
                        var plan = city.Routes.Transit(Anchor.Of(home), Anchor.Of(work), RouteCache.Mask(kind));
                        if (plan is null || !plan.Legs.Any(leg => leg.Line?.Kind == kind))
                        {
                            continue;
                        }

                        return (home, work);
                    }

                case TransportModes.Train:
                    {
                        var line = city.Lines.First(l => l.Kind == TransitKind.Train);
                        var cityStations = line.Stops.Take(3).ToList();
                        var station = random.Pick(cityStations);
                        var townStation = line.Stops[3];
                        home = random.Pick(city.Nearest(PoiCategory.Home, CityArea.City, station.Latitude, station.Longitude, 6));
                        work = random.Pick(city.Nearest(workCategory, persona.WorkArea, townStation.Latitude, townStation.Longitude, 4));
                        fallbackHome ??= home;
                        fallbackWork ??= work;
                        var plan = city.Routes.Transit(Anchor.Of(home), Anchor.Of(work), RouteCache.Mask(TransitKind.Train));
                        if (plan is null || !plan.Legs.Any(leg => leg.Line?.Kind == TransitKind.Train))
                        {
                            continue;
                        }

                        return (home, work);
                    }

                default:
                    {
                        home = random.Pick(homes);
                        work = random.Pick(workplaces);
                        fallbackHome ??= home;
                        fallbackWork ??= work;
                        var (min, max) = persona.WorkArea != CityArea.City ? (0.0, double.MaxValue) : persona.CommuteMode switch
                        {
                            TransportModes.Walking => (600.0, 2000.0),
                            TransportModes.Biking => (1500.0, 6000.0),
                            _ => (3000.0, 8000.0),
                        };
                        var distance = Distance(home, work);
                        if (distance < min || distance > max)
                        {
                            continue;
                        }

                        return (home, work);
                    }
            }
        }

        return (fallbackHome ?? random.Pick(homes), fallbackWork ?? random.Pick(workplaces));
    }

    private static List<PointOfInterest> Sample(IReadOnlyList<PointOfInterest> pois, int count, SimulationRandom random)
    {
        var indices = Enumerable.Range(0, pois.Count).ToArray();
        for (var i = indices.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        return [.. indices.Take(Math.Min(count, pois.Count)).Select(i => pois[i])];
    }

    private static double Distance(PointOfInterest a, PointOfInterest b) =>
        Geodesy.DistanceMeters(a.Latitude, a.Longitude, b.Latitude, b.Longitude);
}
