namespace Itinera.Core.Maps;

/// <summary>
/// Category hierarchies (broad → specific, as the platform's <c>category_hierarchy</c>, e.g.
/// <c>["shop","food","grocery","supermarket"]</c>) from OSM tags. The first key present of <see cref="Keys"/>
/// decides; known values get a middle level, others are <c>[key, value]</c>.
/// </summary>
public static class PoiCategories
{
    /// <summary>The OSM keys that make an element a point of interest, in order of precedence.</summary>
    public static readonly IReadOnlyList<string> Keys = ["amenity", "shop", "leisure", "tourism", "office", "sport", "healthcare"];

    private static readonly Dictionary<string, string[]> Known = new(StringComparer.Ordinal)
    {
        ["amenity=restaurant"] = ["amenity", "food", "restaurant"],
        ["amenity=fast_food"] = ["amenity", "food", "fast_food"],
        ["amenity=cafe"] = ["amenity", "food", "cafe"],
        ["amenity=food_court"] = ["amenity", "food", "food_court"],
        ["amenity=bar"] = ["amenity", "nightlife", "bar"],
        ["amenity=pub"] = ["amenity", "nightlife", "pub"],
        ["amenity=nightclub"] = ["amenity", "nightlife", "nightclub"],
        ["amenity=school"] = ["amenity", "education", "school"],
        ["amenity=university"] = ["amenity", "education", "university"],
        ["amenity=college"] = ["amenity", "education", "college"],
        ["amenity=kindergarten"] = ["amenity", "education", "kindergarten"],
        ["amenity=hospital"] = ["amenity", "health", "hospital"],
        ["amenity=clinic"] = ["amenity", "health", "clinic"],
        ["amenity=doctors"] = ["amenity", "health", "doctors"],
        ["amenity=pharmacy"] = ["amenity", "health", "pharmacy"],
        ["amenity=fuel"] = ["amenity", "transport", "fuel"],
        ["amenity=parking"] = ["amenity", "transport", "parking"],
        ["amenity=cinema"] = ["amenity", "entertainment", "cinema"],
        ["amenity=theatre"] = ["amenity", "entertainment", "theatre"],
        ["amenity=place_of_worship"] = ["amenity", "religion", "place_of_worship"],
        ["shop=supermarket"] = ["shop", "food", "grocery", "supermarket"],
        ["shop=convenience"] = ["shop", "food", "grocery", "convenience"],
        ["shop=bakery"] = ["shop", "food", "bakery"],
        ["shop=butcher"] = ["shop", "food", "butcher"],
        ["shop=mall"] = ["shop", "general", "mall"],
        ["shop=department_store"] = ["shop", "general", "department_store"],
        ["shop=clothes"] = ["shop", "fashion", "clothes"],
        ["shop=shoes"] = ["shop", "fashion", "shoes"],
        ["leisure=fitness_centre"] = ["leisure", "sport", "fitness_centre"],
        ["leisure=sports_centre"] = ["leisure", "sport", "sports_centre"],
        ["leisure=stadium"] = ["leisure", "sport", "stadium"],
        ["leisure=pitch"] = ["leisure", "sport", "pitch"],
        ["leisure=swimming_pool"] = ["leisure", "sport", "swimming_pool"],
        ["leisure=park"] = ["leisure", "outdoor", "park"],
        ["leisure=beach_resort"] = ["leisure", "outdoor", "beach_resort"],
        ["tourism=hotel"] = ["tourism", "lodging", "hotel"],
        ["tourism=hostel"] = ["tourism", "lodging", "hostel"],
        ["tourism=museum"] = ["tourism", "culture", "museum"],
        ["tourism=attraction"] = ["tourism", "sight", "attraction"],
        ["office=company"] = ["office", "private", "company"],
        ["office=government"] = ["office", "public", "government"],
    };

    /// <summary>
    /// The hierarchy for an element's tags, or null when it has no POI key. <paramref name="tag"/> returns a tag's
    /// value or null.
    /// </summary>
    public static IReadOnlyList<string>? Of(Func<string, string?> tag)
    {
        foreach (var key in Keys)
        {
            var value = tag(key);
            if (string.IsNullOrWhiteSpace(value) || value is "no" or "vacant" or "yes" && key != "office")
            {
                continue;
            }

            value = value.Split(';', 2)[0].Trim();
            return Known.TryGetValue(key + "=" + value, out var known) ? known : [key, value];
        }

        return null;
    }
}
