namespace Itinera.Core.Ingestion.Formats;

/// <summary>
/// Entry point of the importers: reads any supported location-history file as a lazy stream of
/// <see cref="ImportRecord"/>s in constant memory (GeoJSON: bounded by the largest feature). Readers only parse
/// and range-check; the server validates and deduplicates later. Bad content never throws: it becomes
/// rejections with a reason code. I/O errors of the stream propagate. Streams are never closed by the readers.
/// </summary>
public static class LocationFileReader
{
    /// <summary>Reads <paramref name="stream"/> as <paramref name="format"/>, lazily.</summary>
    public static IEnumerable<ImportRecord> Read(Stream stream, FileFormat format)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return format switch
        {
            FileFormat.Gpx => GpxReader.Read(stream),
            FileFormat.GeoLifePlt => PltReader.Read(stream),
            FileFormat.Csv => CsvLocationReader.Read(stream),
            FileFormat.GeoJson => GeoJsonReader.Read(stream),
            FileFormat.GoogleTakeoutRecords => TakeoutRecordsReader.Read(stream),
            FileFormat.GoogleTimeline => GoogleTimelineReader.Read(stream),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown file format."),
        };
    }

    /// <summary>
    /// Detects the format from the first <see cref="FormatDetector.HeadSize"/> bytes (the file name only breaks
    /// ties), then reads the whole stream, head included; works on non-seekable streams. When the format is not
    /// recognised the result is a single <see cref="RejectReasons.UnknownFormat"/> rejection at position 0.
    /// </summary>
    public static IEnumerable<ImportRecord> Read(Stream stream, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadDetected(stream, fileName);
    }

    /// <summary>
    /// Detects the format of <paramref name="stream"/> by reading its head, and returns in
    /// <paramref name="replay"/> a stream that yields the whole content again (head, then the rest).
    /// </summary>
    public static FileFormat? Detect(Stream stream, out Stream replay, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var head = new byte[FormatDetector.HeadSize];
        var length = 0;
        while (length < head.Length)
        {
            var read = stream.Read(head, length, head.Length - length);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        replay = new ReplayStream(head, length, stream);
        return FormatDetector.Detect(head.AsSpan(0, length), fileName);
    }

    private static IEnumerable<ImportRecord> ReadDetected(Stream stream, string? fileName)
    {
        var format = Detect(stream, out var replay, fileName);
        if (format is null)
        {
            yield return ImportRecord.Reject(0, RejectReasons.UnknownFormat);
            yield break;
        }

        foreach (var record in Read(replay, format.Value))
        {
            yield return record;
        }
    }

    /// <summary>A read-only stream that serves buffered head bytes, then the rest of the source (left open).</summary>
    private sealed class ReplayStream(byte[] head, int headLength, Stream rest) : Stream
    {
        private int _headPosition;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_headPosition < headLength)
            {
                var count = Math.Min(buffer.Length, headLength - _headPosition);
                head.AsSpan(_headPosition, count).CopyTo(buffer);
                _headPosition += count;
                return count;
            }

            return rest.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
