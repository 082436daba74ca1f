namespace Itinera.Core.Ingestion;

/// <summary>An item of an upload that was refused, with the reason as an UPPER_SNAKE code.</summary>
/// <param name="Kind">The list it came from: <c>fixes</c>, <c>activities</c>, <c>motion</c> or <c>phone_events</c>.</param>
/// <param name="Index">Its zero-based position in that list.</param>
public readonly record struct Rejection(string Kind, int Index, string Reason);

/// <summary>
/// One upload from a phone (or one batch of an import) after parsing and validation: the valid items
/// of each stream and the refused ones. <see cref="UploadId"/> is the client's idempotency key.
/// </summary>
public sealed class UploadBatch(string uploadId)
{
    /// <summary>Settable because the upload format may name it after the lists (the parser reads in one pass).</summary>
    public string UploadId { get; set; } = uploadId;

    /// <summary>IANA zone the phone reported, if any.</summary>
    public string? TimeZoneId { get; set; }

    public List<Fix> Fixes { get; } = [];

    public List<ActivitySample> Activities { get; } = [];

    public List<MotionBatch> Motion { get; } = [];

    public List<PhoneEvent> PhoneEvents { get; } = [];

    public List<Rejection> Rejected { get; } = [];

    /// <summary>Number of valid items over all streams.</summary>
    public int ValidCount => Fixes.Count + Activities.Count + Motion.Count + PhoneEvents.Count;
}

/// <summary>What storing an upload did: items stored, items already stored before, items refused.</summary>
public sealed record UploadResult(int Accepted, int Duplicates, IReadOnlyList<Rejection> Rejected);
