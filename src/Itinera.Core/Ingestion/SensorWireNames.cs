using System.Collections.Frozen;

namespace Itinera.Core.Ingestion;

/// <summary>
/// The names activity types, phone events and motion frames have in the upload format (docs/sdk-api.md), in
/// both directions: the server reads them, uploading clients (the simulator) write them.
/// </summary>
public static class SensorWireNames
{
    private static readonly FrozenDictionary<ActivityType, string> ActivityNames = new Dictionary<ActivityType, string>
    {
        [ActivityType.Still] = "still",
        [ActivityType.Walking] = "walking",
        [ActivityType.Running] = "running",
        [ActivityType.OnBicycle] = "on_bicycle",
        [ActivityType.InVehicle] = "in_vehicle",
        [ActivityType.Tilting] = "tilting",
        [ActivityType.Unknown] = "unknown",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<PhoneEventType, string> PhoneEventNames = new Dictionary<PhoneEventType, string>
    {
        [PhoneEventType.ScreenOn] = "screen_on",
        [PhoneEventType.ScreenOff] = "screen_off",
        [PhoneEventType.HandlingStart] = "handling_start",
        [PhoneEventType.HandlingEnd] = "handling_end",
        [PhoneEventType.CallStart] = "call_start",
        [PhoneEventType.CallEnd] = "call_end",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, ActivityType> Activities =
        ActivityNames.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, PhoneEventType> PhoneEvents =
        PhoneEventNames.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    public static string Of(ActivityType type) => ActivityNames[type];

    public static string Of(PhoneEventType type) => PhoneEventNames[type];

    public static string Of(MotionFrame frame) => frame == MotionFrame.Earth ? "earth" : "device";

    public static bool TryParseActivity(string name, out ActivityType type) => Activities.TryGetValue(name, out type);

    public static bool TryParsePhoneEvent(string name, out PhoneEventType type) => PhoneEvents.TryGetValue(name, out type);

    public static bool TryParseFrame(string name, out MotionFrame frame)
    {
        frame = name == "earth" ? MotionFrame.Earth : MotionFrame.Device;
        return name is "earth" or "device";
    }
}
