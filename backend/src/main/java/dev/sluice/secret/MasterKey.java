package dev.sluice.secret;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.sluice.platform.DataDirectory;

/**
 * The AES-256 key secrets are encrypted with: {@code SLUICE_MASTER_KEY} (base64 of 32 bytes) when set. On the
 * embedded default without it, a key generated once and kept in {@code keys/master.key} under the data
 * directory, readable by the owner only. Elsewhere (PostgreSQL) without it, secrets cannot be used and say so;
 * the rest of Sluice runs. Loaded on first use; thread-safe.
 */
@Component
class MasterKey {

    private final String configured;
    private final boolean embedded;
    private final DataDirectory dataDirectory;
    private volatile Loaded loaded;

    record Loaded(SecretKey key, String id) {
    }

    MasterKey(@Value("${sluice.master-key:}") String configured,
              @Value("${spring.datasource.url}") String datasourceUrl, DataDirectory dataDirectory) {
        this.configured = configured.strip();
        this.embedded = datasourceUrl.startsWith("jdbc:h2:");
        this.dataDirectory = dataDirectory;
    }

    Loaded get() {
        Loaded current = loaded;
        if (current == null) {
            synchronized (this) {
                if (loaded == null) {
                    loaded = load();
                }
                current = loaded;
            }
        }
        return current;
    }

    private Loaded load() {
        byte[] raw;
        if (!configured.isEmpty()) {
            raw = decode(configured, "SLUICE_MASTER_KEY");
        } else if (embedded) {
            raw = decode(readOrCreate(), "keys/master.key");
        } else {
            throw new IllegalStateException("secrets need a master key: set SLUICE_MASTER_KEY to 32 random bytes "
                    + "in base64 (openssl rand -base64 32), the same on every instance");
        }
        return new Loaded(new SecretKeySpec(raw, "AES"), id(raw));
    }

    private static byte[] decode(String text, String where) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + " is not base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalStateException(where + " must hold 32 bytes (AES-256), not " + raw.length);
        }
        return raw;
    }

    private String readOrCreate() {
        try {
            return dataDirectory.readOrCreatePrivate("keys", "master.key", () -> {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                return Base64.getEncoder().encodeToString(fresh) + "\n";
            });
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; set SLUICE_MASTER_KEY instead", e);
        }
    }

    /** A short fingerprint stored with each secret, so a changed master key is reported as such. */
    private static String id(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
