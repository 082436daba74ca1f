using System.Collections.Frozen;
using System.Collections.ObjectModel;

namespace Itinera.Core.Catalogues;

/// <summary>
/// The fixed catalogue of segment definitions served by <c>GET /v2/segment_definitions</c>.
/// </summary>
/// <remarks>
/// Three id generations of the platform coexist and are all served so that stored segments of any era resolve:
/// the 2019 ids (<c>behavior.*</c>, <c>driver_behavior.*</c>, <c>geography.*</c>, <c>lifestyle.*</c>,
/// <c>mobility.*</c>) used by the REST examples, the current ids (<c>leisure.*</c>, <c>mobility.commute.*</c>,
/// <c>work_life.*</c>) and the alpha ids (extra <c>driver_behavior.*</c>, <c>mobility.*</c> and
/// <c>other.geography.*</c>). An id shared by several generations appears once. Display names and descriptions
/// are our own wording. Lookups are ordinal and case-sensitive.
/// </remarks>
public static class SegmentCatalogue
{
    /// <summary>
    /// Every segment definition, ordered by <see cref="SegmentDefinition.Category"/> (ordinal),
    /// then in the order listed within each category.
    /// </summary>
    public static IReadOnlyList<SegmentDefinition> All { get; } = Order(
    [
        // behavior (2019 generation)
        Define("behavior.city_home", "City home", "The user's home is located in a city."),
        Define("behavior.city_worker", "City worker", "The user mostly works in a city."),
        Define("behavior.early_bird", "Early bird", "The user's first activity of the morning usually starts earlier than average."),
        Define("behavior.homeworker", "Homeworker", "The user works from home or may not be in employment."),
        Define("behavior.night_owl", "Night owl", "The user's last activity of the evening usually ends later than average."),
        Define("behavior.nightworker", "Nightworker", "The user works during night hours."),
        Define("behavior.recently_changed_job", "Recently changed job", "The user appears to have switched jobs not long ago."),
        Define("behavior.recently_moved_home", "Recently moved home", "The user appears to have moved to a new home not long ago."),
        Define("behavior.rural_home", "Rural home", "The user lives in a town or in the countryside."),
        Define("behavior.rural_worker", "Rural worker", "The user works in a town or in a rural area."),
        Define("behavior.shopaholic", "Shopaholic", "The user goes shopping very frequently."),
        Define("behavior.town_home", "Town home", "The user's home is located in a town."),
        Define("behavior.town_worker", "Town worker", "The user mostly works in a town."),
        Define("behavior.work_traveller", "Work traveller", "The user often works away from a fixed workplace, for example while travelling."),
        Define("behavior.workaholic", "Workaholic", "The user works more hours than average."),

        // driver_behavior (2019 generation, then alpha additions)
        Define("driver_behavior.aggressive_driver", "Aggressive driver", "Driving profile derived from how harshly the user accelerates and brakes."),
        Define("driver_behavior.anticipative_driver", "Anticipative driver", "Driving profile derived from how smoothly the user chains coasting, cruising, accelerating, braking and turning."),
        Define("driver_behavior.city_driver", "City driver", "The user does much of their driving in urban areas."),
        Define("driver_behavior.distracted_driver", "Distracted driver", "Driving profile derived from how much the user handles their phone during car trips."),
        Define("driver_behavior.efficient_driver", "Efficient driver", "Driving profile derived from how gently the user accelerates and brakes."),
        Define("driver_behavior.illegal_driver", "Illegal driver", "Driving profile derived from how often the user exceeds speed limits."),
        Define("driver_behavior.legal_driver", "Legal driver", "Driving profile derived from how well the user keeps to speed limits."),
        Define("driver_behavior.motorway_driver", "Motorway driver", "The user does most of their driving on motorways."),
        Define("driver_behavior.congestion_driver", "Congestion driver", "Driving profile derived from the user's average driving speed, as a sign of time spent in slow traffic."),
        Define("driver_behavior.conservative", "Conservative driving behaviour", "Driving profile for users whose accelerations and braking are of low intensity."),
        Define("driver_behavior.day_driver", "Day driver", "Assigned when the user's driving over recent weeks took place mostly during the day."),
        Define("driver_behavior.heavy_driver", "Heavy driver", "Assigned when the user spent many hours behind the wheel over recent weeks."),
        Define("driver_behavior.light_driver", "Light driver", "Assigned when the user spent few hours behind the wheel over recent weeks."),
        Define("driver_behavior.long_distance", "Long distance driver", "Assigned when the user covered many kilometres by car over recent weeks."),
        Define("driver_behavior.medium_distance", "Medium distance driver", "Assigned when the user covered a moderate number of kilometres by car over recent weeks."),
        Define("driver_behavior.medium_driver", "Medium driver", "Assigned when the user spent a moderate number of hours behind the wheel over recent weeks."),
        Define("driver_behavior.night_driver", "Night driver", "Assigned when much of the user's driving over recent weeks took place at night."),
        Define("driver_behavior.normal_driver", "Normal driving behaviour", "Driving profile for users whose accelerations and braking are of typical intensity."),
        Define("driver_behavior.short_distance", "Short distance driver", "Assigned when the user covered few kilometres by car over recent weeks."),

        // geography (2019 generation)
        Define("geography.home.antwerpen", "Home: Antwerp", "The user's home is in Antwerp."),
        Define("geography.home.bruxelles", "Home: Brussels", "The user's home is in Brussels."),
        Define("geography.home.gent", "Home: Ghent", "The user's home is in Ghent."),
        Define("geography.work.antwerpen", "Work: Antwerp", "The user's workplace is in Antwerp."),
        Define("geography.work.bruxelles", "Work: Brussels", "The user's workplace is in Brussels."),
        Define("geography.work.gent", "Work: Ghent", "The user's workplace is in Ghent."),

        // leisure (current generation, then alpha additions)
        Define("leisure.entertainment.bar_goer", "Bar visitor", "The user likes spending evenings in pubs and bars."),
        Define("leisure.shopping.beauty_queen", "Beauty shop visitor", "The user often buys beauty and cosmetics products."),
        Define("leisure.wining_and_dining.brand_loyal.bar", "Brand loyal: bar", "The user keeps going back to one particular pub or bar."),
        Define("leisure.wining_and_dining.brand_loyal.cafe", "Brand loyal: cafe", "The user keeps going back to one particular cafe."),
        Define("leisure.wining_and_dining.brand_loyal.restaurant", "Brand loyal: restaurant", "The user keeps going back to one particular restaurant."),
        Define("leisure.shopping.brand_loyal.retail", "Brand loyal: retail", "The user sticks to one particular retail brand or shop."),
        Define("leisure.shopping.brand_loyalty", "Brand loyalty", "The user tends to stay faithful to particular brands."),
        Define("leisure.shopping.brand_loyalty.supermarket", "Brand loyalty: supermarket", "The user does their grocery shopping mostly with one supermarket chain."),
        Define("leisure.entertainment.culture_buff", "Culture buff", "The user regularly visits museums, operas, arts centres and similar cultural venues."),
        Define("leisure.shopping.fashionista", "Fashion enthusiast", "The user frequently goes shopping for clothing."),
        Define("leisure.shopping.foodie", "Fresh food enthusiast", "The user frequently goes shopping for fresh food."),
        Define("leisure.wellbeing.healthy_biker", "Healthy biker", "The user often cycles over long distances."),
        Define("leisure.wellbeing.healthy_walker", "Healthy walker", "The user often walks over long distances."),
        Define("leisure.entertainment.gamer", "Interests: games of chance", "The user often visits casinos or betting shops."),
        Define("leisure.entertainment.clubber", "Interests: nightlife", "The user enjoys nights out in clubs, pubs and bars."),
        Define("leisure.entertainment.nature_lover", "Nature lover", "The user likes outings to parks, public gardens, zoos or nature reserves."),
        Define("leisure.wellbeing.physical_activity.limited", "Physical activity: limited", "The user's physical activity score falls in the lowest band."),
        Define("leisure.wellbeing.physical_activity.moderate", "Physical activity: moderate", "The user's physical activity score falls in the middle band."),
        Define("leisure.wellbeing.physical_activity.high", "Physical activity: high", "The user's physical activity score falls in the highest band."),
        Define("leisure.wining_and_dining.resto_lover", "Resto-lover", "The user enjoys eating out at restaurants."),
        Define("leisure.wining_and_dining.resto_lover.american", "Resto-lover: American", "The user likes eating out at American restaurants."),
        Define("leisure.wining_and_dining.resto_lover.asian", "Resto-lover: Asian", "The user likes eating out at Asian restaurants."),
        Define("leisure.wining_and_dining.resto_lover.fastfood", "Resto-lover: fast food", "The user likes eating out at fast-food places."),
        Define("leisure.wining_and_dining.resto_lover.french", "Resto-lover: French", "The user likes eating out at French restaurants."),
        Define("leisure.wining_and_dining.resto_lover.german", "Resto-lover: German", "The user likes eating out at German restaurants."),
        Define("leisure.wining_and_dining.resto_lover.greek", "Resto-lover: Greek", "The user likes eating out at Greek restaurants."),
        Define("leisure.wining_and_dining.resto_lover.grill", "Resto-lover: grill", "The user likes eating out at grill restaurants."),
        Define("leisure.wining_and_dining.resto_lover.international", "Resto-lover: international", "The user likes eating out at restaurants serving international cuisine."),
        Define("leisure.wining_and_dining.resto_lover.italian", "Resto-lover: Italian", "The user likes eating out at Italian restaurants."),
        Define("leisure.wining_and_dining.resto_lover.mexican", "Resto-lover: Mexican", "The user likes eating out at Mexican restaurants."),
        Define("leisure.wining_and_dining.resto_lover.seafood", "Resto-lover: seafood", "The user likes eating out at seafood restaurants."),
        Define("leisure.wining_and_dining.resto_lover.snack", "Resto-lover: snack", "The user likes grabbing a snack out, for example at a snack bar."),
        Define("leisure.shopping.shopaholic", "Shopaholic", "The user goes shopping very frequently."),
        Define("leisure.wellbeing.sportive", "Sportive", "The user does sports on a regular basis."),
        Define("leisure.wining_and_dining.brand_loyalty.restaurant_bar", "Brand loyalty: restaurant or bar", "The user keeps going back to one particular restaurant or bar brand."),
        Define("leisure.entertainment.music_lover", "Music lover", "The user often goes to concert halls and other music venues."),
        Define("leisure.wining_and_dining.resto_lover.barbecue", "Resto-lover: barbecue", "The user likes eating out at barbecue restaurants."),
        Define("leisure.wining_and_dining.resto_lover.mediterranean", "Resto-lover: Mediterranean", "The user likes eating out at Mediterranean restaurants."),

        // lifestyle (2019 generation, the style of the REST examples)
        Define("lifestyle.brand_loyalty", "Brand loyalty", "The user tends to stay faithful to particular brands."),
        Define("lifestyle.brand_loyalty.gas_stations", "Brand loyalty: gas stations", "The user refuels mostly at one brand of gas station."),
        Define("lifestyle.brand_loyalty.restaurant_bar", "Brand loyalty: restaurant or bar", "The user keeps going back to one particular restaurant or bar brand."),
        Define("lifestyle.brand_loyalty.supermarket", "Brand loyalty: supermarket", "The user does their grocery shopping mostly with one supermarket chain."),
        Define("lifestyle.culture_buff", "Culture buff", "The user regularly visits museums, operas, arts centres and similar cultural venues."),
        Define("lifestyle.dog_walker", "Dog walker", "The user owns a dog and takes it out for walks on a regular basis."),
        Define("lifestyle.fulltime_worker", "Full-time worker", "The user works a full-time schedule."),
        Define("lifestyle.healthy_biker", "Healthy biker", "The user often cycles over long distances."),
        Define("lifestyle.healthy_walker", "Healthy walker", "The user often walks over long distances."),
        Define("lifestyle.couch_potato", "Homebody", "The user spends most of their free time at or near home."),
        Define("lifestyle.clubber", "Interests: nightlife", "The user enjoys nights out in clubs, pubs and bars."),
        Define("lifestyle.late_worker", "Late worker", "The user often keeps working until late in the day."),
        Define("lifestyle.parttime_worker", "Part-time worker", "The user works a part-time schedule."),
        Define("lifestyle.physical_activity.high", "Physical activity: high", "The user's physical activity score falls in the highest band."),
        Define("lifestyle.physical_activity.limited", "Physical activity: limited", "The user's physical activity score falls in the lowest band."),
        Define("lifestyle.physical_activity.moderate", "Physical activity: moderate", "The user's physical activity score falls in the middle band."),
        Define("lifestyle.resto_lover", "Resto-lover", "The user enjoys eating out at restaurants."),
        Define("lifestyle.social_activity.high", "Social activity: high", "The user's score for work and social activities falls in the highest band."),
        Define("lifestyle.social_activity.limited", "Social activity: limited", "The user's score for work and social activities falls in the lowest band."),
        Define("lifestyle.social_activity.moderate", "Social activity: moderate", "The user's score for work and social activities falls in the middle band."),
        Define("lifestyle.sportive", "Sportive", "The user does sports on a regular basis."),
        Define("lifestyle.student", "Student or teacher", "The user appears to be a student or a teacher."),
        Define("lifestyle.uber_parent", "Uber parent", "The user is a parent who drives their children to school, day care or sports activities."),
        Define("lifestyle.work_life_balance", "Work-life balance", "The user keeps a healthy balance between working time and home life."),

        // mobility (current generation, 2019 generation, then alpha additions)
        Define("mobility.driving.brand_loyalty.gas_stations", "Brand loyalty: gas stations", "The user refuels mostly at one brand of gas station."),
        Define("mobility.driving.die_hard_driver", "Die-hard driver", "The user takes the car for nearly every trip."),
        Define("mobility.commute.easy_commuter", "Easy commuter", "The user's journey between home and work is an easy one."),
        Define("mobility.travel.frequent_flyer", "Frequent flyer", "The user travels by plane often."),
        Define("mobility.commute.green_commuter", "Green commuter", "The user commutes mainly on foot or by bike."),
        Define("mobility.commute.heavy_commuter", "Heavy commuter", "The user's journey between home and work is a demanding one."),
        Define("mobility.commute.long_commuter", "Long commuter", "The user lives far away from where they work."),
        Define("mobility.transport.mobility.limited", "Mobility: limited", "The user's mobility score falls in the lowest band."),
        Define("mobility.transport.mobility.moderate", "Mobility: moderate", "The user's mobility score falls in the middle band."),
        Define("mobility.transport.mobility.high", "Mobility: high", "The user's mobility score falls in the highest band."),
        Define("mobility.commute.normal_commuter", "Normal commuter", "The user's commute is of typical duration and distance."),
        Define("mobility.transport.public_transports_user", "Public transport user", "The user often gets around by public transport."),
        Define("mobility.transport.public_transports_commuter", "Public transport commuter", "The user often commutes by public transport."),
        Define("mobility.commute.short_commuter", "Short commuter", "The user lives close to where they work."),
        Define("mobility.die_hard_driver", "Die-hard driver", "The user takes the car for nearly every trip."),
        Define("mobility.easy_commuter", "Easy commuter", "The user's journey between home and work is an easy one."),
        Define("mobility.frequent_flyer", "Frequent flyer", "The user travels by plane often."),
        Define("mobility.green_commuter", "Green commuter", "The user commutes mainly on foot or by bike."),
        Define("mobility.heavy_commuter", "Heavy commuter", "The user's journey between home and work is a demanding one."),
        Define("mobility.long_commuter", "Long commuter", "The user lives far away from where they work."),
        Define("mobility.mobility.high", "Mobility: high", "The user's mobility score falls in the highest band."),
        Define("mobility.mobility.limited", "Mobility: limited", "The user's mobility score falls in the lowest band."),
        Define("mobility.mobility.moderate", "Mobility: moderate", "The user's mobility score falls in the middle band."),
        Define("mobility.normal_commuter", "Normal commuter", "The user's commute is of typical duration and distance."),
        Define("mobility.public_transports_user", "Public transport user", "The user often gets around by public transport."),
        Define("mobility.short_commuter", "Short commuter", "The user lives close to where they work."),
        Define("mobility.driving.aggressive_driver", "Aggressive driver", "Driving profile derived from how harshly the user accelerates and brakes."),
        Define("mobility.driving.anticipative_driver", "Anticipative driver", "Driving profile derived from how smoothly the user chains coasting, cruising, accelerating, braking and turning."),
        Define("mobility.car_owner", "Car user", "The user travels by car."),
        Define("mobility.driving.city_driver", "City driver", "The user does much of their driving in urban areas."),
        Define("mobility.driving.distracted_driver", "Distracted driver", "Driving profile derived from how much the user handles their phone during car trips."),
        Define("mobility.driving.efficient_driver", "Efficient driver", "Driving profile derived from how gently the user accelerates and brakes."),
        Define("mobility.focused_driver", "Focused driver", "Driving profile for users who rarely handle their phone during car trips."),
        Define("mobility.driving.illegal_driver", "Illegal driver", "Driving profile derived from how often the user exceeds speed limits."),
        Define("mobility.driving.legal_driver", "Legal driver", "Driving profile derived from how well the user keeps to speed limits."),
        Define("mobility.driving.motorway_driver", "Motorway driver", "The user does most of their driving on motorways."),
        Define("mobility.passenger", "Passenger", "The user often rides in a car as a passenger."),
        Define("mobility.public_transport_commuter", "Public transport commuter", "The user relies heavily on public transport for commuting."),

        // other (alpha generation)
        Define("other.geography.home.antwerp", "Home: Antwerp", "The user's home is in Antwerp."),
        Define("other.geography.home.brussels", "Home: Brussels", "The user's home is in Brussels."),
        Define("other.geography.home.ghent", "Home: Ghent", "The user's home is in Ghent."),
        Define("other.geography.work.antwerp", "Work: Antwerp", "The user's workplace is in Antwerp."),
        Define("other.geography.work.brussels", "Work: Brussels", "The user's workplace is in Brussels."),
        Define("other.geography.work.ghent", "Work: Ghent", "The user's workplace is in Ghent."),

        // work_life (current generation, then alpha additions)
        Define("work_life.home.city_home", "City home", "The user's home is located in a city."),
        Define("work_life.work.city_worker", "City worker", "The user mostly works in a city."),
        Define("work_life.home.do_it_yourselver", "DIYer", "The user often does odd jobs and projects around the house."),
        Define("work_life.home.early_bird", "Early bird", "The user's first activity of the morning usually starts earlier than average."),
        Define("work_life.work.fulltime_worker", "Full-time worker", "The user works a full-time schedule."),
        Define("work_life.home.home_bound", "Home bound", "The user seldom leaves home and rarely travels far."),
        Define("work_life.home.homebody", "Homebody", "The user prefers staying home at weekends and outside office hours."),
        Define("work_life.work.homeworker", "Homeworker", "The user works from home or may not be in employment."),
        Define("work_life.work.late_worker", "Late worker", "The user often keeps working until late in the day."),
        Define("work_life.home.night_owl", "Night owl", "The user's last activity of the evening usually ends later than average."),
        Define("work_life.work.nightworker", "Nightworker", "The user works during night hours."),
        Define("work_life.work.parttime_worker", "Part-time worker", "The user works a part-time schedule."),
        Define("work_life.home.pet_owner", "Pet owner", "The user has a pet."),
        Define("work_life.home.rural_home", "Rural home", "The user lives in a town or in the countryside."),
        Define("work_life.work.rural_worker", "Rural worker", "The user works in a town or in a rural area."),
        Define("work_life.home.sleep_deprived", "Sleep deprived", "The user gets very little sleep."),
        Define("work_life.social.social_activity.limited", "Social activity: limited", "The user's score for work and social activities falls in the lowest band."),
        Define("work_life.social.social_activity.moderate", "Social activity: moderate", "The user's score for work and social activities falls in the middle band."),
        Define("work_life.social.social_activity.high", "Social activity: high", "The user's score for work and social activities falls in the highest band."),
        Define("work_life.work.student", "Student or teacher", "The user appears to be a student or a teacher."),
        Define("work_life.home.town_home", "Town home", "The user's home is located in a town."),
        Define("work_life.work.town_worker", "Town worker", "The user mostly works in a town."),
        Define("work_life.family.uber_parent", "Uber parent", "The user is a parent who drives their children to school, day care or sports activities."),
        Define("work_life.home.work_life_balance", "Work-life balance", "The user keeps a healthy balance between working time and home life."),
        Define("work_life.work.work_traveller", "Work traveller", "The user often works away from a fixed workplace, for example while travelling."),
        Define("work_life.work.workaholic", "Workaholic", "The user works more hours than average."),
        Define("work_life.home.dog_walker", "Dog walker", "The user owns a dog and takes it out for walks on a regular basis."),
        Define("work_life.work.recently_changed_job", "Recently changed job", "The user appears to have switched jobs not long ago."),
        Define("work_life.home.recently_moved_home", "Recently moved home", "The user appears to have moved to a new home not long ago."),
    ]);

