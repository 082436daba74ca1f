using System.Globalization;
using System.Text;
using Itinera.Core.Ingestion;
using Itinera.Core.Ingestion.Formats;

namespace Itinera.Core.Tests.Ingestion.Formats;

internal static class Input
{
    public static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>A stream that cannot seek and returns few bytes per read, like a network body.</summary>
    public static Stream NonSeekable(string text, int chunk = 7) => new TrickleStream(Encoding.UTF8.GetBytes(text), chunk);

    public static long Ms(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();

    public static List<ImportRecord> All(IEnumerable<ImportRecord> records) => [.. records];

    public static List<Fix> Fixes(IEnumerable<ImportRecord> records) =>
        [.. records.Where(r => r.Kind == ImportRecordKind.Fix).Select(r => r.Fix)];

    public static List<string?> Reasons(IEnumerable<ImportRecord> records) =>
        [.. records.Where(r => r.Kind == ImportRecordKind.Rejected).Select(r => r.Reason)];

    private sealed class TrickleStream(byte[] data, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, chunk), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>
/// A read-only stream whose content is produced on demand, line after line, so that tests can read inputs of
/// tens of megabytes without materialising them.
/// </summary>
internal sealed class GeneratedStream(byte[] prefix, Func<long, string> line, long lines, byte[] suffix) : Stream
{
    private readonly byte[] _pending = new byte[4096];
    private int _pendingStart;
    private int _pendingEnd;
    private long _next;
    private int _stage;

    public long BytesProduced { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        while (_pendingStart == _pendingEnd)
        {
            if (!Refill())
            {
                return 0;
            }
        }

        var n = Math.Min(count, _pendingEnd - _pendingStart);
        Array.Copy(_pending, _pendingStart, buffer, offset, n);
        _pendingStart += n;
        BytesProduced += n;
        return n;
    }

    private bool Refill()
    {
        _pendingStart = 0;
        switch (_stage)
        {
            case 0:
                _pendingEnd = Copy(prefix);
                _stage = 1;
                return true;
            case 1 when _next < lines:
                _pendingEnd = Encoding.UTF8.GetBytes(line(_next++), _pending);
                return true;
            case 1:
                _pendingEnd = Copy(suffix);
                _stage = 2;
                return true;
            default:
                _pendingEnd = 0;
                return false;
        }
    }

    private int Copy(byte[] bytes)
    {
        bytes.CopyTo(_pending, 0);
        return bytes.Length;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
