namespace Itinera.Storage.Identity;

/// <summary>Outcomes of identity operations that are not successes, each mapped to an API error code.</summary>
public enum IdentityFailure
{
    None,
    InstallNotFound,
    InstallDoesNotBelongToApp,
    InstallDisabled,
    InstallDeleted,
    InstallDeactivated,
    InstallLinkedToOtherUser,
    CannotLinkExistingPersonToOtherPerson,
    TooManyActiveKeys,
    UnknownApplication,
    InvalidAppSecret,
    InvalidCode,
    InvalidRefreshToken,
    UserNotFound,
    UserNotActive,
    EmailTaken,
    UnknownAccount,
}
