package dev.sluice.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.sluice.audit.AuditLog;
import dev.sluice.audit.AuditRecord;
import dev.sluice.workspace.Refusal;
import dev.sluice.workspace.RoleAuthorities;
import dev.sluice.workspace.UserAccount;
import dev.sluice.workspace.WorkspaceManagement;

/**
 * Personal API tokens: a user creates bearer tokens for scripts and other systems, which act as that user with
 * the roles the user holds at each call; the user or a platform admin revokes them. Only a SHA-256 hash of each
 * token is kept, so a token is shown once, when created. Creating, revoking and the first use of each token are
 * audited; later uses only update when it was last used (to the minute).
 */
@Service
@Transactional
public class ApiTokens {

    /** Every token starts so, which tells it from the identity provider's tokens. */
    public static final String PREFIX = "sluice_";

    private static final int LONGEST_NAME = 100;
    private static final Duration LONGEST_VALIDITY = Duration.ofDays(366);
    private static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);

    private final ApiTokenRepository tokens;
    private final WorkspaceManagement management;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(ApiTokenRepository tokens, WorkspaceManagement management, AuditLog audit) {
        this.tokens = tokens;
        this.management = management;
        this.audit = audit;
        this.clock = Clock.systemUTC();
    }

    /** A new token, with its secret: the one time it is shown. */
    public record CreatedToken(ApiTokenSummary token, String secret) {
    }

    /**
     * Creates a token of {@code actor}'s named {@code name}, counting for {@code validity} (at most a year; null for
     * the longest).
     */
    public CreatedToken create(String actor, String name, Duration validity) {
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > LONGEST_NAME || label.chars().anyMatch(Character::isISOControl)) {
            throw Refusal.invalid("a token's name is 1 to " + LONGEST_NAME + " characters, e.g. what it is for");
        }
        Duration lasting = validity == null ? LONGEST_VALIDITY : validity;
        if (lasting.isNegative() || lasting.isZero() || lasting.compareTo(LONGEST_VALIDITY) > 0) {
            throw Refusal.invalid("a token counts for 1 to 366 days");
        }
        UserAccount user = tokens.findUser(actor).orElseThrow(() -> Refusal.notFound("User '" + actor + "'"));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        ApiToken token = tokens.save(new ApiToken(user, label, hash(secret), secret.substring(0, PREFIX.length() + 4),
                now, now.plus(lasting)));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", label);
        details.put("expires", now.plus(lasting).toString());
        audit.record(AuditRecord.success(actor, null, "api-token.create", "api-token", token.getId(), details));
        return new CreatedToken(token.summary(), secret);
    }

    /** {@code actor}'s own tokens, revoked ones included. */
    @Transactional(readOnly = true)
    public List<ApiTokenSummary> mine(String actor) {
        return tokens.findByUserUsernameOrderByIdAsc(actor).stream().map(ApiToken::summary).toList();
    }

    /** Every user's tokens, for platform admins. */
    @Transactional(readOnly = true)
    public List<ApiTokenSummary> all(String actor) {
        if (!management.isAdmin(actor)) {
            throw Refusal.forbidden("only platform admins list everyone's API tokens");
        }
        return tokens.findAllByOrderByIdAsc().stream().map(ApiToken::summary).toList();
    }

    /** Revokes a token: its owner's or, for a platform admin, anyone's. Others are told it does not exist. */
    public ApiTokenSummary revoke(String actor, long id) {
        ApiToken token = tokens.findById(id)
                .filter(t -> t.getUser().getUsername().equals(actor) || management.isAdmin(actor))
                .orElseThrow(() -> Refusal.notFound("API token " + id));
        if (!token.isRevoked()) {
            token.revoke(actor, clock.instant());
            audit.record(AuditRecord.success(actor, null, "api-token.revoke", "api-token", id,
                    Map.of("owner", token.getUser().getUsername(), "name", token.summary().name())));
        }
        return token.summary();
    }

    /** The sign-in {@code secret} stands for, if it is a token that counts now. */
    Optional<Authentication> signIn(String secret) {
        Instant now = clock.instant();
        Optional<ApiToken> found = tokens.findByTokenHash(hash(secret)).filter(token -> token.counts(now));
        found.ifPresent(token -> {
            if (token.getLastUsedAt() == null) {
                audit.record(AuditRecord.success(token.getUser().getUsername(), null, "login", "user",
                        token.getUser().getUsername(), Map.of("method", "api-token", "token", token.getId())));
            }
            if (token.getLastUsedAt() == null || token.getLastUsedAt().isBefore(now.minus(USE_RECORDED_EVERY))) {
                token.used(now);
            }
        });
        return found.map(token -> new ApiTokenAuthentication(token.getUser().getUsername(), token.getId(),
                RoleAuthorities.of(token.getUser().getPlatformRole())));
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
