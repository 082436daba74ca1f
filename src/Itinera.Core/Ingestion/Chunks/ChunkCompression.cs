using System.IO.Compression;

namespace Itinera.Core.Ingestion.Chunks;

/// <summary>Deflate framing shared by the chunk codecs: one format byte, then the compressed payload.</summary>
internal static class ChunkCompression
{
    public static byte[] Compress(byte format, ReadOnlySpan<byte> payload)
    {
        using var output = new MemoryStream(payload.Length / 2 + 16);
        output.WriteByte(format);
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(payload);
        }

        return output.ToArray();
    }

    public static byte[] Decompress(byte expectedFormat, ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length < 1 || chunk[0] != expectedFormat)
        {
            throw new InvalidDataException($"Unknown sensor chunk format {(chunk.Length > 0 ? chunk[0] : -1)}; expected {expectedFormat}.");
        }

        using var input = new MemoryStream(chunk[1..].ToArray(), writable: false);
        using var deflate = new DeflateStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(chunk.Length * 4);
        deflate.CopyTo(output);
        return output.ToArray();
    }
}
