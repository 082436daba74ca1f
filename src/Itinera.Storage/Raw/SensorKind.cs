namespace Itinera.Storage.Raw;

/// <summary>The raw data streams kept in <c>sensor_chunks</c>, by their stored number.</summary>
public enum SensorKind : short
{
    Fixes = 1,
    Activities = 2,
    Motion = 3,
    PhoneEvents = 4,
}
