using System.Buffers;

namespace Itinera.Core.Ingestion.Formats;

/// <summary>
/// RFC 4180 record reader over a <see cref="TextReader"/>: quoted fields (with <c>""</c> escapes and embedded
/// separators or line breaks), <c>\n</c>, <c>\r\n</c> or <c>\r</c> line ends. The separator is detected from the
/// first line among <c>,</c> <c>;</c> and tab (the most frequent outside quotes wins; <c>,</c> on ties). Fields
/// are exposed as spans over a reused buffer, so memory is bounded by the longest record.
/// </summary>
internal sealed class CsvTokenizer
{
    private const int BufferSize = 64 * 1024;

    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\n");

    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[BufferSize];
    private int _position;
    private int _length;
    private bool _endOfInput;
    private char[] _record = new char[256];
    private int _recordLength;
    private int[] _fieldStarts = new int[16];
    private int[] _fieldEnds = new int[16];
    private long _line = 1;
    private SearchValues<char>? _unquotedStops;

    public CsvTokenizer(TextReader reader, char? separator = null)
    {
        _reader = reader;
        if (separator is { } s)
        {
            Separator = s;
        }
    }

    /// <summary>The field separator; detected on the first <see cref="ReadRecord"/> unless given.</summary>
    public char Separator { get; private set; }

    /// <summary>Number of fields of the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>1-based line on which the current record starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>True when the current record is an empty line.</summary>
    public bool IsBlank => FieldCount == 1 && _fieldEnds[0] == _fieldStarts[0];

    /// <summary>Field <paramref name="index"/> of the current record, unquoted; empty when out of range.</summary>
    public ReadOnlySpan<char> Field(int index) =>
        index >= 0 && index < FieldCount ? _record.AsSpan(_fieldStarts[index], _fieldEnds[index] - _fieldStarts[index]) : default;

    /// <summary>Reads the next record; false at the end of the input.</summary>
    public bool ReadRecord()
    {
        if (Separator == '\0')
        {
            Separator = DetectSeparator();
        }

        _unquotedStops ??= SearchValues.Create([Separator, '\r', '\n', '"']);
        _recordLength = 0;
        FieldCount = 0;
        if (Peek() < 0)
        {
            return false;
        }

        RecordLine = _line;
        var fieldStart = 0;
        var inQuotes = false;
        var wasQuoted = false;
        while (true)
        {
            if (Peek() < 0)
            {
                AddField(fieldStart);
                return true;
            }

            // Copy the run of ordinary characters in one go, then handle the special character ending it.
            var available = _buffer.AsSpan(_position, _length - _position);
            var stop = inQuotes ? available.IndexOfAny(QuotedStops) : available.IndexOfAny(_unquotedStops);
            var run = stop < 0 ? available : available[..stop];
            if (!run.IsEmpty)
            {
                Append(run);
                _position += run.Length;
                if (stop < 0)
                {
                    continue;
                }
            }

            var c = _buffer[_position++];
            if (inQuotes)
            {
                if (c == '\n')
                {
                    _line++;
                    Append(c);
                }
                else if (Peek() == '"')
                {
                    _position++;
                    Append('"');
                }
                else
                {
                    inQuotes = false;
                }
            }
            else if (c == Separator)
            {
                AddField(fieldStart);
                fieldStart = _recordLength;
                wasQuoted = false;
            }
            else if (c == '\n')
            {
                _line++;
                AddField(fieldStart);
                return true;
            }
            else if (c == '\r')
            {
                if (Peek() == '\n')
                {
                    _position++;
                }

                _line++;
                AddField(fieldStart);
                return true;
            }
            else if (!wasQuoted && _record.AsSpan(fieldStart, _recordLength - fieldStart).IsWhiteSpace())
            {
                // Opening quote (whitespace before it is dropped).
                _recordLength = fieldStart;
                inQuotes = true;
                wasQuoted = true;
            }
            else
            {
                Append(c);
            }
        }
    }

    private char DetectSeparator()
    {
        if (Peek() < 0)
        {
            return ',';
        }

        int commas = 0, semicolons = 0, tabs = 0;
        var inQuotes = false;
        for (var i = _position; i < _length; i++)
        {
            var c = _buffer[i];
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes)
            {
                if (c is '\n' or '\r')
                {
                    break;
                }

                switch (c)
                {
                    case ',': commas++; break;
                    case ';': semicolons++; break;
                    case '\t': tabs++; break;
                }
            }
        }

        if (semicolons > commas && semicolons >= tabs)
        {
            return ';';
        }

        return tabs > commas ? '\t' : ',';
    }

    private int Peek()
    {
        if (_position < _length)
        {
            return _buffer[_position];
        }

        if (_endOfInput)
        {
            return -1;
        }

        _length = _reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        if (_length == 0)
        {
            _endOfInput = true;
            return -1;
        }

        return _buffer[0];
    }

    private void Append(ReadOnlySpan<char> chars)
    {
        if (_recordLength + chars.Length > _record.Length)
        {
            Array.Resize(ref _record, Math.Max(_record.Length * 2, _recordLength + chars.Length));
        }

        chars.CopyTo(_record.AsSpan(_recordLength));
        _recordLength += chars.Length;
    }

    private void Append(char c)
    {
        if (_recordLength == _record.Length)
        {
            Array.Resize(ref _record, _record.Length * 2);
        }

        _record[_recordLength++] = c;
    }

    private void AddField(int start)
    {
        if (FieldCount == _fieldStarts.Length)
        {
            Array.Resize(ref _fieldStarts, _fieldStarts.Length * 2);
            Array.Resize(ref _fieldEnds, _fieldEnds.Length * 2);
        }

        _fieldStarts[FieldCount] = start;
        _fieldEnds[FieldCount] = _recordLength;
        FieldCount++;
    }
}
