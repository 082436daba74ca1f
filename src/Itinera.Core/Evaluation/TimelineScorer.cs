namespace Itinera.Core.Evaluation;

/// <summary>
/// Scores a computed timeline (stays and transports) against ground-truth legs. Independent of the algorithm
/// that produced the timeline; see <c>docs/accuracy.md</c> for the definitions.
/// </summary>
/// <remarks>
/// <para>Scored time is labelled time inside <see cref="ScoringOptions.Coverage"/>; unlabelled time is never scored.</para>
/// <para>
/// Mode accuracy: at every scored second the prediction is the mode of the transport covering it,
/// <see cref="Stationary"/> inside a stay (always wrong: the second is labelled as travel),
/// <see cref="UnknownMode"/> for a transport without mode, or <see cref="NoPrediction"/> outside every segment.
/// A second is correct when the prediction equals the label's mode, coarse-correct when both have the same
/// <see cref="CoarseModes"/> class (not <see cref="CoarseModes.Other"/>).
/// </para>
/// <para>
/// Recall: a leg with scored time is recalled when one transport covers at least
/// <see cref="ScoringOptions.RecallFraction"/> of it. Its boundary errors are |leg start − transport start| and
/// |leg end − transport end| for the transport covering most of it (the earliest on ties), where the leg's start
/// and end are its first and last scored instants (a leg recorded only in part is judged on the recorded part).
/// </para>
/// <para>
/// Precision: a transport is counted when it overlaps scored time, and precise when one leg holds at least
/// <see cref="ScoringOptions.PrecisionFraction"/> of its judged time: its recorded time (inside the coverage), or,
/// when <see cref="ScoringOptions.WalkRemoved"/>, only its scored (labelled) time.
/// </para>
/// <para>
/// Legs and predicted segments that overlap are each cut at the start of the next one
/// (<see cref="GeoLifeLabels.Normalise"/>). The computation sweeps the sorted intervals: O(n log n) in the number of
/// legs, segments and coverage intervals, independent of their durations.
/// </para>
/// </remarks>
public static class TimelineScorer
{
    /// <summary>The prediction inside a stay.</summary>
    public const string Stationary = "stationary";

    /// <summary>The prediction inside a transport that has no mode.</summary>
    public const string UnknownMode = "unknown";

    /// <summary>The prediction where no segment covers a labelled second.</summary>
    public const string NoPrediction = "none";

    /// <summary>Scores <paramref name="predicted"/> against <paramref name="legs"/>.</summary>
    /// <exception cref="ArgumentException">A segment's <see cref="PredictedSegment.Kind"/> is neither stay nor transport.</exception>
    public static UserTimelineScore Score(
        IReadOnlyList<LabelledLeg> legs,
        IReadOnlyList<PredictedSegment> predicted,
        ScoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(legs);
        ArgumentNullException.ThrowIfNull(predicted);
        options ??= ScoringOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.RecallFraction, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.RecallFraction, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.PrecisionFraction, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.PrecisionFraction, 1, nameof(options));
        foreach (var segment in predicted)
        {
            if (segment.Kind is not (PredictedSegment.StayKind or PredictedSegment.TransportKind))
            {
                throw new ArgumentException($"Unknown segment kind '{segment.Kind}'.", nameof(predicted));
            }
        }

        var legList = GeoLifeLabels.Normalise(legs);
        var legModes = legList.Select(l => options.LabelToMode(l.LabelMode)).ToArray();
        var segments = OverlapCutting.Apply(predicted, s => s.Start, s => s.End, (s, end) => s with { End = end })
            .Select(s => new Segment(
                s.Start.ToUnixTimeMilliseconds(),
                s.End.ToUnixTimeMilliseconds(),
                s.IsTransport,
                s.IsTransport ? s.Mode ?? UnknownMode : Stationary))
            .Where(s => s.EndMs > s.StartMs)
            .ToList();
        var pieces = ScoredPieces(legList, options.Coverage);

        // Sweep the scored pieces (sorted, disjoint) against the segments (sorted, disjoint).
        var confusionMs = new Dictionary<(string Label, string Predicted), long>();
        var overlapMs = new Dictionary<(int Leg, int Segment), long>();
        var legScoredMs = new long[legList.Count];
        var legFirstMs = new long[legList.Count];
        var legLastMs = new long[legList.Count];
        long labelledMs = 0, correctMs = 0, coarseCorrectMs = 0;
        var first = 0;
        foreach (var piece in pieces)
        {
            var label = legModes[piece.Leg];
            var coarse = CoarseModes.Of(label);
            if (legScoredMs[piece.Leg] == 0)
            {
                legFirstMs[piece.Leg] = piece.StartMs;
            }

            legScoredMs[piece.Leg] += piece.EndMs - piece.StartMs;
            legLastMs[piece.Leg] = piece.EndMs;
            labelledMs += piece.EndMs - piece.StartMs;

            while (first < segments.Count && segments[first].EndMs <= piece.StartMs)
            {
                first++;
            }

            var cursor = piece.StartMs;
            for (var s = first; s < segments.Count && segments[s].StartMs < piece.EndMs; s++)
            {
                var segment = segments[s];
                var lo = Math.Max(piece.StartMs, segment.StartMs);
                var hi = Math.Min(piece.EndMs, segment.EndMs);
                if (hi <= lo)
                {
                    continue;
                }

                Add(confusionMs, (label, NoPrediction), lo - cursor);
                Add(confusionMs, (label, segment.Mode), hi - lo);
                if (string.Equals(segment.Mode, label, StringComparison.Ordinal))
                {
                    correctMs += hi - lo;
                }

                if (!string.Equals(coarse, CoarseModes.Other, StringComparison.Ordinal)
                    && string.Equals(CoarseModes.Of(segment.Mode), coarse, StringComparison.Ordinal))
                {
                    coarseCorrectMs += hi - lo;
                }

                if (segment.IsTransport)
                {
                    Add(overlapMs, (piece.Leg, s), hi - lo);
                }

                cursor = hi;
            }

            Add(confusionMs, (label, NoPrediction), piece.EndMs - cursor);
        }

