package dev.sluice.workspace;

/** A user account as admin lists show it, without its password hash; {@code platformRole} null for members. */
public record UserSummary(String username, String displayName, PlatformRole platformRole, boolean enabled,
                          AccountOrigin origin) {

    static UserSummary of(UserAccount account) {
        return new UserSummary(account.getUsername(), account.getDisplayName(), account.getPlatformRole(),
                account.isEnabled(), account.getOrigin());
    }
}
