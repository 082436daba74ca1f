using Itinera.Core.Places.Geocoding;
using Itinera.Core.Tests.Geo;

namespace Itinera.Core.Tests.Places.Geocoding;

/// <summary>The real GeoNames gazetteer in <c>shared/data/gazetteer</c>, loaded once for all tests.</summary>
internal static class GazetteerData
{
    private static readonly Lazy<Gazetteer> Loaded = new(() => Gazetteer.Load(Folder));

    public static string Folder => SharedDataFolder.Path("gazetteer");

    public static Gazetteer Instance => Loaded.Value;
}
