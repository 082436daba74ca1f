namespace Itinera.Core.Simulation;

/// <summary>
/// Accumulates a user's <see cref="SimulatedDay"/>s (in order) into a <see cref="UserTruth"/>: the pieces of a stay
/// or transport split at midnight are merged back, and the expected segments are derived from the result.
/// Use it alongside an upload loop to get the truth without generating the days twice.
/// </summary>
public sealed class UserTruthBuilder(SimulatedUser user)
{
    private readonly List<TruthStay> _stays = [];
    private readonly List<TruthTransport> _transports = [];
    private readonly List<TruthHarshEvent> _harsh = [];
    private readonly List<TruthSpeeding> _speeding = [];
    private readonly List<TruthPhoneUse> _phoneUse = [];
    private readonly List<TruthAnomaly> _anomalies = [];
    private int _days;

    /// <summary>Adds the next day's truth.</summary>
    public void Add(SimulatedDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        _days++;
        foreach (var stay in day.Stays)
        {
            // Stays are separated by transports, so two touching stays at one place are the halves of a stay cut at midnight.
            if (_stays.Count > 0 && _stays[^1].End == stay.Start && string.Equals(_stays[^1].PlaceId, stay.PlaceId, StringComparison.Ordinal))
            {
                _stays[^1] = _stays[^1] with { End = stay.End };
            }
            else
            {
                _stays.Add(stay);
            }
        }

        foreach (var transport in day.Transports)
        {
            // Consecutive legs always change mode, so two touching legs in one mode are the halves of a leg cut at midnight.
            if (_transports.Count > 0 && _transports[^1].End == transport.Start && string.Equals(_transports[^1].Mode, transport.Mode, StringComparison.Ordinal))
            {
                var previous = _transports[^1];
                _transports[^1] = previous with { End = transport.End, DistanceMeters = Math.Round(previous.DistanceMeters + transport.DistanceMeters, 1) };
            }
            else
            {
                _transports.Add(transport);
            }
        }

        _harsh.AddRange(day.HarshEvents);
        _speeding.AddRange(day.Speeding);
        _phoneUse.AddRange(day.PhoneUse);
        _anomalies.AddRange(day.Anomalies);
    }

    /// <summary>The truth of the days added so far.</summary>
    public UserTruth Build()
    {
        var visited = new HashSet<string>(_stays.Select(s => s.PlaceId), StringComparer.Ordinal);
        var places = new List<TruthPlace> { user.Home };
        if (user.Work is { } work)
        {
            places.Add(work);
        }

        foreach (var stay in _stays)
        {
            if (visited.Remove(stay.PlaceId) && places.TrueForAll(p => !string.Equals(p.PlaceId, stay.PlaceId, StringComparison.Ordinal)))
            {
                places.Add(user.Places[stay.PlaceId]);
            }
        }

        return new UserTruth
        {
            ExternalId = user.ExternalId,
            Persona = user.Persona.Id,
            Places = places,
            Stays = [.. _stays],
            Transports = [.. _transports],
            HarshEvents = [.. _harsh],
            Speeding = [.. _speeding],
            PhoneUse = [.. _phoneUse],
            ExpectedSegments = SegmentRules.Evaluate(user, places, _stays, _transports, _harsh, _speeding, _phoneUse, _days),
            Anomalies = [.. _anomalies],
        };
    }
}
