namespace Itinera.Core.Simulation;

/// <summary>Word lists the city generator draws street and POI names from (fictional, ASCII only).</summary>
internal static class CityNames
{
    public static readonly string[] Namesakes =
    [
        "Acacias", "Tilleuls", "Erables", "Chenes", "Hetres", "Bouleaux", "Peupliers", "Platanes", "Marronniers",
        "Saules", "Ormes", "Frenes", "Cerisiers", "Pommiers", "Lilas", "Roses", "Tulipes", "Violettes", "Jonquilles",
        "Glycines", "Moulin", "Eglise", "Gare", "Ecole", "Marche", "Fontaine", "Chateau", "Source", "Colline",
        "Prairie", "Vignes", "Champs", "Bois", "Etang", "Riviere", "Pont", "Poste", "Abbaye", "Arts", "Sciences",
        "Artisans", "Tanneurs", "Brasseurs", "Tisserands", "Orfevres", "Peintres", "Musiciens", "Poetes", "Alliance",
        "Liberte", "Paix", "Progres", "Industrie", "Commerce", "Horizon", "Soleil", "Lune", "Etoiles", "Faucons",
        "Hirondelles", "Merles", "Cygnes", "Mouettes", "Renards", "Cerfs", "Sablons", "Dunes", "Falaises",
        "Mareyeurs", "Pecheurs", "Phare", "Digue", "Ecluse", "Canal", "Quai", "Remparts", "Halles", "Beffroi",
        "Carillon", "Verriers", "Potiers", "Meuniers", "Jardiniers", "Vergers",
    ];

    public static readonly string[] Words =
    [
        "Marcel", "Luigi", "Soleil", "Jardin", "Port", "Coin", "Lotus", "Olive", "Sakura", "Dragon", "Taverne",
        "Moulin", "Atelier", "Comptoir", "Cellier", "Horizon", "Zenith", "Aurore", "Bellevue", "Panorama", "Papillon",
        "Lumiere", "Etoile", "Riviera", "Corniche", "Mistral", "Zephyr", "Boreal", "Delta", "Orion", "Vega", "Atlas",
        "Mosaic", "Prisma", "Nova", "Cedar", "Maple", "Willow", "Harbor", "Meadow",
    ];

    public static readonly string[] Cuisines =
        ["italian", "french", "asian", "greek", "mexican", "german", "seafood", "grill", "american", "international"];

    public static readonly string[] RestaurantPrefixes = ["Chez", "Le", "La", "Da", "Casa", "Au", "Het", "De"];

    public static readonly string[] SupermarketBrands = ["Colmart", "Delvita", "Prixbon", "FreshCo"];

    public static readonly string[] OfficeSuffixes = ["Consulting", "Systems", "Logistics", "Industries", "Insurance", "Labs"];

    public static readonly string[] MuseumSubjects = ["Fine Arts", "Natural History", "Science", "Modern Art", "the City", "Comics", "Music"];

    public static readonly string[] TownNames = ["Bergem", "Lindeval", "Ostrade", "Marvelde", "Kessenaar", "Dorvik"];

    public static readonly string[] CoastNames = ["Zeebrink", "Duinhaven", "Strandelle", "Meerzand"];

    /// <summary>The street-type word of a road class, e.g. <c>Avenue</c>.</summary>
    public static string StreetType(RoadClass roadClass) => roadClass switch
    {
        RoadClass.Primary => "Boulevard",
        RoadClass.Secondary => "Avenue",
        RoadClass.Tertiary => "Chaussee",
        RoadClass.Service => "Allee",
        _ => "Rue",
    };
}
