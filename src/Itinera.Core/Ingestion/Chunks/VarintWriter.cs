using System.Buffers;

namespace Itinera.Core.Ingestion.Chunks;

/// <summary>Appends LEB128 varints and zigzag-encoded signed varints to a growing buffer.</summary>
internal sealed class VarintWriter(int capacity = 4096)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(capacity);

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void WriteUnsigned(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _buffer.Advance(i);
    }

    public void WriteSigned(long value) => WriteUnsigned((ulong)((value << 1) ^ (value >> 63)));

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
    }
}

/// <summary>Reads what <see cref="VarintWriter"/> wrote.</summary>
internal ref struct VarintReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly bool AtEnd => _position >= _data.Length;

    public byte ReadByte() => _position < _data.Length ? _data[_position++] : throw Corrupt();

    public ulong ReadUnsigned()
    {
        ulong result = 0;
        var shift = 0;
        while (true)
        {
            if (_position >= _data.Length || shift > 63)
            {
                throw Corrupt();
            }

            var b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }

            shift += 7;
        }
    }

    public long ReadSigned()
    {
        var raw = ReadUnsigned();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || _position + count > _data.Length)
        {
            throw Corrupt();
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    private static InvalidDataException Corrupt() => new("Corrupt sensor chunk.");
}
