using System.Collections.Frozen;
using System.Collections.ObjectModel;

namespace Itinera.Core.Catalogues;

/// <summary>
/// The fixed catalogue of moment definitions served by <c>GET /v2/moment_definitions</c>.
/// </summary>
/// <remarks>
/// Covers every id of the platform's moment definition list plus the three "geography" moments
/// (<c>nearby_poi</c>, <c>nearby_home</c>, <c>nearby_work</c>) that real exports also contain.
/// Display names and descriptions are our own wording. Lookups are ordinal and case-sensitive.
/// </remarks>
public static class MomentCatalogue
{
    /// <summary>
    /// Every moment definition, ordered by <see cref="MomentDefinition.Category"/> (ordinal),
    /// then in the order listed within each category.
    /// </summary>
    public static IReadOnlyList<MomentDefinition> All { get; } = Order(
    [
        // about_to_routine: predictions that a routine activity starts soon.
        new("about_to_working", "about_to_routine", "About to work at work",
            "Active when the user is expected to start working at their usual work location shortly."),
        new("about_to_commute_from_home", "about_to_routine", "About to commute to work",
            "Active when the user is expected to set off from home towards work shortly."),
        new("about_to_commute_from_work", "about_to_routine", "About to commute to home",
            "Active when the user is expected to set off from work towards home shortly."),
        new("about_to_children_drop_off", "about_to_routine", "About to drop off/pick up kids",
            "Active when the user is expected to take children somewhere or collect them shortly."),
        new("about_to_sport", "about_to_routine", "About to sport",
            "Active when the user is expected to head out for a sports session shortly."),
        new("about_to_shopping", "about_to_routine", "About to go shopping",
            "Active when the user is expected to go on a shopping trip shortly."),

        // activity: what the user is doing, or is predicted to be heading to.
        new("working_at_work", "activity", "Working at work",
            "Active while the user works at their usual work location, and kept active through brief outings such as fetching lunch nearby."),
        new("working_remote", "activity", "Working remote",
            "Active while the user works somewhere other than their usual workplace, including the journey there."),
        new("home", "activity", "Home",
            "Active while the user is at home, and kept active during short walks around the neighbourhood."),
        new("commute_from_work", "activity", "Commute to home",
            "Active while the user travels from work back home, and kept active through short stops on the way."),
        new("commute_from_home", "activity", "Commute to work",
            "Active while the user travels from home to work, and kept active through short stops on the way."),
        new("children_drop_off", "activity", "Kids drop off/pick up",
            "Active while the user is bringing children to, or collecting them from, places such as school or a sports club."),
        new("sport_routine", "activity", "Sporting",
            "Active while the user is exercising or is on the way to where they usually do sports."),
        new("shopping_routine", "activity", "Shopping",
            "Active while the user is shopping or is on the way to where they usually shop."),
        new("evening_entertainment", "activity", "Evening entertainment",
            "Active in the user's personal afternoon or evening while they are at, or heading to, a cultural or leisure venue."),
        new("night_out", "activity", "Night out",
            "Active in the user's personal night while they are at, or heading to, a bar or leisure venue."),
        new("afternoon_drinks", "activity", "Afternoon drinks",
            "Active in the user's personal afternoon or early evening while they are at, or heading to, a place for drinks."),
        new("evening_drinks", "activity", "Evening drinks",
            "Active in the user's personal evening while they are at, or heading to, a place for drinks."),
        new("breakfast_out", "activity", "Breakfast out",
            "Active in the user's personal (late) morning while they are at, or heading to, a cafe or restaurant."),
        new("lunch_out", "activity", "Lunch out",
            "Active around the user's personal lunchtime while they are at, or heading to, a restaurant."),
        new("dinner_out", "activity", "Dinner out",
            "Active in the user's personal evening while they are at, or heading to, a restaurant."),

        // geography: proximity to known places.
        new("nearby_poi", "geography", "Nearby POI",
            "Active while the user is close to a point of interest."),
        new("nearby_home", "geography", "Nearby home",
            "Active while the user is within one kilometre of home without actually being there."),
        new("nearby_work", "geography", "Nearby work",
            "Active while the user is within one kilometre of their usual workplace without actually being there."),

        // location: the city or country the user is in (name carried in the moment metadata).
        new("city_name", "location", "At city",
            "Active while the user is in a particular city, whose name is given in the moment metadata under the key name."),
        new("country", "location", "At country",
            "Active while the user is in a particular country, whose name is given in the moment metadata under the key name."),

        // semantic_time: parts of the day, personalised to the user's own rhythm.
        new("morning", "semantic_time", "Morning",
            "Covers the first half of the user's personal span between waking up and lunch."),
        new("lunch", "semantic_time", "Lunch",
            "Covers the user's personal midday span, which usually includes a meal."),
        new("afternoon", "semantic_time", "Afternoon",
            "Covers the first half of the user's personal span between lunch and evening."),
        new("evening", "semantic_time", "Evening",
            "Covers the user's personal evening, up to the time they go to bed."),
        new("night", "semantic_time", "Night",
            "Covers the time the user is asleep or is expected to be asleep."),

        // travel: trips away from the usual places.
        new("business_trip", "travel", "Business trip",
            "Active when the user is travelling and has visited a conference or an office far from home, until they are back home or at work."),
        new("holiday", "travel", "Leisure trip",
            "Active when the user is far from home or has spent at least one night away, until they are back home or at work."),
    ]);

    // Declared after All on purpose: static initializers run in textual order.
    private static readonly FrozenDictionary<string, MomentDefinition> ById =
        All.ToFrozenDictionary(definition => definition.Id, StringComparer.Ordinal);

    /// <summary>Returns whether <paramref name="id"/> is a known moment definition id (ordinal match).</summary>
    /// <param name="id">A moment definition id, e.g. <c>commute_from_work</c>.</param>
    public static bool Contains(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ById.ContainsKey(id);
    }

    /// <summary>Returns the moment definition with the given id, or <see langword="null"/> when unknown.</summary>
    /// <param name="id">A moment definition id, e.g. <c>commute_from_work</c>.</param>
    public static MomentDefinition? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ById.GetValueOrDefault(id);
    }

    private static ReadOnlyCollection<MomentDefinition> Order(MomentDefinition[] definitions) =>
        Array.AsReadOnly(definitions.OrderBy(definition => definition.Category, StringComparer.Ordinal).ToArray());
}
