namespace Itinera.Core.Evaluation;

/// <summary>
/// The rule that makes a list of possibly overlapping intervals disjoint: drop intervals without positive length,
/// sort by start (then end, then input order), cut each interval at the start of the next one, and drop the ones
/// left with no length (those that start together with the next one).
/// </summary>
internal static class OverlapCutting
{
    public static List<T> Apply<T>(
        IEnumerable<T> items,
        Func<T, DateTimeOffset> start,
        Func<T, DateTimeOffset> end,
        Func<T, DateTimeOffset, T> withEnd)
    {
        var indexed = items
            .Select((item, index) => (Item: item, Index: index))
            .Where(x => end(x.Item) > start(x.Item))
            .ToList();
        indexed.Sort((a, b) =>
        {
            var byStart = start(a.Item).CompareTo(start(b.Item));
            if (byStart != 0)
            {
                return byStart;
            }

            var byEnd = end(a.Item).CompareTo(end(b.Item));
            return byEnd != 0 ? byEnd : a.Index.CompareTo(b.Index);
        });

        var result = new List<T>(indexed.Count);
        for (var i = 0; i < indexed.Count; i++)
        {
            var item = indexed[i].Item;
            var itemEnd = end(item);
            if (i + 1 < indexed.Count)
            {
                var nextStart = start(indexed[i + 1].Item);
                if (nextStart < itemEnd)
                {
                    itemEnd = nextStart;
                    item = withEnd(item, itemEnd);
                }
            }

            if (itemEnd > start(item))
            {
                result.Add(item);
            }
        }

        return result;
    }
}
