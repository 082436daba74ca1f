using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Itinera.Api.Http;

/// <summary>
/// Reads a JSON object request body with the checks every endpoint needs: Content-Type
/// <c>application/json</c> (else 415), a size limit (else 413), optional gzip
/// (<c>Content-Encoding: gzip</c>), UTF-8 and well-formed JSON (else 400 <c>INVALID_JSON</c>).
/// </summary>
public static class JsonBody
{
    /// <summary>Default limit for small control bodies.</summary>
    public const long DefaultMaxBytes = 64 * 1024;

    public static async Task<(JsonElement Body, ApiError? Error)> ReadObjectAsync(HttpRequest request, long maxBytes = DefaultMaxBytes)
    {
        var (body, error) = await ReadBytesAsync(request, maxBytes);
        if (error is not null)
        {
            return (default, error);
        }

        using var _ = body;
        try
        {
            using var document = JsonDocument.Parse(body!.Memory, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (default, new ApiError(StatusCodes.Status400BadRequest, ErrorCodes.InvalidJson, "The request body must be a JSON object."));
            }

            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, InvalidJson(e));
        }
    }

    /// <summary>The 400 answer for a body that is not well-formed JSON.</summary>
    public static ApiError InvalidJson(JsonException e) => new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidJson,
        $"The request body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");

    /// <summary>
    /// The raw (decompressed) JSON body after the Content-Type, encoding and size checks, in a pooled buffer
    /// that the caller disposes (uploads are large; renting avoids a large-object-heap allocation per request).
    /// </summary>
    public static async Task<(PooledBody? Body, ApiError? Error)> ReadBytesAsync(HttpRequest request, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(request);
        var contentType = request.ContentType ?? "";
        var mediaType = contentType.Split(';', 2)[0].Trim();
        if (!mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (default, new ApiError(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
                $"The body must be sent with 'Content-Type: application/json', not '{(mediaType.Length == 0 ? "(none)" : mediaType)}'."));
        }

        var encoding = request.Headers.ContentEncoding.ToString();
        var gzip = encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase);
        if (encoding.Length > 0 && !gzip && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            return (default, new ApiError(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType,
                $"Content-Encoding '{encoding}' is not supported; use gzip or none."));
        }

        if (!gzip && request.ContentLength > maxBytes)
        {
            return (default, TooLarge(maxBytes));
        }

        var body = new PooledBody(request.ContentLength is { } length && length <= maxBytes ? (int)length + 1 : 16 * 1024);
        try
        {
            // Read at most maxBytes + 1, after decompression, so a small gzip bomb cannot blow up memory.
            var source = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : request.Body;
            await using (source)
            {
                while (true)
                {
                    var read = await source.ReadAsync(body.FreeSpace(), request.HttpContext.RequestAborted);
                    if (read == 0)
                    {
                        break;
                    }

                    body.Advance(read);
                    if (body.Length > maxBytes)
                    {
                        body.Dispose();
                        return (null, TooLarge(maxBytes));
                    }
                }
            }
        }
        catch (InvalidDataException)
        {
            body.Dispose();
            return (null, new ApiError(StatusCodes.Status400BadRequest, ErrorCodes.InvalidJson, "The gzip-compressed body is corrupt."));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body.Dispose();
            return (null, TooLarge(maxBytes));
        }
        catch
        {
            body.Dispose();
            throw;
        }

        if (body.Length == 0)
        {
            body.Dispose();
            return (null, new ApiError(StatusCodes.Status400BadRequest, ErrorCodes.InvalidJson, "The request body is empty; a JSON object is required."));
        }

        // The JSON reader checks structure but leaves string contents to be decoded on use, where bytes that
        // are not UTF-8 would throw; checking once here makes them a client error for every endpoint.
        if (!System.Text.Unicode.Utf8.IsValid(body.Memory.Span))
        {
            body.Dispose();
            return (null, new ApiError(StatusCodes.Status400BadRequest, ErrorCodes.InvalidJson, "The request body is not valid UTF-8."));
        }

        return (body, null);
    }

    /// <summary>A required non-empty string member, or the 400 error naming it.</summary>
    public static (string Value, ApiError? Error) RequiredString(JsonElement body, string name, int maxLength = 256)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return ("", ApiError.InvalidParameter($"'{name}' is required."));
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return ("", ApiError.InvalidParameter($"'{name}' must be a string."));
        }

        var text = value.GetString()!;
        if (text.Trim().Length == 0)
        {
            return ("", ApiError.InvalidParameter($"'{name}' must not be empty."));
        }

        if (text.Length > maxLength)
        {
            return ("", ApiError.InvalidParameter($"'{name}' must be at most {maxLength} characters."));
        }

        if (text.Any(char.IsControl))
        {
            return ("", ApiError.InvalidParameter($"'{name}' must not contain control characters."));
        }

        return (text, null);
    }

    public static ApiError TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, $"The request body exceeds the limit of {maxBytes} bytes.");
}

/// <summary>A request body in a buffer rented from the shared pool; disposing returns it.</summary>
public sealed class PooledBody(int initialSize) : IDisposable
{
    private byte[] _buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(initialSize, 4096));

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    /// <summary>Room for the next read, growing the buffer when it is full.</summary>
    public Memory<byte> FreeSpace()
    {
        if (Length == _buffer.Length)
        {
            var bigger = System.Buffers.ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, Length).CopyTo(bigger);
            System.Buffers.ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        return _buffer.AsMemory(Length);
    }

    public void Advance(int count) => Length += count;

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
