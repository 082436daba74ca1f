namespace Itinera.Core.Evaluation;

/// <summary>
/// One ground-truth transport leg: the traveller used <paramref name="LabelMode"/> from <paramref name="Start"/>
/// to <paramref name="End"/> (end exclusive).
/// </summary>
/// <param name="LabelMode">
/// The data set's own label, lower-case (GeoLife: <c>walk</c>, <c>bike</c>, <c>bus</c>, <c>car</c>, <c>taxi</c>,
/// <c>subway</c>, <c>train</c>, <c>airplane</c>, …); <see cref="GeoLifeLabels.ToModeName"/> maps it to an Itinera mode.
/// </param>
public sealed record LabelledLeg(DateTimeOffset Start, DateTimeOffset End, string LabelMode)
{
    /// <summary>How long the leg lasts (negative for a malformed leg).</summary>
    public TimeSpan Duration => End - Start;
}