    // Declared after All on purpose: static initializers run in textual order.
    private static readonly FrozenDictionary<string, SegmentDefinition> ById =
        All.ToFrozenDictionary(definition => definition.Id, StringComparer.Ordinal);

    /// <summary>Returns whether <paramref name="id"/> is a known segment definition id (ordinal match).</summary>
    /// <param name="id">A segment definition id, e.g. <c>lifestyle.culture_buff</c>.</param>
    public static bool Contains(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ById.ContainsKey(id);
    }

    /// <summary>Returns the segment definition with the given id, or <see langword="null"/> when unknown.</summary>
    /// <param name="id">A segment definition id, e.g. <c>lifestyle.culture_buff</c>.</param>
    public static SegmentDefinition? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ById.GetValueOrDefault(id);
    }

    /// <summary>Builds a definition whose category and subcategory are taken from the dotted parts of the id.</summary>
    private static SegmentDefinition Define(string id, string displayName, string description)
    {
        var parts = id.Split('.');
        var subcategory = parts.Length >= 3 ? parts[1] : null;
        return new SegmentDefinition(id, parts[0], subcategory, displayName, description);
    }

    private static ReadOnlyCollection<SegmentDefinition> Order(SegmentDefinition[] definitions) =>
        Array.AsReadOnly(definitions.OrderBy(definition => definition.Category, StringComparer.Ordinal).ToArray());
}
