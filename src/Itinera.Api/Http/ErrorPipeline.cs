using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Itinera.Api.Http;

/// <summary>
/// Makes every error the framework itself produces (unhandled exceptions, unknown routes, wrong methods,
/// rejected bodies, binding failures) answer with the contract's error body, never a stack trace.
/// </summary>
public static class ErrorPipeline
{
    public static WebApplication UseItineraErrors(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(errorApp => errorApp.Run(async http =>
        {
            var exception = http.Features.Get<IExceptionHandlerFeature>()?.Error;
            var error = exception switch
            {
                BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                    new ApiError(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, "The request body is too large."),
                BadHttpRequestException bad =>
                    new ApiError(bad.StatusCode, bad.StatusCode == StatusCodes.Status415UnsupportedMediaType ? ErrorCodes.UnsupportedMediaType : ErrorCodes.InvalidParameter,
                        "The request could not be read: " + bad.Message),
                OperationCanceledException when http.RequestAborted.IsCancellationRequested =>
                    new ApiError(499, ErrorCodes.InternalError, "The client closed the request."),
                _ => new ApiError(StatusCodes.Status500InternalServerError, ErrorCodes.InternalError,
                    "An unexpected error occurred; quote the ref when reporting it."),
            };
            await error.ExecuteAsync(http);
        }));

        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            var error = status switch
            {
                StatusCodes.Status404NotFound => ApiError.NotFound($"No resource at {http.Request.Method} {http.Request.Path}."),
                StatusCodes.Status405MethodNotAllowed => new ApiError(status, ErrorCodes.MethodNotAllowed,
                    $"{http.Request.Method} is not allowed on {http.Request.Path}."),
                StatusCodes.Status413PayloadTooLarge => new ApiError(status, ErrorCodes.PayloadTooLarge, "The request body is too large."),
                StatusCodes.Status415UnsupportedMediaType => new ApiError(status, ErrorCodes.UnsupportedMediaType, "Unsupported Content-Type."),
                StatusCodes.Status401Unauthorized => ApiError.Unauthorized("Authentication is required."),
                StatusCodes.Status403Forbidden => ApiError.Forbidden("Not allowed."),
                StatusCodes.Status429TooManyRequests => new ApiError(status, ErrorCodes.RateLimited, "Too many requests."),
                >= 500 => new ApiError(status, ErrorCodes.InternalError, "An unexpected error occurred."),
                _ => ApiError.InvalidParameter("The request is invalid."),
            };
            await error.ExecuteAsync(http);
        });
        return app;
    }
}
