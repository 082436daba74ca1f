using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Itinera.Api.Http;

/// <summary>
/// An error answer: status code plus the body <c>{"message", "errorCode", "ref"}</c> that the API contract
/// fixes. <c>ref</c> is a fresh UUID, logged with the request so that an operator can find it.
/// Every non-2xx answer of Itinera is written by this one type.
/// </summary>
public sealed partial class ApiError(int statusCode, string errorCode, string message) : IResult, IEndpointMetadataProvider
{
    public int StatusCode { get; } = statusCode;

    public string ErrorCode { get; } = errorCode;

    public string Message { get; } = message;

    /// <summary>Seconds to send in <c>Retry-After</c>, for 429 and 503.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static ApiError Unauthorized(string message) => new(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, message);

    public static ApiError Forbidden(string message) => new(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, message);

    public static ApiError InsufficientScope(string scope) =>
        new(StatusCodes.Status403Forbidden, ErrorCodes.InsufficientScope, $"The API key lacks the '{scope}' scope.");

    public static ApiError UserNotFound(string userId) =>
        new(StatusCodes.Status404NotFound, ErrorCodes.UserNotFound, $"User '{Printable(userId)}' was not found.");

    public static ApiError EventNotFound(string what) =>
        new(StatusCodes.Status404NotFound, ErrorCodes.EventNotFound, $"Event {Printable(what)} was not found.");

    public static ApiError NotFound(string message) => new(StatusCodes.Status404NotFound, ErrorCodes.NotFound, message);

    public static ApiError InvalidParameter(string message) => new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidParameter, message);

    /// <summary>The request path as it goes into a log line: escaped as in a URI, so a decoded <c>%0A</c> cannot start a
    /// forged line.</summary>
    public static string LoggablePath(PathString path) => path.ToUriComponent();

    /// <summary>Writes the body and logs the reference.</summary>
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var reference = Guid.NewGuid().ToString();
        var logger = httpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Itinera.Api.Errors");
        var method = httpContext.Request.Method;
        var path = LoggablePath(httpContext.Request.Path);
        if (StatusCode >= 500)
        {
            LogServerError(logger, StatusCode, ErrorCode, reference, method, path);
        }
        else
        {
            LogClientError(logger, StatusCode, ErrorCode, reference, method, path);
        }

        httpContext.Response.StatusCode = StatusCode;
        if (RetryAfterSeconds is { } retry)
        {
            httpContext.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(httpContext.Response.Body, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteString("message", Message);
        writer.WriteString("errorCode", ErrorCode);
        writer.WriteString("ref", reference);
        writer.WriteEndObject();
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    /// <summary>Describes the error body in OpenAPI for every status an endpoint may answer with.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var status in new[] { 400, 401, 403, 404, 429, 500 })
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ErrorBody), ["application/json"]));
        }
    }

    /// <summary>Ids and paths echoed in messages are cut short and stripped of control characters.</summary>
    private static string Printable(string value)
    {
        var cleaned = new string([.. value.Take(100).Where(static ch => !char.IsControl(ch))]);
        return value.Length > 100 ? cleaned + "…" : cleaned;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Status} {ErrorCode} ref={Ref} {Method} {Path}")]
    private static partial void LogServerError(ILogger logger, int status, string errorCode, string @ref, string method, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Status} {ErrorCode} ref={Ref} {Method} {Path}")]
    private static partial void LogClientError(ILogger logger, int status, string errorCode, string @ref, string method, string path);
}

/// <summary>The error body, for OpenAPI.</summary>
public sealed record ErrorBody(string Message, string ErrorCode, string Ref);
