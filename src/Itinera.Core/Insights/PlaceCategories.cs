using System.Collections.Frozen;

namespace Itinera.Core.Insights;

/// <summary>
/// Groups of place-candidate categories (OpenStreetMap tag values, as in <c>category_hierarchy</c>) that the
/// moment, segment and anomaly rules look for. A stay is "at a restaurant" when one of its place candidate's
/// categories is in <see cref="Restaurant"/>.
/// </summary>
public static class PlaceCategories
{
    public static readonly FrozenSet<string> Sport = Set("fitness_centre", "sports_centre", "gym", "fitness", "stadium", "pitch", "swimming_pool", "sport");
    public static readonly FrozenSet<string> FoodShop = Set("supermarket", "bakery", "greengrocer", "butcher", "convenience", "grocery", "deli", "marketplace");
    public static readonly FrozenSet<string> Fashion = Set("clothes", "shoes", "fashion", "boutique", "department_store", "mall");
    public static readonly FrozenSet<string> Shop = Set([.. FoodShop, .. Fashion, "shop", "doityourself", "hardware", "beauty", "cosmetics"]);
    public static readonly FrozenSet<string> Restaurant = Set("restaurant", "food_court");
    public static readonly FrozenSet<string> FastFood = Set("fast_food", "ice_cream");
    public static readonly FrozenSet<string> Cafe = Set("cafe");
    public static readonly FrozenSet<string> Bar = Set("bar", "pub", "nightclub", "biergarten");
    public static readonly FrozenSet<string> EatingOut = Set([.. Restaurant, .. FastFood, .. Cafe]);
    public static readonly FrozenSet<string> Culture = Set("museum", "theatre", "arts_centre", "gallery", "opera");
    public static readonly FrozenSet<string> Entertainment = Set([.. Culture, "cinema", "concert_hall", "music_venue", "bowling_alley"]);
    public static readonly FrozenSet<string> Music = Set("concert_hall", "music_venue", "opera");
    public static readonly FrozenSet<string> Nature = Set("park", "nature_reserve", "garden", "zoo", "beach_resort", "beach");
    public static readonly FrozenSet<string> Office = Set("office", "company", "conference_centre", "coworking", "coworking_space");
    public static readonly FrozenSet<string> Education = Set("university", "college");
    public static readonly FrozenSet<string> ChildCare = Set("school", "kindergarten", "childcare");
    public static readonly FrozenSet<string> Fuel = Set("fuel");
    public static readonly FrozenSet<string> Beauty = Set("beauty", "cosmetics", "hairdresser", "perfumery");
    public static readonly FrozenSet<string> Gambling = Set("casino", "gambling", "bookmaker", "lottery");
    public static readonly FrozenSet<string> DoItYourself = Set("doityourself", "hardware", "trade");

    /// <summary>Social places: where one meets people outside home and work.</summary>
    public static readonly FrozenSet<string> Social = Set([.. EatingOut, .. Bar, .. Entertainment, .. Sport]);

    private static FrozenSet<string> Set(params string[] values) => values.ToFrozenSet(StringComparer.Ordinal);
}
