using System.Text;
using System.Text.Json;

namespace Itinera.Core.Ingestion.Formats;

/// <summary>
/// A pull parser over a JSON <see cref="Stream"/>: <see cref="Utf8JsonReader"/> over a buffer that is refilled
/// as tokens are consumed, so memory is bounded by the longest single token (the buffer starts at 64 KB and
/// only grows for a longer string), not by the document. Malformed JSON does not throw: <see cref="Read"/>
/// returns false and <see cref="Failed"/> is set, so iterators can report it as a rejection.
/// </summary>
internal sealed class JsonTokenStream
{
    private const int InitialBufferSize = 64 * 1024;
    private const double MaxEpochMs = 253_402_300_799_999;

    private readonly Stream _stream;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;
    private bool _finalBlock;
    private bool _started;
    private bool _ended;
    private JsonReaderState _state = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
    private byte[] _value = new byte[256];
    private int _valueLength;

    public JsonTokenStream(Stream stream) => _stream = stream;

    /// <summary>The current token; <see cref="JsonTokenType.None"/> at the end or after a failure.</summary>
    public JsonTokenType TokenType { get; private set; }

    /// <summary>Nesting depth of the current token (the root value is at depth 0).</summary>
    public int Depth { get; private set; }

    /// <summary>True once the input turned out to be malformed.</summary>
    public bool Failed { get; private set; }

    /// <summary>The unescaped UTF-8 of the current property name, string or number token.</summary>
    public ReadOnlySpan<byte> Value => _value.AsSpan(0, _valueLength);

    /// <summary>Advances to the next token; false at the end of the input or when it is malformed.</summary>
    public bool Read()
    {
        if (Failed || _ended)
        {
            return false;
        }

        if (!_started)
        {
            _started = true;
            Fill();
            if (_end - _start >= 3 && _buffer.AsSpan(_start, 3).SequenceEqual("\uFEFF"u8))
            {
                _start += 3;
            }
        }

        while (true)
        {
            try
            {
                var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _finalBlock, _state);
                if (reader.Read())
                {
                    Capture(ref reader);
                    _start += (int)reader.BytesConsumed;
                    _state = reader.CurrentState;
                    return true;
                }

                _start += (int)reader.BytesConsumed;
                _state = reader.CurrentState;
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
            {
                Failed = true;
                TokenType = JsonTokenType.None;
                return false;
            }

            if (_finalBlock)
            {
                _ended = true;
                TokenType = JsonTokenType.None;
                return false;
            }

            Fill();
        }
    }

    /// <summary>Reads the next token and returns true if it is a property name (false at the object's end).</summary>
    public bool NextProperty() => Read() && TokenType == JsonTokenType.PropertyName;

    /// <summary>True when the current property name or string equals <paramref name="utf8"/> exactly.</summary>
    public bool Is(ReadOnlySpan<byte> utf8) => Value.SequenceEqual(utf8);

    /// <summary>
    /// Skips the current value: if it is an object or array, reads up to and including its end; if it is a
    /// property name, skips the property's value. False if the input ended or broke.
    /// </summary>
    public bool Skip()
    {
        if (TokenType == JsonTokenType.PropertyName && !Read())
        {
            return false;
        }

        if (TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return true;
        }

        var depth = Depth;
        while (Read())
        {
            if (TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && Depth == depth)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A number token, or a string holding a number (Google writes some numbers as strings).</summary>
    public bool TryGetNumber(out double value)
    {
        value = 0;
        return TokenType is JsonTokenType.Number or JsonTokenType.String && ValueParser.TryParseNumber(Value, out value);
    }

    /// <summary>
    /// A time: a number or numeric string is an epoch of unit decided by magnitude (see
    /// <see cref="ValueParser.TryEpochToMs"/>); other strings are ISO-8601 (UTC when without offset).
    /// </summary>
    public bool TryGetTime(out long epochMs)
    {
        epochMs = 0;
        if (TryGetNumber(out var number))
        {
            return ValueParser.TryEpochToMs(number, out epochMs);
        }

        Span<char> chars = stackalloc char[64];
        return TryGetChars(chars, out var length) && ValueParser.TryParseIsoTime(chars[..length], out epochMs);
    }

    /// <summary>An epoch-milliseconds value written as a number or a numeric string (<c>timestampMs</c>).</summary>
    public bool TryGetEpochMs(out long epochMs)
    {
        epochMs = 0;
        if (!TryGetNumber(out var number) || Math.Abs(number) > MaxEpochMs)
        {
            return false;
        }

        epochMs = (long)Math.Round(number);
        return true;
    }

    /// <summary>
    /// Decodes the current string or property name into <paramref name="destination"/>; false if the token is
    /// neither or does not fit.
    /// </summary>
    public bool TryGetChars(Span<char> destination, out int length)
    {
        length = 0;
        if (TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || Encoding.UTF8.GetCharCount(Value) > destination.Length)
        {
            return false;
        }

        length = Encoding.UTF8.GetChars(Value, destination);
        return true;
    }

    private void Capture(ref Utf8JsonReader reader)
    {
        TokenType = reader.TokenType;
        Depth = reader.CurrentDepth;
        _valueLength = 0;
        if (TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName or JsonTokenType.Number))
        {
            return;
        }

        var raw = reader.ValueSpan;
        if (_value.Length < raw.Length)
        {
            _value = new byte[Math.Max(raw.Length, _value.Length * 2)];
        }

        if (reader.ValueIsEscaped)
        {
            _valueLength = reader.CopyString(_value);
        }
        else
        {
            raw.CopyTo(_value);
            _valueLength = raw.Length;
        }
    }

    private void Fill()
    {
        var remaining = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, remaining);
            _start = 0;
            _end = remaining;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        // Fill the buffer completely: a partial token is re-scanned after every fill, so filling in small
        // network-sized chunks would make long tokens quadratic.
        while (_end < _buffer.Length)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _finalBlock = true;
                return;
            }

            _end += read;
        }
    }
}
