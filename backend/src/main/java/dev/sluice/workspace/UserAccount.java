package dev.sluice.workspace;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "users")
public class UserAccount {

    /** Matches no encoded password: directory users never sign in with a password kept here. */
    private static final String NO_PASSWORD = "!";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String username;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @Column(name = "password_hash", nullable = false, length = 200)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "platform_role", length = 16)
    private PlatformRole platformRole;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private AccountOrigin origin;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected UserAccount() {
    }

    public UserAccount(String username, String displayName, String passwordHash, PlatformRole platformRole) {
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.platformRole = platformRole;
        this.origin = AccountOrigin.LOCAL;
        this.enabled = true;
        this.createdAt = Instant.now();
    }

    /** A user of a directory or identity provider: no password here, roles from group rules. */
    static UserAccount external(String username, String displayName, AccountOrigin origin) {
        UserAccount user = new UserAccount(username, displayName, NO_PASSWORD, null);
        user.origin = origin;
        return user;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    /** The platform-wide role, or {@code null} for a user with workspace roles only. */
    public PlatformRole getPlatformRole() {
        return platformRole;
    }

    public AccountOrigin getOrigin() {
        return origin;
    }

    void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    void setPlatformRole(PlatformRole platformRole) {
        this.platformRole = platformRole;
    }

    public boolean isEnabled() {
        return enabled;
    }
}
