namespace Itinera.Api.Http;

/// <summary>The <c>errorCode</c> values of error bodies. See docs/errors.md for statuses and meanings.</summary>
public static class ErrorCodes
{
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Forbidden = "FORBIDDEN";
    public const string InsufficientScope = "INSUFFICIENT_SCOPE";
    public const string UserNotFound = "USER_NOT_FOUND";
    public const string EventNotFound = "EVENT_NOT_FOUND";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string InvalidParameter = "INVALID_PARAMETER";
    public const string InvalidJson = "INVALID_JSON";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string ApiVersionGone = "API_VERSION_GONE";
    public const string RateLimited = "RATE_LIMITED";
    public const string InternalError = "INTERNAL_ERROR";
    public const string InstallNotFound = "INSTALL_NOT_FOUND";
    public const string InstallDoesNotBelongToApp = "INSTALL_DOES_NOT_BELONG_TO_APP";
    public const string InstallDisabled = "INSTALL_DISABLED";
    public const string InstallDeleted = "INSTALL_DELETED";
    public const string InstallDeactivated = "INSTALL_DEACTIVATED";
    public const string InstallLinkedToOtherUser = "INSTALL_LINKED_TO_OTHER_USER";
    public const string CannotLinkExistingPersonToOtherPerson = "CANNOT_LINK_EXISTING_PERSON_TO_OTHER_PERSON";
    public const string InvalidCredentials = "INVALID_CREDENTIALS";
    public const string InvalidGrant = "INVALID_GRANT";
}