        // Recall and boundary errors: the transport covering most of each leg.
        var bestSegment = new int[legList.Count];
        var bestOverlapMs = new long[legList.Count];
        Array.Fill(bestSegment, -1);
        var segmentLabelledMs = new long[segments.Count];
        var segmentBestLegMs = new long[segments.Count];
        foreach (var ((leg, s), ms) in overlapMs)
        {
            if (ms > bestOverlapMs[leg] || (ms == bestOverlapMs[leg] && s < bestSegment[leg]))
            {
                bestOverlapMs[leg] = ms;
                bestSegment[leg] = s;
            }

            segmentLabelledMs[s] += ms;
            segmentBestLegMs[s] = Math.Max(segmentBestLegMs[s], ms);
        }

        int totalLegs = 0, recalledLegs = 0;
        var boundaryErrors = new List<double>();
        var missed = new List<MissedLeg>();
        for (var leg = 0; leg < legList.Count; leg++)
        {
            if (legScoredMs[leg] == 0)
            {
                continue;
            }

            totalLegs++;
            if (bestSegment[leg] >= 0 && bestOverlapMs[leg] >= options.RecallFraction * legScoredMs[leg])
            {
                recalledLegs++;
                var segment = segments[bestSegment[leg]];
                boundaryErrors.Add(Math.Abs(legFirstMs[leg] - segment.StartMs) / 1000.0);
                boundaryErrors.Add(Math.Abs(legLastMs[leg] - segment.EndMs) / 1000.0);
            }
            else
            {
                missed.Add(new MissedLeg(legList[leg], legScoredMs[leg] / 1000.0, (bestSegment[leg] >= 0 ? bestOverlapMs[leg] : 0) / 1000.0));
            }
        }

        // Precision: the leg holding most of each transport's judged time.
        var recordedMs = options.WalkRemoved ? segmentLabelledMs : RecordedMs(segments, options.Coverage);
        int countedTransports = 0, preciseTransports = 0;
        for (var s = 0; s < segments.Count; s++)
        {
            if (segmentLabelledMs[s] == 0)
            {
                continue;
            }

            countedTransports++;
            if (segmentBestLegMs[s] >= options.PrecisionFraction * recordedMs[s])
            {
                preciseTransports++;
            }
        }

        return new UserTimelineScore
        {
            WalkRemoved = options.WalkRemoved,
            LabelledSeconds = labelledMs / 1000.0,
            CorrectSeconds = correctMs / 1000.0,
            CoarseCorrectSeconds = coarseCorrectMs / 1000.0,
            Confusion = confusionMs.ToDictionary(kv => kv.Key, kv => kv.Value / 1000.0),
            TotalLegs = totalLegs,
            RecalledLegs = recalledLegs,
            CountedTransports = countedTransports,
            PreciseTransports = preciseTransports,
            BoundaryErrorsSeconds = boundaryErrors,
            MissedLegs = missed,
        };
    }

    /// <summary>Each leg intersected with the coverage: sorted, disjoint pieces tagged with their leg.</summary>
    private static List<Piece> ScoredPieces(IReadOnlyList<LabelledLeg> legs, GpsCoverage? coverage)
    {
        var pieces = new List<Piece>(legs.Count);
        var c = 0;
        for (var leg = 0; leg < legs.Count; leg++)
        {
            var start = legs[leg].Start.ToUnixTimeMilliseconds();
            var end = legs[leg].End.ToUnixTimeMilliseconds();
            if (coverage is null)
            {
                pieces.Add(new Piece(start, end, leg));
                continue;
            }

            while (c < coverage.Count && coverage.EndMs(c) <= start)
            {
                c++;
            }

            for (var k = c; k < coverage.Count && coverage.StartMs(k) < end; k++)
            {
                var lo = Math.Max(start, coverage.StartMs(k));
                var hi = Math.Min(end, coverage.EndMs(k));
                if (hi > lo)
                {
                    pieces.Add(new Piece(lo, hi, leg));
                }
            }
        }

        return pieces;
    }

    /// <summary>The recorded length of each transport (its length inside the coverage); 0 for stays.</summary>
    private static long[] RecordedMs(List<Segment> segments, GpsCoverage? coverage)
    {
        var result = new long[segments.Count];
        var c = 0;
        for (var s = 0; s < segments.Count; s++)
        {
            var segment = segments[s];
            if (!segment.IsTransport)
            {
                continue;
            }

            if (coverage is null)
            {
                result[s] = segment.EndMs - segment.StartMs;
                continue;
            }

            while (c < coverage.Count && coverage.EndMs(c) <= segment.StartMs)
            {
                c++;
            }

            for (var k = c; k < coverage.Count && coverage.StartMs(k) < segment.EndMs; k++)
            {
                result[s] += Math.Max(0, Math.Min(segment.EndMs, coverage.EndMs(k)) - Math.Max(segment.StartMs, coverage.StartMs(k)));
            }
        }

        return result;
    }

    private static void Add<TKey>(Dictionary<TKey, long> sums, TKey key, long ms)
        where TKey : notnull
    {
        if (ms > 0)
        {
            sums[key] = sums.GetValueOrDefault(key) + ms;
        }
    }

    private readonly record struct Piece(long StartMs, long EndMs, int Leg);

    private readonly record struct Segment(long StartMs, long EndMs, bool IsTransport, string Mode);
}
