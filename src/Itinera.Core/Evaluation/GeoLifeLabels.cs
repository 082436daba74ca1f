using System.Globalization;
using System.Text;
using Itinera.Core.Timeline;

namespace Itinera.Core.Evaluation;

/// <summary>
/// Reads GeoLife 1.3 transport-mode label files (<c>labels.txt</c>, and the walk-removed <c>labels_nowalk.txt</c>
/// of the evaluation data) and maps their labels to Itinera modes.
/// </summary>
/// <remarks>
/// The file is tab-separated: an optional header line (<c>Start Time</c>, <c>End Time</c>,
/// <c>Transportation Mode</c>), then one leg per line, <c>yyyy/MM/dd HH:mm:ss</c> twice (GMT) and the mode.
/// Line endings may be LF or CRLF.
/// </remarks>
public static class GeoLifeLabels
{
    /// <summary>The time format of both time columns (GMT).</summary>
    public const string TimeFormat = "yyyy/MM/dd HH:mm:ss";

    /// <summary>GeoLife's label for walking, the one removed from <c>labels_nowalk.txt</c>.</summary>
    public const string WalkLabel = "walk";

    private const string HeaderStart = "Start Time";

    /// <summary>
    /// Reads the legs of a label file, sorted by start, made disjoint and cleaned (see <see cref="Normalise"/>).
    /// Labels are lower-cased and trimmed. The stream is left open.
    /// </summary>
    /// <param name="walkRemoved">
    /// The file is (or is to be treated as) a walk-removed file: every <see cref="WalkLabel"/> row is dropped, so
    /// walking becomes unlabelled time. Reading a full <c>labels.txt</c> this way reproduces the walk-removed
    /// variant of that user.
    /// </param>
    /// <exception cref="InvalidDataException">A line is not three tab-separated fields with valid times.</exception>
    public static IReadOnlyList<LabelledLeg> Read(Stream stream, bool walkRemoved)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true);
        var legs = new List<LabelledLeg>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || (lineNumber == 1 && line.StartsWith(HeaderStart, StringComparison.Ordinal)))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length < 3)
            {
                throw new InvalidDataException($"GeoLife labels line {lineNumber}: expected 3 tab-separated fields, found {fields.Length}.");
            }

            var start = ParseTime(fields[0], lineNumber);
            var end = ParseTime(fields[1], lineNumber);
            var label = fields[2].Trim().ToLowerInvariant();
            if (label.Length == 0)
            {
                throw new InvalidDataException($"GeoLife labels line {lineNumber}: empty transportation mode.");
            }

            if (walkRemoved && string.Equals(label, WalkLabel, StringComparison.Ordinal))
            {
                continue;
            }

            legs.Add(new LabelledLeg(start, end, label));
        }

        return Normalise(legs);
    }

    /// <summary>
    /// Drops legs with zero or negative length, sorts the rest by start (then end, then input order), and cuts each
    /// leg at the start of the next one when they overlap (GeoLife user 020 has such legs). A leg contained in the
    /// previous one thus ends that one early and the remainder of the previous one becomes unlabelled; of legs that
    /// start at the same instant only the longest survives.
    /// </summary>
    public static IReadOnlyList<LabelledLeg> Normalise(IEnumerable<LabelledLeg> legs)
    {
        ArgumentNullException.ThrowIfNull(legs);
        return OverlapCutting.Apply(legs, l => l.Start, l => l.End, (l, end) => l with { End = end });
    }

    /// <summary>
    /// The Itinera mode (<see cref="TransportModes"/>) of a GeoLife label, case-insensitive: walk → walking,
    /// run → running, bike → biking, bus, car, taxi → car, motorcycle, subway, train, tram, airplane → flight,
    /// boat; anything else → <see cref="TransportModes.Other"/>.
    /// </summary>
    public static string ToModeName(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        return label.Trim().ToLowerInvariant() switch
        {
            "walk" => TransportModes.Walking,
            "run" => TransportModes.Running,
            "bike" => TransportModes.Biking,
            "bus" => TransportModes.Bus,
            "car" or "taxi" => TransportModes.Car,
            "motorcycle" => TransportModes.Motorcycle,
            "subway" => TransportModes.Subway,
            "train" => TransportModes.Train,
            "tram" => TransportModes.Tram,
            "airplane" => TransportModes.Flight,
            "boat" => TransportModes.Boat,
            _ => TransportModes.Other,
        };
    }

    /// <summary>The coarse class of an Itinera mode; same as <see cref="CoarseModes.Of"/>.</summary>
    public static string CoarseClass(string mode) => CoarseModes.Of(mode);

    private static DateTimeOffset ParseTime(string text, int lineNumber)
    {
        if (!DateTimeOffset.TryParseExact(
                text.Trim(),
                TimeFormat,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var time))
        {
            throw new InvalidDataException($"GeoLife labels line {lineNumber}: '{text}' is not a {TimeFormat} time.");
        }

        return time;
    }
}
